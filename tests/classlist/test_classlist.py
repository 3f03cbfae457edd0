"""`tdp class import | template`: every bad row reported with its number, nothing written
until the file is clean, ids kept for trainees already listed, the old list moved aside."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from tdp.classlist import read_trainees
from tdp.classlist.rows import FORMULA_START, check_name, check_phone, check_rows, ward_lookup
from tdp.paths import project_root

TDP = Path(sys.executable).with_name("tdp")
WARDS = ward_lookup([("thong_nhat", "Phường Thống Nhất"), ("pleiku", "Phường Pleiku")])
HEADER = ["Họ và tên", "Phường/xã", "Số điện thoại"]


def tdp(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(TDP), *args], cwd=cwd, capture_output=True, text=True,
                          timeout=120)


def xlsx(path: Path, rows: list[list[object]]) -> Path:
    book = Workbook()
    for row in [HEADER, *rows]:
        book.active.append(row)
    book.save(path)
    return path


def test_the_shipped_class_list_has_no_names() -> None:
    shipped = project_root() / "course" / "trainees.csv"
    assert read_trainees(shipped) == []


def test_bad_rows_are_all_reported_and_nothing_is_written(tmp_path: Path,
                                                          class_list_copy: Path) -> None:
    before = class_list_copy.read_bytes()
    source = xlsx(tmp_path / "lop.xlsx", [
        ["Nguyễn Thị Lan", "Phường Thống Nhất", "0912 345 678"],
        ["=cmd|' /C calc'!A0", "pleiku", None],
        ["Trần Văn Bình", "Hà Nội", "123"],
        [None, None, None],
        ["Lê\u202eVăn Cường", "Pleiku", None],
        ["nguyễn thị lan", "thong_nhat", None],
        ["Phạm Thu Hà", None, None],
    ])
    done = tdp("class", "import", str(source), cwd=tmp_path)
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert [ln.split(":")[0] for ln in lines[:-1]] == ["Dòng 3", "Dòng 4", "Dòng 6", "Dòng 7",
                                                      "Dòng 8"]
    assert "=, +, - hoặc @" in lines[0] and "Hà Nội" in lines[1] and "10 chữ số" in lines[1]
    assert "ký tự ẩn" in lines[2] and "trùng tên với dòng 2" in lines[3]
    assert "thiếu phường/xã" in lines[4] and lines[-1].startswith("Chưa nhập: 5 dòng")
    assert class_list_copy.read_bytes() == before


def test_a_clean_file_replaces_the_list_and_keeps_known_ids(tmp_path: Path,
                                                            class_list_copy: Path) -> None:
    class_list_copy.write_text("ma_hoc_vien,ho_ten\nlan_1,Nguyễn Thị Lan\n", encoding="utf-8")
    source = tmp_path / "lop.csv"
    with source.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([HEADER, ["Nguyễn Thị Lan", "Thống Nhất", "+84912345678"],
                                 ["Lê Văn Cường", "Phường Pleiku", ""]])
    done = tdp("class", "import", str(source), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    trainees = read_trainees(class_list_copy)
    assert [(t.id, t.name, t.ward, t.phone) for t in trainees] == [
        ("lan_1", "Nguyễn Thị Lan", "thong_nhat", "0912345678"),
        ("le_van_cuong", "Lê Văn Cường", "pleiku", "")]
    assert "Danh sách cũ đã chuyển sang" in done.stdout  # moved, never deleted


def test_the_template_round_trips_but_its_example_row_is_refused(tmp_path: Path) -> None:
    template = tmp_path / "mau.xlsx"
    assert tdp("class", "template", str(template), cwd=tmp_path).returncode == 0
    rows = list(load_workbook(template).active.iter_rows(values_only=True))
    assert list(rows[0]) == HEADER
    done = tdp("class", "import", str(template), cwd=tmp_path)
    assert done.returncode == 2 and "Dòng 2: đây là dòng ví dụ" in done.stderr


@pytest.mark.parametrize("content, message", [
    (b"", "trống"), (b"ten,sdt\nA,1\n", "Dòng 1 phải là tiêu đề"),
    (b"\xff\xfe\x00", "UTF-8")])
def test_unusable_files_get_one_line(tmp_path: Path, content: bytes, message: str) -> None:
    source = tmp_path / "lop.csv"
    source.write_bytes(content)
    done = tdp("class", "import", str(source), cwd=tmp_path)
    assert done.returncode == 2 and message in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


@given(st.text(max_size=120))
def test_a_name_that_passes_is_safe_in_a_spreadsheet(raw: str) -> None:
    if check_name(raw) is None:
        assert raw and not raw.startswith(FORMULA_START)
        assert all(ord(ch) >= 32 for ch in raw)
        assert any(ch.isalpha() for ch in raw)


@given(st.from_regex(r"0[0-9]{9}", fullmatch=True), st.sampled_from(["", " ", ".", "-"]))
def test_a_ten_digit_number_passes_however_it_is_spaced(number: str, sep: str) -> None:
    spaced = sep.join([number[:4], number[4:7], number[7:]])
    assert check_phone(spaced) == (number, None)


def test_blank_rows_are_skipped() -> None:
    good, problems = check_rows([(2, {}), (3, {"ho_ten": "An", "phuong": "pleiku"})], WARDS)
    assert [r.name for r in good] == ["An"] and problems == []
