"""The one reader of the class list (`tdp.classlist.trainees`): what the writer writes comes
back the same, the ward by id and by name, and a file it cannot read is one Vietnamese line."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tdp.classlist import (
    Trainee,
    find_trainee,
    read_trainees,
    require_trainees,
    trainee_id,
    write_trainees,
)
from tdp.errors import InputError
from tdp.text import nfc

# Cells as a trainer's names and phones may be: any printable text, formula-like included
# (not one that starts with the writer's own escape, "'=…": tdp.tables reads that back as "=…").
CELL = st.text(st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), max_size=30
               ).filter(lambda s: not nfc(s).strip().startswith("'"))


@given(st.lists(st.tuples(CELL, CELL, st.sampled_from(["", "thong_nhat", "pleiku"]), CELL),
                max_size=6))
def test_what_the_writer_writes_the_reader_reads(tmp_path_factory, rows) -> None:
    path = tmp_path_factory.mktemp("lop") / "trainees.csv"
    trainees = [Trainee(f"hv{n:02d}", name, ward, phone)
                for n, (name, _, ward, phone) in enumerate(rows)]
    write_trainees(path, trainees)
    expected = [Trainee(t.id, nfc(t.name).strip(), t.ward, nfc(t.phone).strip())
                for t in trainees if nfc(t.name).strip()]
    assert read_trainees(path) == expected


def test_the_ward_is_an_id_shown_by_its_name(tmp_path: Path) -> None:
    path = tmp_path / "trainees.csv"
    path.write_text("\ufeffma_hoc_vien,ho_ten,phuong,so_dien_thoai\n"
                    "an,Nguyễn Văn An,thong_nhat,0912345678\n"
                    "binh,Trần Thị Bình,Phường Cũ,\n"
                    ",Không Có Mã,pleiku,\n"
                    "chi,Lê Thị Chi,,\n", encoding="utf-8")
    an, binh, chi = read_trainees(path)
    assert (an.id, an.ward, an.ward_name, an.phone) == ("an", "thong_nhat", "Phường Thống Nhất",
                                                        "0912345678")
    assert (binh.ward, binh.ward_name) == ("Phường Cũ", "Phường Cũ")  # written by hand
    assert (chi.ward, chi.ward_name) == ("", "")


def test_a_trainee_is_found_by_id_or_by_name(tmp_path: Path) -> None:
    trainees = [Trainee("an", "Nguyễn Văn An"), Trainee("nguyen_van_an_2", "Nguyễn Văn  An B")]
    assert find_trainee(trainees, " an ") is trainees[0]
    assert find_trainee(trainees, "NGUYỄN VĂN AN") is trainees[0]
    assert find_trainee(trainees, "nguyen_van_an_2") is trainees[1]
    assert find_trainee(trainees, "Nguyễn Văn Ân") is None
    assert trainee_id("Rơ Mah Hải") == "ro_mah_hai"


def test_an_unreadable_or_empty_list_says_so_in_vietnamese(tmp_path: Path) -> None:
    path = tmp_path / "trainees.csv"
    assert read_trainees(path) == []
    with pytest.raises(InputError, match="chưa có học viên nào"):
        require_trainees(path)
    path.write_bytes(b"ma_hoc_vien,ho_ten\nan,\xff\xfe\n")
    with pytest.raises(InputError, match="Không đọc được danh sách lớp"):
        read_trainees(path)
