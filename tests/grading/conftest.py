"""Fixtures for the grading tests: a scratch nbgrader course (never the repo's var/) and an
exercise store seeded once per session."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import nbformat
import pytest

from tdp.grading.course import Course
from tdp.paths import project_root

REPO = project_root()
CELL_TIMEOUT = 20  # seconds per cell: short, yet safe on a loaded 2-core machine


ROLES = re.compile(r'nguoi_mau\("([a-z0-9_]+)"\)')


@pytest.fixture(scope="session", autouse=True)
def exercise_store(tmp_path_factory, template_db):
    """TDP_VAR_DIR -> a session folder (kernels inherit it) holding the exercises' store, a
    copy of the seeded template, and every sample person the exercises ask for already
    looked up: each kernel's cells then only read."""
    var = tmp_path_factory.mktemp("tdp-var")
    shutil.copy(template_db, var / "bai_tap.sqlite")
    old = os.environ.get("TDP_VAR_DIR")
    os.environ["TDP_VAR_DIR"] = str(var)
    os.environ.pop("TDP_BAI_TAP_DATABASE_URL", None)
    from tdp.grading import bai_tap

    bai_tap._people.cache_clear()
    for nb in sorted((REPO / "solutions").glob("*/*.ipynb")):
        for role in sorted(set(ROLES.findall(nb.read_text(encoding="utf-8").replace('\\"', '"')))):
            bai_tap.nguoi_mau(role)
    yield var
    bai_tap._people.cache_clear()
    if old is None:
        os.environ.pop("TDP_VAR_DIR", None)
    else:
        os.environ["TDP_VAR_DIR"] = old


def make_course(root: Path, assignments: list[str]) -> Course:
    """A scratch course with these assignments' sources, released through nbgrader."""
    from tdp.grading.release import release

    for a in assignments:
        shutil.copytree(REPO / "solutions" / a, root / "solutions" / a)
    course = Course(root=root, var=root / "var", timeout=CELL_TIMEOUT,
                    trainees_csv=root / "course" / "trainees.csv")
    release(course, assignments)
    return course


def answers_from_solution(course: Course, assignment: str) -> dict[str, str]:
    nb = nbformat.read(course.solutions / assignment / f"{assignment}.ipynb", as_version=4)
    return {c.metadata["nbgrader"]["grade_id"]: c.source for c in nb.cells
            if c.metadata.get("nbgrader", {}).get("solution") and c.cell_type == "code"}


def released(course: Course, assignment: str):
    return nbformat.read(course.exercises / assignment / f"{assignment}.ipynb", as_version=4)


def fill(nb, answers: dict[str, str]):
    for cell in nb.cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        if grade_id in answers:
            cell.source = answers[grade_id]
    return nb


def submit(course: Course, trainee: str, assignment: str, nb_or_bytes) -> Path:
    folder = course.submitted / trainee / assignment
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{assignment}.ipynb"
    if isinstance(nb_or_bytes, bytes):
        path.write_bytes(nb_or_bytes)
    else:
        nbformat.write(nb_or_bytes, path)
    return path


ALL = ["bai1", "bai2", "bai3", "bai4", "bai5"]


@pytest.fixture(scope="session")
def course(tmp_path_factory, exercise_store):
    """One scratch course with all five assignments released by nbgrader (shared)."""
    return make_course(tmp_path_factory.mktemp("course"), ALL)


def solved(course: Course, assignment: str):
    """The released notebook with every answer cell filled in from the solution."""
    return fill(released(course, assignment), answers_from_solution(course, assignment))
