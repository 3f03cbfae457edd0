"""`tdp course release`: solutions/ rebuilt from the exercise sources (solutions/baiN.yaml,
`tdp.grading.sources`), then exercises/ regenerated from solutions/ through nbgrader.

nbgrader's `generate_assignment` (through `NbGraderAPI`) strips the solutions and hidden tests,
locks the cells and records the source cells in the gradebook (which autograding needs). We
then normalise what it wrote (no outputs, no execution counts, stable key order) so that
releasing twice gives byte-identical files and a stale exercises/ shows up as a diff.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import nbformat

from tdp.errors import TdpError
from tdp.grading.course import Course


def normalise_notebook(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
        cell.metadata.pop("execution", None)
        cell.metadata.pop("collapsed", None)
        cell.metadata.pop("scrolled", None)
    path.write_text(nbformat.writes(nb) + "\n", encoding="utf-8")


def _api(course: Course):
    from nbgrader.apps import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory

    config = course.config()
    return NbGraderAPI(coursedir=CourseDirectory(config=config), config=config)


def generate(course: Course, assignment: str, into: Path) -> None:
    """Release one assignment with nbgrader, then copy its normalised files to `into`."""
    api = _api(course)
    result = api.generate_assignment(assignment, force=True, create=True)
    if not result.get("success") and forget_ungraded(course, assignment):
        result = api.generate_assignment(assignment, force=True, create=True)
    if not result.get("success"):
        raise TdpError(f"nbgrader không tạo được bài {assignment}:\n"
                       + _errors(f"{result.get('log', '')}\n{result.get('error', '')}"))
    produced = course.exercises / assignment
    if into.resolve() != produced.resolve():
        if into.exists():
            shutil.rmtree(into)
        shutil.copytree(produced, into)
    for notebook in into.glob("*.ipynb"):
        normalise_notebook(notebook)


def forget_ungraded(course: Course, assignment: str) -> bool:
    """An autograde run before the assignment was ever released into this gradebook leaves
    submissions of an assignment without notebooks (nothing was graded), and nbgrader then
    refuses to record the notebooks. Drop those empty submissions; True if there were any."""
    from nbgrader.api import Gradebook, MissingEntry

    if not course.db_path.is_file():
        return False
    with Gradebook(course.db_url) as gb:
        try:
            found = gb.find_assignment(assignment)
        except MissingEntry:
            return False
        if found.notebooks or not found.submissions:
            return False
        for student in [s.student.id for s in found.submissions]:
            gb.remove_submission(assignment, student)
    return True


def _errors(log: str) -> str:
    """nbgrader's log without its tracebacks: the lines that say what went wrong."""
    lines = [ln.strip() for ln in log.splitlines() if "[ERROR]" in ln or "Error:" in ln]
    keep = [ln for ln in lines if "Traceback" not in ln and "Please see" not in ln]
    return "\n".join(dict.fromkeys(keep)) or "(xem nhật ký nbgrader)"


def release(course: Course, assignments: list[str] | None = None) -> list[Path]:
    """Rebuild the source notebooks from their YAML, then regenerate exercises/<bai> for each
    assignment (all by default); the files written."""
    from tdp.grading.sources import build

    build(course.solutions)
    written: list[Path] = []
    for assignment in assignments or course.assignments():
        course.notebooks(assignment)  # unknown assignment -> InputError
        target = course.exercises / assignment
        generate(course, assignment, target)
        written.extend(sorted(target.glob("*.ipynb")))
    return written


def stale(course: Course) -> list[str]:
    """What differs between exercises/ and a fresh release of solutions/ (empty: up to date).

    The fresh release is made in a scratch copy of the course, so nothing here changes.
    Source notebooks older than their YAML are reported too."""
    from tdp.grading.sources import stale_sources

    problems: list[str] = stale_sources(course.solutions)
    with tempfile.TemporaryDirectory(prefix="tdp-release-") as tmp:
        scratch = Course(root=Path(tmp), var=Path(tmp) / "var")
        shutil.copytree(course.solutions, scratch.solutions,
                        ignore=shutil.ignore_patterns("__pycache__", ".ipynb_checkpoints"))
        release(scratch, course.assignments())
        for fresh in sorted(scratch.exercises.rglob("*")):
            if not fresh.is_file():
                continue
            rel = fresh.relative_to(scratch.exercises)
            current = course.exercises / rel
            if not current.is_file():
                problems.append(f"thiếu exercises/{rel}")
            elif current.read_bytes() != fresh.read_bytes():
                problems.append(f"exercises/{rel} đã cũ")
        if course.exercises.is_dir():
            for current in sorted(course.exercises.rglob("*.ipynb")):
                rel = current.relative_to(course.exercises)
                if not (scratch.exercises / rel).is_file():
                    problems.append(f"exercises/{rel} không còn trong solutions/")
    return problems
