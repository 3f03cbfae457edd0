"""Paper tests: two forms over the same skills with different questions, facts from the
catalog, and a filled answer sheet scored as computed by hand."""

from __future__ import annotations

import math
import re

import pytest
from classdata import fill_sheet
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pdfcheck import check_pages, flat, keep_png, pdf_text

from tdp.classroom.papertest import (
    check_bank,
    form_questions,
    read_scores,
    score_sheet,
    write_answer_template,
)
from tdp.cli import main
from tdp.dashboard.paper_tests import gain_per_question, gain_per_trainee, tab_html
from tdp.errors import InputError
from tdp.printouts.paper_test import write_test

# The keys, read off course/kiem_tra.yaml by hand.
PRE_KEY = "BADBCBBABADABCB"
POST_KEY = "CBACADCDCBBCDAD"


def test_forms_share_the_skills_not_the_questions() -> None:
    pre, post = form_questions("pre"), form_questions("post")
    assert len(pre) == len(post) == 15
    assert [q.skill for q in pre] == [q.skill for q in post]
    assert all(a.text != b.text for a, b in zip(pre, post, strict=True))
    assert "".join(q.answer for q in pre) == PRE_KEY
    assert "".join(q.answer for q in post) == POST_KEY
    assert check_bank() == []


def test_facts_in_the_questions_come_from_the_catalog(course_copy) -> None:
    wards = course_copy / "wards.yaml"
    text = wards.read_text(encoding="utf-8")
    wards.write_text(re.sub(r"khai_sinh_qua_han: \d+", "khai_sinh_qua_han: 23456", text),
                     encoding="utf-8")
    proc = course_copy / "procedures" / "khai_sinh.yaml"
    proc.write_text(proc.read_text(encoding="utf-8").replace("  days: 60", "  days: 45"),
                    encoding="utf-8")
    pre, post = form_questions("pre"), form_questions("post")
    assert pre[0].options["B"] == "45 ngày" and pre[0].options["C"] == "90 ngày"
    assert post[0].text.startswith("Hôm nay là ngày thứ 46 ")
    assert "23.456 đ" in post[0].options["C"]


def test_a_question_whose_options_collide_is_refused(course_copy, capsys) -> None:
    bank = course_copy / "kiem_tra.yaml"
    text = bank.read_text(encoding="utf-8")
    bank.write_text(text.replace("C: 3 ngày", 'C: "{{ thu_tuc.khai_tu.han }} ngày"', 1),
                    encoding="utf-8")
    with pytest.raises(InputError, match="han_khai_tu.*hai lựa chọn giống nhau"):
        form_questions("pre")
    assert main(["catalog", "check", "--dir", str(course_copy)]) == 1  # caught before class
    assert "kỹ năng 'han_khai_tu', đề pre: hai lựa chọn giống nhau" in capsys.readouterr().out


@pytest.mark.parametrize("form", ["pre", "post"])
def test_the_printed_form(tmp_path, form) -> None:
    out = write_test(form, tmp_path / f"{form}.pdf", with_answers=True)
    pages = check_pages(out, landscape=False)
    keep_png(out, f"test_{form}")
    text = pdf_text(out)
    title = "Kiểm tra đầu khóa" if form == "pre" else "Kiểm tra cuối khóa"
    assert text.startswith(title)
    for q in form_questions(form):
        assert f"Câu {q.number}. {flat(q.text)}" in text
        for letter, option in q.options.items():
            assert f"{letter}. {flat(option)}" in text
    assert "Đáp án — dành cho giảng viên" in pdf_text(out, pages)
    assert "Đáp án" not in pdf_text(write_test(form, tmp_path / "hv.pdf"))


def test_a_filled_sheet_scores_as_computed_by_hand(classroom, capsys) -> None:
    pre_sheet, post_sheet = classroom / "pre.xlsx", classroom / "post.xlsx"
    assert main(["test", "template", "pre", str(pre_sheet)]) == 0
    write_answer_template("post", post_sheet)
    # an: all right; bình: the first five right, then all A (right at 8, 10, 12); chi absent
    fill_sheet(pre_sheet, {"Nguyễn Văn An": PRE_KEY, "Trần Thị Bình": "BADBC" + "A" * 10})
    # an: all right; bình: five right, then all D (6, 8, 13, 15); chi: all A (3, 5, 14)
    fill_sheet(post_sheet, {"Nguyễn Văn An": POST_KEY, "Trần Thị Bình": "CBACA" + "D" * 10,
                            "Lê Thị Chi": "a" * 15})
    assert main(["test", "score", "pre", str(pre_sheet)]) == 0
    assert "Trần Thị Bình: 8/15" in capsys.readouterr().out
    score_sheet("post", post_sheet)
    pre, post = read_scores("pre"), read_scores("post")
    assert {k: t["diem"] for k, t in pre["hoc_vien"].items()} == {"an": 15, "binh": 8}
    assert {k: t["diem"] for k, t in post["hoc_vien"].items()} == {"an": 15, "binh": 9,
                                                                  "chi": 3}
    trainees = gain_per_trainee(pre, post).set_index("ma_hoc_vien")
    assert trainees.loc["an", "tien_bo"] == 0 and trainees.loc["binh", "tien_bo"] == 1
    assert math.isnan(trainees.loc["chi", "tien_bo"])
    questions = gain_per_question(pre, post).set_index("cau")
    assert questions.loc[1, "dau_khoa"] == 100.0 and questions.loc[1, "cuoi_khoa"] == 66.7
    assert questions.loc[1, "tien_bo"] == -33.3
    assert questions.loc[6, "dau_khoa"] == 50.0  # bình wrote A, the key is B
    assert questions.loc[14, "cuoi_khoa"] == 66.7  # an and chi right (A), bình D
    html = tab_html()
    assert "Trần Thị Bình" in html and "Biết hạn khai sinh đúng hạn" in html


def test_an_unreadable_answer_is_named_and_nothing_kept(classroom) -> None:
    sheet = classroom / "pre.xlsx"
    write_answer_template("pre", sheet)
    fill_sheet(sheet, {"Nguyễn Văn An": "BADBE" + "." * 10})
    with pytest.raises(InputError, match=r"Dòng 2: Câu 5 'E' — ghi A, B, C hoặc D"):
        score_sheet("pre", sheet)
    assert read_scores("pre") is None
    with pytest.raises(InputError, match="Không tìm thấy tệp"):
        score_sheet("pre", classroom / "khong_co.xlsx")


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(answers=st.text(alphabet="ABCDabcd .", min_size=15, max_size=15))
def test_score_is_the_count_of_letters_matching_the_key(classroom, answers) -> None:
    sheet = classroom / "pre.xlsx"
    write_answer_template("pre", sheet)
    cells = ["." if a in " ." else a for a in answers]  # "." leaves the cell empty
    fill_sheet(sheet, {"Nguyễn Văn An": cells})
    expected = sum(a.upper() == k for a, k in zip(answers, PRE_KEY, strict=True))
    if all(c == "." for c in cells):
        with pytest.raises(InputError, match="chưa có bài làm nào"):
            score_sheet("pre", sheet)
        return
    assert score_sheet("pre", sheet)["hoc_vien"]["an"]["diem"] == expected
