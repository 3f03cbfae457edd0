"""The phone app's side of grading, without a browser: answers as widget values → the
trainee's notebook in nbgrader's submitted folder → a real nbgrader autograde."""

from __future__ import annotations

import ast

import nbformat
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tdp.grading.answer_types import python_for, typed_value
from tdp.grading.autograde import autograde
from tdp.grading.workbook import filled, open_workbook, run_check, submission_path, submit

from .conftest import ALL


def solution_values(course, assignment: str) -> dict:
    """The widget values a trainee who knows the answers would give, from the source
    notebook: a literal for simple answers; a filing evaluated with the sample people."""
    nb = nbformat.read(course.solutions / assignment / f"{assignment}.ipynb", as_version=4)
    namespace: dict = {}
    values = {}
    for cell in nb.cells:
        meta = cell.metadata.get("tdp", {})
        if cell.cell_type == "code" and "answer" not in meta \
                and not cell.metadata["nbgrader"].get("grade"):
            exec(cell.source, namespace)  # setup cells: the sample people
        if "answer" not in meta:
            continue
        if meta["answer"] == "written":
            values[meta["task"]] = cell.source
            continue
        solution = cell.source.split("### BEGIN SOLUTION\n")[1].split("### END SOLUTION")[0]
        if meta["answer"] == "filing":
            exec(solution, namespace)
            values[meta["task"]] = namespace[meta["variable"]]
        else:
            values[meta["task"]] = ast.literal_eval(solution.split("=", 1)[1].strip())
    return values


@pytest.mark.parametrize("assignment", ALL)
def test_every_task_has_its_answer_type_in_the_released_notebook(course, assignment):
    book = open_workbook(course, assignment)
    assert book.questions and all(q.answer for q in book.questions)
    assert all(q.tests for q in book.questions if q.answer != "written")
    assert sum(q.points for q in book.questions) > 0


def test_right_answers_pass_every_check_and_wrong_ones_say_why(course):
    book = open_workbook(course, "bai1")
    right = solution_values(course, "bai1")
    for q in book.questions:
        if q.answer == "written":
            continue
        result = run_check(book, right, q.task)
        assert result.passed and result.message.startswith("Đúng"), (q.task, result)
    wrong = dict(right, cau_4="17/02/2027", cau_3="bảy")
    result = run_check(book, wrong, "cau_4")
    assert not result.passed and "Chưa đúng" in result.message
    result = run_check(book, wrong, "cau_3")
    assert not result.passed and "'bảy' chưa phải một con số" in result.message


JSONISH = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(), inner, max_size=3),
    max_leaves=10)


@given(st.sampled_from(["procedure", "choice", "yes_no", "date", "integer", "money", "text"]),
       st.one_of(st.none(), st.text(), st.integers()))
def test_whatever_is_typed_the_answer_cell_is_valid_python(kind, value):
    namespace: dict = {}
    exec(compile(python_for(kind, "tra_loi_cua_hoc_vien", value), "<answer>", "exec"), namespace)
    assert namespace["tra_loi_cua_hoc_vien"] == ("" if value is None else str(value))


@given(st.sampled_from(["procedure", "choice", "yes_no", "date", "integer", "money", "text"]),
       st.one_of(st.none(), st.text(), st.integers()))
def test_the_feedback_reads_back_what_was_typed(kind, value):
    """Feedback shows the answer, not its code: `typed_value` inverts `python_for`, also
    after the released blank line (a JupyterLab trainee types under it)."""
    typed = "" if value is None else str(value)
    cell = python_for(kind, "cau_1", value)
    assert typed_value(cell) == typed
    assert typed_value('cau_1 = ""  # ← gõ …\n### BEGIN SOLUTION\n' + cell) == typed


@pytest.mark.parametrize("code", ["cau_1 = 5", "cau_1 = ''\nkhac = 'B'", "import os",
                                  "cau_1 = (", "cau_1 = x", "cau_1, b = 'a', 'b'"])
def test_other_code_is_shown_as_it_is(code):
    assert typed_value(code) is None


@given(st.dictionaries(st.text(), JSONISH, max_size=4))
def test_a_filing_cell_is_valid_python_holding_the_same_data(data):
    namespace: dict = {}
    exec(compile(python_for("filing", "ho_so", data), "<answer>", "exec"), namespace)
    assert namespace["ho_so"] == data


@pytest.mark.parametrize("assignment", ALL)
def test_submitted_from_the_app_right_scores_full_marks_wrong_scores_less(course, assignment):
    book = open_workbook(course, assignment)
    right = solution_values(course, assignment)
    submit(course, f"app_dung_{assignment}", book, right)
    wrong = {task: ("Z" if isinstance(v, str) else {}) for task, v in right.items()}
    submit(course, f"app_sai_{assignment}", book, wrong)
    outcomes = {o.trainee: o for o in autograde(
        course, assignment, progress=False,
        only=[f"app_dung_{assignment}", f"app_sai_{assignment}"])}
    good, bad = outcomes[f"app_dung_{assignment}"], outcomes[f"app_sai_{assignment}"]
    assert good.status == "ok", good.reasons
    assert good.auto_score == good.max_auto_score > 0
    assert bad.status == "ok" and bad.auto_score < good.auto_score


def test_a_newer_submission_replaces_the_older_which_is_kept(course):
    book = open_workbook(course, "bai1")
    first = submit(course, "nop_hai_lan", book, {"cau_1": "khai_sinh"})
    submit(course, "nop_hai_lan", book, {"cau_1": "xac_nhan_hon_nhan"})
    assert first == submission_path(course, "nop_hai_lan", "bai1")
    assert "xac_nhan_hon_nhan" in first.read_text(encoding="utf-8")
    kept = list((course.var / "replaced" / "bai1" / "nop_hai_lan").glob("*.ipynb"))
    assert len(kept) == 1 and "khai_sinh" in kept[0].read_text(encoding="utf-8")
    assert (first.parent / "timestamp.txt").read_text(encoding="utf-8").startswith("20")


def test_unanswered_written_answer_keeps_the_stub(course):
    book = open_workbook(course, "bai1")
    nb = filled(book, {"viet_1": "  "})
    cell = next(c for c in nb.cells if c.metadata.get("tdp", {}).get("task") == "viet_1"
                and "answer" in c.metadata["tdp"])
    assert cell.source == "VIẾT CÂU TRẢ LỜI CỦA ANH/CHỊ Ở ĐÂY"
