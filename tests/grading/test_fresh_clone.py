"""A fresh clone: `var/` (and nbgrader's gradebook in it) is not in git, nothing was released
on this machine. `tdp grade collect` then `tdp grade autograde`, run inside the course folder
(the root is found from the working directory, as nbgrader finds it), grade the class — or,
where the assignment cannot be registered, stop with one Vietnamese line. Never one "lỗi khi
chấm" per trainee."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from tdp.grading.course import Course
from tdp.paths import project_root

from .conftest import CELL_TIMEOUT, answers_from_solution, fill

REPO = project_root()
TDP = Path(sys.executable).with_name("tdp")


def clone_like(root: Path, with_solutions: bool = True) -> Path:
    """What `git clone` gives: the config, the course content, exercises/ and solutions/,
    no var/ (the class list as shipped: a header only)."""
    root.mkdir(parents=True)
    shutil.copy(REPO / "nbgrader_config.py", root / "nbgrader_config.py")
    shutil.copytree(REPO / "exercises" / "bai1", root / "exercises" / "bai1")
    if with_solutions:
        shutil.copytree(REPO / "solutions" / "bai1", root / "solutions" / "bai1")
    shutil.copytree(REPO / "course", root / "course")
    (root / "course" / "trainees.csv").write_text("ma_hoc_vien,ho_ten\n", encoding="utf-8")
    return root


def tdp(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("TDP_ROOT", "TDP_TRAINEES_CSV")}
    return subprocess.run([str(TDP), *args], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=900)


def class_folder(tmp: Path, right: nbformat.NotebookNode, wrong: nbformat.NotebookNode) -> Path:
    folder = tmp / "lop"
    folder.mkdir()
    nbformat.write(right, folder / "bai1_Nguyễn Thị Lan.ipynb")
    nbformat.write(wrong, folder / "bai1_Trần Văn Bình.ipynb")
    return folder


def test_collect_then_autograde_on_a_fresh_clone_grades(tmp_path: Path) -> None:
    root = clone_like(tmp_path / "khoa")
    course = Course(root=root)
    released = nbformat.read(root / "exercises" / "bai1" / "bai1.ipynb", as_version=4)
    right = fill(nbformat.read(root / "exercises" / "bai1" / "bai1.ipynb", as_version=4),
                 answers_from_solution(course, "bai1"))
    lop = class_folder(tmp_path, right, released)
    assert not (root / "var").exists()
    collected = tdp("grade", "collect", "bai1", str(lop), cwd=root)
    assert collected.returncode == 0, collected.stderr
    assert (root / "var" / "nbgrader" / "submitted").is_dir()  # this course, not the repo's
    graded = tdp("grade", "autograde", "bai1", "--json", "--timeout", str(CELL_TIMEOUT),
                 cwd=root)
    assert graded.returncode == 0, graded.stderr
    rows = {r["name"]: r for r in json.loads(graded.stdout)}
    assert [r["trang_thai"] for r in rows.values()] == ["đã chấm", "đã chấm"]
    lan, binh = rows["Nguyễn Thị Lan"], rows["Trần Văn Bình"]
    assert lan["max_auto_score"] > 0 and lan["auto_score"] == lan["max_auto_score"]
    assert binh["auto_score"] < lan["auto_score"]
    assert (root / "exercises" / "bai1" / "bai1.ipynb").read_bytes() == (
        REPO / "exercises" / "bai1" / "bai1.ipynb").read_bytes()  # exercises/ untouched


def test_without_the_sources_one_vietnamese_line(tmp_path: Path) -> None:
    root = clone_like(tmp_path / "khoa", with_solutions=False)
    released = nbformat.read(root / "exercises" / "bai1" / "bai1.ipynb", as_version=4)
    lop = class_folder(tmp_path, released, released)
    tdp("grade", "collect", "bai1", str(lop), cwd=root)
    graded = tdp("grade", "autograde", "bai1", cwd=root)
    assert graded.returncode == 2
    lines = graded.stderr.strip().splitlines()
    assert len(lines) == 1, lines
    assert "solutions/bai1" in lines[0] and "tdp course release bai1" in lines[0]
    assert "lỗi khi chấm" not in graded.stdout + graded.stderr


@pytest.fixture(autouse=True)
def _no_repo_var_touched() -> None:
    before = sorted((REPO / "var" / "nbgrader").rglob("*")) if (REPO / "var").exists() else []
    yield
    after = sorted((REPO / "var" / "nbgrader").rglob("*")) if (REPO / "var").exists() else []
    assert after == before
