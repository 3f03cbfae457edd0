"""Benchmark: certificates for a large class (default 200 trainees), as `tdp print
certificates` makes them (one rendering per certificate, joined, with a progress bar), and the
cheat-sheet and all role cards for comparison. Prints times; asserts nothing.

    .venv/bin/python bench/printouts.py [--trainees 200]

Everything happens in a temporary folder: a copy of course/ whose certificate rule counts
only attendance and the post-test, a class list, attendance for every session and post-test
scores. The real var/ is not touched.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--trainees", type=int, default=200)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="tdp-bench-print-"))
    course = tmp / "course"
    shutil.copytree(ROOT / "course", course)
    info = course / "khoa_hoc.yaml"
    info.write_text(info.read_text(encoding="utf-8").replace("bai_tap: 50", "bai_tap: 0")
                    .replace("kiem_tra_cuoi_khoa: 50", "kiem_tra_cuoi_khoa: 100"),
                    encoding="utf-8")
    os.environ.update(TDP_COURSE_DIR=str(course), TDP_VAR_DIR=str(tmp / "var"),
                      TDP_TRAINEES_CSV=str(tmp / "trainees.csv"),
                      TDP_GRADEBOOK_URL=f"sqlite:///{tmp / 'none.db'}",
                      TDP_DATABASE_URL=f"sqlite:///{tmp / 'tdp.sqlite'}")
    ids = [f"hv_{i:03d}" for i in range(args.trainees)]
    given = ["An", "Bình", "Chi", "Dũng", "Hương", "Khánh", "Lan", "Minh", "Ngọc", "Phúc"]
    rows = ["ma_hoc_vien,ho_ten,phuong"] + [
        f"{i},Nguyễn Thị {given[n % 10]} {n},{'thong_nhat' if n % 2 else 'pleiku'}"
        for n, i in enumerate(ids)]
    (tmp / "trainees.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    (tmp / "var").mkdir()
    (tmp / "var" / "attendance.json").write_text(json.dumps(
        {"co_mat": {i: [1, 2, 3, 4, 5] for i in ids}}), encoding="utf-8")
    (tmp / "var" / "kiem_tra").mkdir()
    (tmp / "var" / "kiem_tra" / "post.json").write_text(json.dumps({
        "de": "post", "so_cau": 15, "cau_hoi": [],
        "hoc_vien": {i: {"ho_ten": i, "tra_loi": [], "dung": [], "diem": 12} for i in ids}}),
        encoding="utf-8")

    from tdp.printouts.certificates import write_certificates
    from tdp.printouts.cheat_sheet import write_cheat_sheet
    from tdp.printouts.role_cards import write_role_cards

    for name, run in (
        ("cheat-sheet", lambda: write_cheat_sheet(tmp / "cs.pdf")),
        ("role cards (every scenario)", lambda: write_role_cards(tmp / "rc.pdf")),
        (f"certificates ({args.trainees})", lambda: write_certificates(tmp / "ce.pdf")),
    ):
        start, cpu = time.perf_counter(), time.process_time()
        run()
        print(f"{name}: {time.perf_counter() - start:.1f} s wall, "
              f"{time.process_time() - cpu:.1f} s CPU", file=sys.stdout, flush=True)
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
