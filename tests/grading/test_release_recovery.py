"""`tdp course release` after an autograde that ran before the assignment was released into
the gradebook (a fresh checkout has exercises/ but no gradebook): it recovers by itself, and
an error it cannot recover from is said without nbgrader's traceback."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from nbgrader.api import Gradebook

from tdp.grading.course import Course, ensure_tools_on_path
from tdp.paths import project_root

TDP = str(Path(sys.executable).with_name("tdp"))
REPO = project_root()


def test_release_after_an_early_autograde(tmp_path):
    root = tmp_path / "khoa"
    for part in ("solutions/bai1", "exercises/bai1"):
        shutil.copytree(REPO / part, root / part)
    shutil.copy(REPO / "nbgrader_config.py", root)
    shutil.copytree(REPO / "course", root / "course")
    course = Course(root=root)
    course.var.mkdir(parents=True)
    ensure_tools_on_path()
    with Gradebook(course.db_url) as gb:  # what `nbgrader autograde` left: no notebooks
        gb.add_assignment("bai1")
        gb.add_student("nguyen_van_an")
        gb.add_submission("bai1", "nguyen_van_an")
    run = subprocess.run([TDP, "course", "release", "bai1"], capture_output=True, text=True,
                         timeout=600, cwd=root, env=os.environ | {"TDP_ROOT": str(root)})
    assert run.returncode == 0, run.stderr
    assert "Traceback" not in run.stdout + run.stderr
    assert "Đã tạo exercises/bai1/bai1.ipynb" in run.stdout
    with Gradebook(course.db_url) as gb:
        assert gb.find_assignment("bai1").notebooks
