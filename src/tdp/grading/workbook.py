"""A released assignment as the phone app sees it: its questions read from the released
notebook (exercises/<bai>/<bai>.ipynb), their checks run, the trainee's notebook written
into nbgrader's submitted folder, and the trainee's own feedback found.

There is no second copy of the questions: each task is the released notebook's question
cell, answer cell (its `metadata.tdp` says the answer type) and check cells. A submission is
that same notebook with each answer cell replaced by Python made from the widget's value
(`answer_types.python_for`), so nbgrader grades it exactly like one made in JupyterLab.
"""

from __future__ import annotations

import contextlib
import io
import logging
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import nbformat

from tdp.dates import now_local
from tdp.errors import InputError
from tdp.grading.answer_types import python_for
from tdp.grading.collect import place_submission
from tdp.grading.course import Course

log = logging.getLogger("tdp.grading.workbook")
STUB_TEXT = "VIẾT CÂU TRẢ LỜI CỦA ANH/CHỊ Ở ĐÂY"


@dataclass
class Question:
    task: str
    title: str
    text: str  # the question cell's markdown (without its "## title" line)
    answer: str  # an answer type (tdp.grading.answer_types.ANSWER_TYPES)
    variable: str
    choices: list[str] = field(default_factory=list)
    procedure: str = ""
    points: float = 0
    tests: list[str] = field(default_factory=list)  # grade ids of its check cells


@dataclass
class Workbook:
    """One released assignment."""

    name: str
    title: str
    intro: str
    questions: list[Question]
    path: Path

    def notebook(self) -> nbformat.NotebookNode:
        return nbformat.read(self.path, as_version=4)


def _grade_id(cell: Any) -> str:
    return cell.metadata.get("nbgrader", {}).get("grade_id", "")


def _split_title(markdown: str) -> tuple[str, str]:
    first, _, rest = markdown.strip().partition("\n")
    return first.lstrip("#").strip(), rest.strip()


def released(course: Course) -> list[str]:
    """Assignments the trainer has released (exercises/<bai>/<bai>.ipynb exists)."""
    if not course.exercises.is_dir():
        return []
    return sorted(p.name for p in course.exercises.iterdir()
                  if (p / f"{p.name}.ipynb").is_file())


def open_workbook(course: Course, assignment: str) -> Workbook:
    path = course.exercises / assignment / f"{assignment}.ipynb"
    if assignment not in released(course):
        raise InputError(f"Bài {assignment} chưa được giảng viên phát.")
    nb = nbformat.read(path, as_version=4)
    texts = {c.metadata["tdp"]["task"]: c.source for c in nb.cells
             if c.metadata.get("tdp", {}).get("role") == "question"}
    points = {_grade_id(c): float(c.metadata["nbgrader"].get("points", 0)) for c in nb.cells
              if c.metadata.get("nbgrader", {}).get("grade")}
    questions = []
    for cell in nb.cells:
        meta = cell.metadata.get("tdp", {})
        if "answer" not in meta:
            continue
        _, text = _split_title(texts.get(meta["task"], ""))
        tests = list(meta.get("tests", []))
        questions.append(Question(
            task=meta["task"], title=meta.get("title", meta["task"]), text=text,
            answer=meta["answer"], variable=meta.get("variable", ""),
            choices=list(meta.get("choices", [])), procedure=meta.get("procedure", ""),
            points=sum(points.get(t, 0) for t in tests) + points.get(_grade_id(cell), 0),
            tests=tests))
    first = next((c.source for c in nb.cells
                  if c.metadata.get("tdp", {}).get("role") == "intro"), "")
    title, intro = _split_title(first)
    return Workbook(assignment, nb.metadata.get("title", title), intro, questions, path)


def filled(workbook: Workbook, answers: dict[str, Any]) -> nbformat.NotebookNode:
    """The released notebook with each answered cell replaced by code made from its value
    (a written answer: its text). Unanswered cells stay as released."""
    nb = workbook.notebook()
    by_task = {q.task: q for q in workbook.questions}
    for cell in nb.cells:
        meta = cell.metadata.get("tdp", {})
        question = by_task.get(meta.get("task", "")) if "answer" in meta else None
        if question is None or question.task not in answers:
            continue
        value = answers[question.task]
        if question.answer == "written":
            text = str(value or "").strip()
            cell.source = text or STUB_TEXT
        else:
            cell.source = python_for(question.answer, question.variable, value)
    return nb


@dataclass
class CheckResult:
    passed: bool
    message: str  # what the check printed, or its Vietnamese assertion message


def run_check(workbook: Workbook, answers: dict[str, Any], task: str) -> CheckResult:
    """Run, in this kernel, the notebook's code cells up to the task's last check cell with
    the answers filled in, as nbgrader would; report that task's checks only."""
    nb = filled(workbook, answers)
    question = next(q for q in workbook.questions if q.task == task)
    targets = set(question.tests)
    last = max((i for i, c in enumerate(nb.cells) if _grade_id(c) in targets), default=-1)
    namespace: dict[str, Any] = {"__name__": "__bai_tap__"}
    printed, failures = [], []
    for cell in nb.cells[: last + 1]:
        if cell.cell_type != "code":
            continue
        mine = _grade_id(cell) in targets
        out = io.StringIO()
        try:
            with contextlib.redirect_stdout(out):
                exec(compile(cell.source, f"<{_grade_id(cell)}>", "exec"), namespace)  # noqa: S102
        except AssertionError as exc:
            if mine:
                failures.append(str(exc) or "Chưa đạt.")
        except Exception as exc:  # noqa: BLE001 - a trainee never sees a traceback
            if mine:
                log.warning("check %s of %s failed", _grade_id(cell), workbook.name,
                            exc_info=True)
                failures.append(_explain(exc, question.answer))
        if mine and out.getvalue().strip():
            printed.append(out.getvalue().strip())
    if failures:
        return CheckResult(False, "\n".join(failures))
    return CheckResult(True, "\n".join(printed) or "Đúng.")


def _explain(exc: Exception, kind: str) -> str:
    if isinstance(exc, NameError):
        return ("Câu này dùng kết quả của một câu phía trên: trả lời các câu phía trên trước, "
                "rồi bấm Kiểm tra lại.")
    if kind == "filing" and isinstance(exc, (KeyError, TypeError, ValueError)):
        return "Tờ khai chưa đủ hoặc chưa đúng dạng: điền đủ các mục rồi bấm Kiểm tra lại."
    return "Chưa kiểm tra được câu trả lời này. Anh/chị báo người hướng dẫn."


# --- submitting ---------------------------------------------------------------------------


def submission_path(course: Course, trainee_id: str, assignment: str) -> Path:
    return course.submitted / trainee_id / assignment / f"{assignment}.ipynb"


def submit(course: Course, trainee_id: str, workbook: Workbook, answers: dict[str, Any],
           at: datetime | None = None) -> Path:
    nb = filled(workbook, answers)
    nbformat.validate(nb)
    data = (nbformat.writes(nb) + "\n").encode("utf-8")
    return place_submission(course, trainee_id, workbook.name, workbook.name, data,
                            at or now_local())


def submitted_at(course: Course, trainee_id: str, assignment: str) -> str | None:
    """When this trainee last submitted this assignment ("dd/mm/yyyy HH:MM"), or None."""
    stamp = course.submitted / trainee_id / assignment / "timestamp.txt"
    if not stamp.is_file():
        return None
    text = stamp.read_text(encoding="utf-8").strip()
    try:
        return datetime.strptime(text[:19], "%Y-%m-%d %H:%M:%S").strftime("%d/%m/%Y %H:%M")
    except ValueError:
        return text


def feedback_page(course: Course, trainee_id: str, assignment: str) -> Path | None:
    """This trainee's feedback page (`tdp grade feedback`, hidden tests already removed)."""
    folder = course.feedback / trainee_id / assignment
    pages = sorted(folder.glob("*.html")) if folder.is_dir() else []
    return pages[0] if pages else None
