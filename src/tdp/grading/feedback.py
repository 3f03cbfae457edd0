"""`tdp grade feedback`: one HTML page per trainee, in Vietnamese, without hidden tests.

nbgrader's own `generate_feedback` shows the hidden tests (their source, and the traceback of
a failing one quotes the hidden line). We hand it a cleaned copy of each autograded notebook
instead: hidden-test blocks cut out of the cells, tracebacks reduced to their message (the
Vietnamese explanation the test gives). Scores still come from the gradebook.
"""

from __future__ import annotations

import re
import shutil
from html import escape
from pathlib import Path

import nbformat

from tdp.errors import TdpError
from tdp.grading.answer_types import typed_value
from tdp.grading.course import Course, ensure_tools_on_path

_HIDDEN = re.compile(r"^[ \t]*### BEGIN HIDDEN TESTS.*?### END HIDDEN TESTS[ \t]*\n?",
                     re.DOTALL | re.MULTILINE)
_ENGLISH = {
    ">Comments:<": ">Nhận xét:<",
    "Score: ": "Điểm: ",
    "Points: ": "Điểm: ",
    "Student:": "Học viên:",
    "Assignment:": "Bài:",
    "Lab:": "Bài:",
    "Score:": "Điểm:",
    ">Test cell<": ">Ô kiểm tra<",
    ">Written response<": ">Câu tự luận<",
    ">Coding free-response<": ">Câu trả lời<",
    "Student's answer": "Câu trả lời của anh/chị",
    "Grade cell: ": "Ô chấm: ",
    ">(Top)<": ">(Lên đầu trang)<",
}


def clean_notebook(nb) -> None:
    """Hidden tests out, tracebacks to their message, and no code that is not the trainee's:
    the checks' and the setup cell's source is emptied (their output — "Đúng." or the
    explanation — stays), so a page read on a phone shows questions, answers and comments."""
    for cell in nb.cells:
        cell.source = _HIDDEN.sub("", cell.source)
        meta = cell.metadata.get("nbgrader", {})
        if cell.cell_type == "code" and not meta.get("solution") and (
                meta.get("grade") or meta.get("locked")):
            cell.source = ""
        _answer_as_text(cell)
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                ename = out.get("ename", "")
                title = "Chưa đạt" if ename == "AssertionError" else ename
                out.traceback = [f"{title}: {out.get('evalue', '')}"]


def _answer_as_text(cell) -> None:
    """An answer typed in a box (`cau_2 = 'B'`) reads as the answer ("B"; a procedure by its
    name), not as code: a markdown cell, still nbgrader's solution cell, so its score and the
    trainer's comment stay beside it. Escaped: it is the trainee's text."""
    kind = cell.metadata.get("tdp", {}).get("answer")
    if cell.cell_type != "code" or kind in (None, "filing", "written"):
        return
    value = typed_value(cell.source)
    if value is None:
        return
    if kind == "procedure":  # read as the check cell reads it (tdp.grading.bai_tap)
        from tdp.catalog import load_catalog
        from tdp.grading.bai_tap import ma_thu_tuc

        try:
            proc = load_catalog().procedures[ma_thu_tuc(value)]
        except AssertionError:  # not a procedure's code: shown as typed
            pass
        else:
            value = f"{proc.name} ({proc.id})"
    cell.cell_type = "markdown"
    cell.source = escape(value.strip()) or "(chưa trả lời)"
    cell.pop("outputs", None)
    cell.pop("execution_count", None)


def _api(course: Course, autograded: Path):
    from nbgrader.apps import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory

    config = course.config()
    config.CourseDirectory.autograded_directory = str(autograded)
    return NbGraderAPI(coursedir=CourseDirectory(config=config), config=config)


def feedback(course: Course, assignment: str) -> list[Path]:
    """Write feedback/<trainee>/<bai>/*.html and a flat copy phan_hoi/<bai>/<Họ tên>.html."""
    ensure_tools_on_path()
    names = course.trainee_names()
    clean_root = course.var / "feedback_source"
    if clean_root.exists():
        shutil.rmtree(clean_root)
    trainees = []
    for folder in sorted(course.autograded.glob(f"*/{assignment}")):
        trainee = folder.parent.name
        target = clean_root / trainee / assignment
        shutil.copytree(folder, target)
        for path in target.glob("*.ipynb"):
            nb = nbformat.read(path, as_version=4)
            clean_notebook(nb)
            nbformat.write(nb, path)
        trainees.append(trainee)
    if not trainees:
        raise TdpError(f"Chưa có bài {assignment} nào được chấm: chạy 'tdp grade autograde "
                       f"{assignment}' trước")
    result = _api(course, clean_root).generate_feedback(assignment, force=True)
    if not result.get("success"):
        raise TdpError(f"nbgrader không tạo được phản hồi:\n{result.get('log', '')}")
    flat = course.var / "phan_hoi" / assignment
    flat.mkdir(parents=True, exist_ok=True)
    written = []
    for trainee in trainees:
        for html in sorted((course.feedback / trainee / assignment).glob("*.html")):
            text = html.read_text(encoding="utf-8")
            for english, vietnamese in _ENGLISH.items():
                text = text.replace(english, vietnamese)
            text = text.replace('<html>', '<html lang="vi">', 1)
            if "HIDDEN TESTS" in text:
                raise TdpError(f"Phản hồi {html} còn chứa bài kiểm tra ẩn")
            html.write_text(text, encoding="utf-8")
            copy = flat / f"{assignment}_{names.get(trainee, trainee)}.html"
            copy.write_text(text, encoding="utf-8")
            written.append(copy)
    return written
