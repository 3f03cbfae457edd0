"""Where grading's cage comes from: what each kernel of a course must not see, what it gets
a private copy of, and the refusal to grade unconfined unless the trainer said so."""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

from tdp.errors import TdpError
from tdp.grading import sandbox
from tdp.grading.course import Course
from tdp.grading.sandbox import Cage, Limits


class SandboxUnavailable(TdpError):
    """Grading would run trainees' code unconfined, and the trainer did not accept that."""


def cage_for(course: Course, limit: float, limits: Limits | None = None,
             hidden: tuple[Path, ...] = ()) -> Cage:
    """What each kernel of this course is caged in: its state folders, the repository's
    var/, the solutions, the store and `hidden` (a hub's whole folder: every work area, the
    exchange, the secrets) hidden; the exercises' store copied in."""
    from tdp.paths import course_dir, database_url, project_root, var_dir

    hide = {course.var, course.root / "var", project_root() / "var", var_dir(),
            course.solutions, course.trainees_csv, *hidden}
    url = database_url()
    if url.startswith("sqlite:///"):
        db = Path(url.removeprefix("sqlite:///"))
        hide |= {db, Path(f"{db}-wal"), Path(f"{db}-shm")}
    store = _exercise_store_file()
    copies = [(str(store), "bai_tap.sqlite"), (f"{store}-wal", "bai_tap.sqlite-wal"),
              (str(var_dir() / "bai_tap_mau.json"), "bai_tap_mau.json")] if store else []
    base = limits or Limits()
    reveal = sorted({*sandbox.python_folders(), str(course_dir())})
    return Cage(uid=0, cwd="/", hide=sorted(str(p) for p in hide), copies=copies, reveal=reveal,
                limits=replace(base, cpu_seconds=max(base.cpu_seconds, int(limit))))


def _exercise_store_file() -> Path | None:
    from tdp.paths import bai_tap_database_url

    url = bai_tap_database_url()
    return Path(url.removeprefix("sqlite:///")) if url.startswith("sqlite:///") else None


def prepare_exercises(course: Course, assignment: str) -> None:
    """Seed the exercises' store and look up the sample people this assignment asks for,
    here, once: each caged kernel gets a copy and never has to search the registry."""
    import re

    roles = set()
    for nb in (course.solutions / assignment).glob("*.ipynb"):
        text = nb.read_text(encoding="utf-8").replace('\\"', '"')
        roles |= set(re.findall(r'nguoi_mau\("([a-z0-9_]+)"\)', text))
    try:
        from tdp.grading import bai_tap

        for role in sorted(roles):
            bai_tap.nguoi_mau(role)
    except Exception:  # noqa: BLE001 - a course being edited: its kernels will say why
        pass


def check_isolation(isolate: bool) -> None:
    """Refuse to grade unconfined unless the trainer said so (`--khong-co-lap`)."""
    if not isolate:
        sys.stderr.write("Cảnh báo: chấm KHÔNG cô lập (--khong-co-lap): mã trong bài nộp chạy "
                         "với quyền của máy chấm. Chỉ dùng với bài đáng tin.\n")
        return
    why = sandbox.available()
    if why is not None:
        raise SandboxUnavailable(
            f"Không dựng được vùng cô lập để chấm bài: {why}. Không có nó, bài nộp có thể đọc "
            "cơ sở dữ liệu, sổ điểm và bài của học viên khác. Chỉ khi mọi bài đều đáng tin, "
            "chạy lại với --khong-co-lap.")
