"""A class's nbgrader steps on the hub, run as the class's grader account in its course.

Release and collection go through nbgrader's own exchange (`path_includes_course`), so a
class only ever sees its own assignments; grades land in the class's gradebook database.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tdp.errors import InputError
from tdp.hub.config import server_environment
from tdp.hub.settings import HubSettings, load_settings


def run_as_grader(settings: HubSettings, class_id: str, *nbgrader_args: str) -> str:
    """`nbgrader …` in the class's course folder, as its grader account; its output."""
    klass = settings.klass(class_id)
    nbgrader = Path(sys.executable).parent / "nbgrader"
    env = {**os.environ, **server_environment(settings), "HOME": str(settings.course_dir(klass.id)),
           "JUPYTERHUB_USER": klass.grader_user}
    done = subprocess.run(["runuser", "-u", klass.grader_user, "--", str(nbgrader),
                           *nbgrader_args], cwd=settings.course_dir(klass.id), env=env,
                          capture_output=True, text=True, timeout=1800)
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["(không rõ)"])[-1]
        raise InputError(f"nbgrader {nbgrader_args[0]} của lớp {class_id} không chạy được: {last}")
    return done.stdout + done.stderr


def release(directory: Path, class_id: str, assignment: str) -> None:
    """Generate the assignment from the course's solutions and put it in the exchange."""
    settings = load_settings(directory)
    run_as_grader(settings, class_id, "db", "assignment", "add", assignment)
    run_as_grader(settings, class_id, "generate_assignment", assignment, "--force")
    run_as_grader(settings, class_id, "release_assignment", assignment, "--force")


def collect_and_grade(directory: Path, class_id: str, assignment: str) -> None:
    """Collect the class's submissions from the exchange and autograde them."""
    settings = load_settings(directory)
    run_as_grader(settings, class_id, "collect", assignment, "--update")
    run_as_grader(settings, class_id, "autograde", assignment, "--create")
