"""The paper test (đề kiểm tra đầu khóa / cuối khóa): the questions of a form, an answer box
per question, and (for the trainer, on request) the key with the skill each question checks."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tdp.classroom.course_info import load_course_info
from tdp.classroom.papertest import FORM_NAMES, Form, form_questions
from tdp.printouts.render import write_pdf

TEMPLATE = "test.html"


def test_context(form: Form, with_answers: bool = False) -> dict[str, Any]:
    questions = form_questions(form)
    info = load_course_info()
    return {
        "mock": False,
        "form": form,
        "title": FORM_NAMES[form],
        "course": info.ten_khoa_hoc,
        "questions": questions,
        "with_answers": with_answers,
    }


def write_test(form: Form, out: str | Path, with_answers: bool = False) -> Path:
    return write_pdf(TEMPLATE, test_context(form, with_answers), out)
