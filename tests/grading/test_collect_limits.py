"""`tdp grade collect` against what careless or hostile senders put in a zip or a folder: it
finishes for the whole class, each bad entry a row with its reason; a zip bomb writes no more
than the limits; links are not followed; names are cleaned and only proposed."""

from __future__ import annotations

import contextlib
import os
import resource
import struct
import subprocess
import sys
import threading
import time
import zipfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tdp.grading.collect import MB, CollectLimits, collect
from tdp.grading.course import Course
from tdp.grading.names import clean_name, printable
from tdp.tables import FORMULA_PREFIXES

TDP = str(Path(sys.executable).with_name("tdp"))
A = "bai1"
GOOD = b'{"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}'


@pytest.fixture
def course(tmp_path):
    root = tmp_path / "khoa"
    (root / "solutions" / A).mkdir(parents=True)
    (root / "solutions" / A / f"{A}.ipynb").write_bytes(GOOD)
    return Course(root=root, var=root / "var", trainees_csv=root / "course" / "trainees.csv")


def _patch(path: Path, name: str, local_at: int, central_at: int, value: int) -> None:
    """Overwrite a 2-byte field of an entry's local and central headers (what no zip
    library lets one write: an unknown method, an encryption flag without encryption)."""
    data = bytearray(path.read_bytes())
    raw = name.encode()
    for signature, name_at, field_at in ((b"PK\x03\x04", 30, local_at),
                                         (b"PK\x01\x02", 46, central_at)):
        at = data.index(signature)
        while data[at + name_at: at + name_at + len(raw)] != raw:
            at = data.index(signature, at + 4)
        struct.pack_into("<H", data, at + field_at, value)
    path.write_bytes(bytes(data))


def test_every_odd_entry_is_a_row_and_the_class_finishes(course, tmp_path):
    archive = tmp_path / "lop.zip"
    long_name = f"{A}_" + "Ánh" * 100 + ".ipynb"  # > 255 bytes
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr(f"{A}_Nguyễn Văn An.ipynb", GOOD)
        z.writestr(f"../../{A}_Đỗ Văn Hùng.ipynb", GOOD)  # taken by its name, written inside
        z.writestr(f"__MACOSX/._{A}_Đỗ Văn Hùng.ipynb", b"\x00")
        z.writestr(zipfile.ZipInfo(""), GOOD)
        z.writestr(zipfile.ZipInfo(f"{A}_Trần Thị Bình.ipynb", (2026, 0, 1, 0, 0, 0)), GOOD)
        z.writestr(long_name, GOOD)
        z.writestr(f"{A}_Lê Văn Cường.ipynb", GOOD)  # its CRC is broken below
        z.writestr(f"{A}_Phạm Thị Dung.ipynb", GOOD)  # marked encrypted below
        z.writestr(f"{A}_Hoàng Văn Em.ipynb", GOOD)  # unknown method below
        z.writestr(f"{A}_=cmd|' -C calc'!A0.ipynb", GOOD)
        z.writestr(f"{A}_Vũ \u202eThị\x1bGi\u200bang\u2066.ipynb", GOOD)
    data = archive.read_bytes()
    with zipfile.ZipFile(archive) as z:
        info = z.getinfo(f"{A}_Lê Văn Cường.ipynb")
    start = info.header_offset + 30 + len(info.filename.encode())
    at = data.index(GOOD, start)
    archive.write_bytes(data[:at] + b"X" + data[at + 1:])
    _patch(archive, f"{A}_Hoàng Văn Em.ipynb", 8, 10, 99)  # compression method
    _patch(archive, f"{A}_Phạm Thị Dung.ipynb", 6, 8, 0x1)  # flags: encrypted

    report = collect(course, A, archive)
    got = {name for _, name, _ in report.collected}
    assert got == {"Nguyễn Văn An", "Đỗ Văn Hùng", "Trần Thị Bình", "Vũ Thị Giang"}
    assert not (tmp_path / f"{A}_Đỗ Văn Hùng.ipynb").exists()
    why = dict(report.rejected)
    assert why["(mục thứ 4)"] == "mục trong tệp nén không có tên"
    assert "dài quá" in why[long_name]
    assert "CRC" in why[f"{A}_Lê Văn Cường.ipynb"]
    assert "mật khẩu" in why[f"{A}_Phạm Thị Dung.ipynb"]
    assert "kiểu nén không hỗ trợ (mã 99)" in why[f"{A}_Hoàng Văn Em.ipynb"]
    assert "công thức" in why[f"{A}_=cmd|' -C calc'!A0.ipynb"]
    assert "ngày giờ" in dict(report.notes)[f"{A}_Trần Thị Bình.ipynb"]
    # a new name is proposed, never written into the class list
    assert not course.trainees_csv.exists()
    assert report.proposal is not None
    assert "Vũ Thị Giang" in report.proposal.read_text(encoding="utf-8-sig")


def test_the_cli_never_echoes_control_characters(course, tmp_path):
    archive = tmp_path / "lop.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr(f"{A}_Vũ Thị\x1b]0;hacked\x07 Giang.ipynb", GOOD)
        z.writestr("\x1b[31mvideo\u202e.mp4", b"x")
    run = subprocess.run([TDP, "grade", "--course-root", str(course.root), "--var",
                          str(course.var), "collect", A, str(archive)],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert "\x1b" not in run.stdout + run.stderr and "\u202e" not in run.stdout + run.stderr
    assert "Đã thu: Vũ Thị ]0;hacked Giang" in run.stdout
    assert "tdp class import" in run.stderr
    assert not course.trainees_csv.exists()


def _zip_bomb(path: Path, entries: dict[str, int]) -> None:
    zeros = bytes(MB)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for name, size in entries.items():
            info = zipfile.ZipInfo(name, (2026, 11, 1, 8, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            with z.open(info, "w", force_zip64=True) as out:
                for _ in range(size // MB):
                    out.write(zeros)


@pytest.fixture(scope="module")
def bomb(tmp_path_factory):
    path = tmp_path_factory.mktemp("bom") / "lop.zip"
    _zip_bomb(path, {f"{A}_Nguyễn Văn An.ipynb": 1024 * MB, "video.mp4": 256 * MB})
    return path


def _disk_use(folder: Path) -> int:
    total = 0
    for root, _, files in os.walk(folder):
        for f in files:
            with contextlib.suppress(FileNotFoundError):
                total += os.lstat(os.path.join(root, f)).st_blocks * 512
    return total


def test_a_zip_bomb_writes_no_more_than_the_limit(course, bomb, tmp_path):
    assert bomb.stat().st_size < 3 * MB
    scratch = tmp_path / "tam"
    scratch.mkdir()
    cap = 25 * MB  # the notebook limit is 20 MB: any file growing past this kills the run

    def limit_file_size():
        resource.setrlimit(resource.RLIMIT_FSIZE, (cap, cap))

    peak, done = [0], threading.Event()

    def watch():
        while not done.is_set():
            peak[0] = max(peak[0], _disk_use(scratch) + _disk_use(course.root))
            time.sleep(0.02)

    watcher = threading.Thread(target=watch)
    watcher.start()
    try:
        run = subprocess.run([TDP, "grade", "--course-root", str(course.root), "--var",
                              str(course.var), "collect", A, str(bomb)], capture_output=True,
                             text=True, timeout=600, preexec_fn=limit_file_size,
                             env=os.environ | {"TMPDIR": str(scratch)})
    finally:
        done.set()
        watcher.join()
    assert run.returncode == 0, (run.returncode, run.stderr)
    assert "Không thu: bai1_Nguyễn Văn An.ipynb (tệp lớn quá 20 MB cho một bài)" in run.stdout
    assert "Không khớp: video.mp4" in run.stdout
    assert peak[0] <= 21 * MB, peak[0]
    assert not (course.submitted / "nguyen_van_an").exists()


def test_ratio_and_class_limits(course, tmp_path):
    archive = tmp_path / "lop.zip"
    _zip_bomb(archive, {f"{A}_Nguyễn Văn An.ipynb": 8 * MB})
    report = collect(course, A, archive)
    assert dict(report.rejected) == {
        f"{A}_Nguyễn Văn An.ipynb": "tỉ lệ nén bất thường (có thể là bom nén)"}

    folder = tmp_path / "thu_muc"
    folder.mkdir()
    for name in ("Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường"):
        (folder / f"{A}_{name}.ipynb").write_bytes(os.urandom(2 * MB))
    report = collect(course, A, folder, CollectLimits(class_bytes=5 * MB))
    assert len(report.collected) == 2
    assert [why for _, why in report.rejected] == ["đã vượt 5 MB cho cả lớp"]


def test_links_are_never_followed(course, tmp_path):
    secret = tmp_path / "var" / "tdp.sqlite"
    secret.parent.mkdir()
    secret.write_bytes(b"SQLite format 3\x00 MAT_KHAU")
    folder = tmp_path / "usb"
    (folder / "sub").mkdir(parents=True)
    (folder / f"{A}_Lê Văn Cường.ipynb").symlink_to("/etc/passwd")
    (folder / f"{A}_Trần Thị Bình.ipynb").symlink_to(secret)
    (folder / "lien_ket").symlink_to(tmp_path / "var", target_is_directory=True)
    (folder / "sub" / f"{A}_Nguyễn Văn An.ipynb").write_bytes(GOOD)
    report = collect(course, A, folder)
    assert [name for _, name, _ in report.collected] == ["Nguyễn Văn An"]
    assert {f for f, _ in report.rejected} == {
        f"{A}_Lê Văn Cường.ipynb", f"{A}_Trần Thị Bình.ipynb", "lien_ket"}
    copied = b"".join(p.read_bytes() for p in course.var.rglob("*") if p.is_file())
    assert b"root:" not in copied and b"MAT_KHAU" not in copied


names = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=60)


@given(names)
def test_a_cleaned_name_is_plain_and_stable(raw):
    import unicodedata

    name, why = clean_name(raw)
    if name is None:
        assert why
        return
    assert not any(unicodedata.category(c) in ("Cc", "Cf") for c in name)
    assert not name.startswith(FORMULA_PREFIXES) and name == name.strip()
    assert unicodedata.is_normalized("NFC", name) and len(name) <= 100
    assert clean_name(name) == (name, None)


@given(names)
def test_printable_hides_every_control(raw):
    import unicodedata

    shown = printable(raw)
    assert not any(unicodedata.category(c) in ("Cc", "Cf") for c in shown)
    assert len(shown) == len(raw)
