"""The five assignments: released notebooks match solutions/, solutions score full marks,
released notebooks run and score 0 on their autograded parts (through nbgrader)."""

from __future__ import annotations

import nbformat
import pytest

from tdp.grading.autograde import autograde

from .conftest import ALL as ASSIGNMENTS
from .conftest import REPO, solved, submit


def test_exercises_are_up_to_date(course):
    """exercises/ is what `tdp course release` makes of solutions/ now, byte for byte."""
    fresh = sorted(p.relative_to(course.exercises) for p in course.exercises.rglob("*.ipynb"))
    current = sorted(p.relative_to(REPO / "exercises")
                     for p in (REPO / "exercises").rglob("*.ipynb"))
    assert fresh == current, "exercises/ đã cũ: chạy 'tdp course release'"
    for rel in fresh:
        assert (course.exercises / rel).read_bytes() == (REPO / "exercises" / rel).read_bytes(), (
            f"exercises/{rel} đã cũ: chạy 'tdp course release'")


def test_each_assignment_has_the_required_tasks():
    for a in ASSIGNMENTS:
        nb = nbformat.read(REPO / "solutions" / a / f"{a}.ipynb", as_version=4)
        meta = [c.metadata.get("nbgrader", {}) for c in nb.cells]
        tests = [m for m, c in zip(meta, nb.cells, strict=True)
                 if m.get("grade") and c.cell_type == "code"]
        written = [m for m, c in zip(meta, nb.cells, strict=True)
                   if m.get("grade") and m.get("solution") and c.cell_type == "markdown"]
        assert len(tests) >= 4 and all(m.get("locked") for m in tests), a
        assert written, a
        assert any("BEGIN HIDDEN TESTS" in c.source for c in nb.cells), a
        assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code"), a


@pytest.fixture(scope="module")
def graded(course):
    results = {}
    for a in ASSIGNMENTS:
        submit(course, "loi_giai", a, solved(course, a))
        submit(course, "de_bai", a, nbformat.read(course.exercises / a / f"{a}.ipynb", 4))
    for a in ASSIGNMENTS:
        outcomes = autograde(course, a, progress=False, only=["loi_giai", "de_bai"])
        results[a] = {o.trainee: o for o in outcomes}
    return course, results


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_solution_scores_full_marks(graded, assignment):
    _, results = graded
    o = results[assignment]["loi_giai"]
    assert o.status == "ok", o.reasons
    assert o.auto_score == o.max_auto_score > 0


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_released_notebook_runs_and_scores_zero(graded, assignment):
    course, results = graded
    o = results[assignment]["de_bai"]
    assert o.status == "ok", o.reasons
    assert o.auto_score == 0
    nb = nbformat.read(course.autograded / "de_bai" / assignment / f"{assignment}.ipynb", 4)
    for cell in nb.cells:
        errors = [out for out in cell.get("outputs", []) if out.output_type == "error"]
        meta = cell.metadata.get("nbgrader", {})
        if cell.cell_type != "code":
            continue
        if not meta.get("grade"):
            assert not errors, (meta.get("grade_id"), errors)
        else:  # a failing test teaches: an assertion with a Vietnamese message
            assert errors and all(e.ename == "AssertionError" and e.evalue for e in errors), (
                meta.get("grade_id"), [(e.ename, e.evalue) for e in errors])
