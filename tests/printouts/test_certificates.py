"""Certificates: attendance and the pass mark decide who gets one; the verification code
refuses a forged code, an altered code and an altered register."""

from __future__ import annotations

import json

import pytest
from classdata import fill_sheet, make_gradebook
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pdfcheck import check_pages, keep_png, pages_text

from tdp.classroom.attendance import import_sheet, mark, read_attendance, write_template
from tdp.classroom.certificates import verify
from tdp.classroom.papertest import score_sheet, write_answer_template
from tdp.cli import main
from tdp.errors import InputError
from tdp.paths import var_dir
from tdp.printouts.certificates import class_standings, write_certificates

POST_KEY = "CBACADCDCBBCDAD"


@pytest.fixture
def finished_class(classroom, monkeypatch) -> dict:
    """an: 5 sessions, exercises 90 %, post 15/15 → 45 + 50 = 95, certified.
    bình: 4 sessions, exercises 70 %, post 9/15 → 35 + 30 = 65, certified.
    chi: 3 sessions, exercises 10 %, post 3/15 → 5 + 10 = 15, not certified."""
    url = make_gradebook(classroom / "gradebook.db",
                         {"an": (9, 9), "binh": (10, 4), "chi": (2, 0)})
    monkeypatch.setenv("TDP_GRADEBOOK_URL", url)
    sheet = classroom / "diem_danh.xlsx"
    write_template(sheet)
    fill_sheet(sheet, {"Nguyễn Văn An": "xxxxx", "Trần Thị Bình": "xxx..",
                       "Lê Thị Chi": "xx..."}, first_column=4)
    import_sheet(sheet)
    mark(4, ["binh"])
    mark(3, ["lê thị chi"])  # a name from the signed sheet, any case
    post = classroom / "post.xlsx"
    write_answer_template("post", post)
    fill_sheet(post, {"Nguyễn Văn An": POST_KEY, "Trần Thị Bình": "CBACA" + "D" * 10,
                      "Lê Thị Chi": "A" * 15})
    score_sheet("post", post)
    return {"folder": classroom}


def test_who_is_eligible_as_computed_by_hand(finished_class) -> None:
    assert read_attendance() == {"an": {1, 2, 3, 4, 5}, "binh": {1, 2, 3, 4}, "chi": {1, 2, 3}}
    rows = {s.member.id: s for s in class_standings()}
    assert [rows[k].mark for k in ("an", "binh", "chi")] == [95.0, 65.0, 15.0]
    assert [rows[k].eligible for k in ("an", "binh", "chi")] == [True, True, False]
    assert rows["chi"].reason == "có mặt 3/5 buổi (cần 4); điểm 15/100 (cần 60)"


def test_certificates_and_their_codes(finished_class, tmp_path, capsys) -> None:
    out, issued, refused = write_certificates(tmp_path / "chung_nhan.pdf")
    assert issued == 2 and refused == ["Lê Thị Chi: có mặt 3/5 buổi (cần 4); điểm 15/100 "
                                       "(cần 60)"]
    assert check_pages(out, landscape=True) == 2
    keep_png(out, "certificates")
    pages = pages_text(out)
    register = json.loads((var_dir() / "certificates.json").read_text(encoding="utf-8"))
    assert [r["ho_ten"] for r in register["giay_chung_nhan"].values()] == [
        "Nguyễn Văn An", "Trần Thị Bình"]
    codes = []
    for page, name, ward in zip(pages, ("Nguyễn Văn An", "Trần Thị Bình"),
                                ("Phường Thống Nhất", "Phường Pleiku"), strict=True):
        assert "GIẤY CHỨNG NHẬN" in page and name in page and ward in page
        assert "từ ngày 05/12/2026 đến ngày 19/12/2026" in page
        assert "Tài khoản định danh điện tử VNeID" in page  # a module title
        code = page.split("Mã xác minh: ")[1].split()[0]
        verdict = verify(code)
        assert verdict.genuine and name in verdict.message
        codes.append(code)
    # printing again keeps each trainee's number and code
    write_certificates(tmp_path / "lan_hai.pdf")
    assert [p.split("Mã xác minh: ")[1].split()[0] for p in pages_text(
        tmp_path / "lan_hai.pdf")] == codes
    # the command
    capsys.readouterr()
    assert main(["certificate", "verify", codes[0].lower()]) == 0
    assert capsys.readouterr().out.startswith("HỢP LỆ: Giấy chứng nhận số 0001 là thật: "
                                              "Nguyễn Văn An")
    altered = codes[1][:-1] + ("A" if codes[1][-1] != "A" else "B")
    assert main(["certificate", "verify", altered]) == 1
    assert "KHÔNG HỢP LỆ" in capsys.readouterr().out
    # another trainee's number with a valid-looking MAC: refused
    swapped = codes[0][:4] + codes[1][4:8] + codes[0][8:]
    assert not verify(swapped).genuine
    assert not verify("TDP-0003-AAAA-BBBB-CCCC").genuine  # never issued
    assert "không đúng dạng" in verify("TDP-1-abc").message
    # an altered register (the name changed on the laptop): the old code no longer matches
    register["giay_chung_nhan"]["1"]["ho_ten"] = "Nguyễn Văn Ăn"
    (var_dir() / "certificates.json").write_text(json.dumps(register, ensure_ascii=False),
                                                 encoding="utf-8")
    assert not verify(codes[0]).genuine and verify(codes[1]).genuine


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(position=st.integers(min_value=0, max_value=22),
       char=st.sampled_from("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567019-"))
def test_any_changed_character_is_refused(finished_class_code, position, char) -> None:
    code = finished_class_code
    if position >= len(code) or code[position] == char:
        return
    assert not verify(code[:position] + char + code[position + 1:]).genuine


@pytest.fixture
def finished_class_code(finished_class, tmp_path) -> str:
    from tdp.classlist import read_trainees
    from tdp.classroom.certificates import issue
    from tdp.classroom.course_info import load_course_info

    member = read_trainees()[0]
    _, code = issue(member, load_course_info(), __import__("datetime").date(2026, 12, 19))
    assert verify(code).genuine
    return code


def test_nobody_eligible_says_why(classroom, tmp_path) -> None:
    with pytest.raises(InputError, match="(?s)Chưa có học viên nào đủ điều kiện.*Nguyễn Văn An: "
                       "có mặt 0/5 buổi"):
        write_certificates(tmp_path / "x.pdf")


def test_attendance_input_errors_are_vietnamese(classroom) -> None:
    with pytest.raises(InputError, match="Buổi 6 không có: lớp có 5 buổi"):
        mark(6, ["an"])
    with pytest.raises(InputError, match="Không có trong danh sách lớp: Người Lạ"):
        mark(1, ["Người Lạ"])
    sheet = classroom / "dd.xlsx"
    write_template(sheet)
    fill_sheet(sheet, {"Nguyễn Văn An": "x?"}, first_column=4)
    with pytest.raises(InputError, match=r"Dòng 2, Buổi 2 \(06/12/2026\): '\?'"):
        import_sheet(sheet)
    assert read_attendance() == {}


def test_attendance_and_certificate_commands(classroom, capsys) -> None:
    assert main(["attendance", "mark", "--session", "1", "an", "Trần Thị Bình"]) == 0
    assert main(["attendance", "mark", "--session", "2", "an"]) == 0
    assert main(["attendance", "list"]) == 0
    out = capsys.readouterr().out
    assert "Nguyễn Văn An: 2 buổi (1, 2)" in out and "Lê Thị Chi: 0 buổi (chưa có)" in out
    assert main(["certificate", "list"]) == 0
    assert "Trần Thị Bình: 1 buổi, điểm 0/100 — chưa đủ" in capsys.readouterr().out
    assert main(["attendance", "import", str(classroom / "khong_co.xlsx")]) == 2
    assert "Không tìm thấy tệp" in capsys.readouterr().err
