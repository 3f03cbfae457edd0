"""A class's nbgrader steps on the hub: release and collect as the class's grader account,
autograde through `tdp grade`'s own caged pipeline.

Release and collection go through nbgrader's own exchange (`path_includes_course`), so a
class only ever sees its own assignments. Grading is the single-laptop pipeline
(`tdp.grading.autograde`), configured for the class by `class_course`: its course folder, its
PostgreSQL gradebook (as the class's own role, as its formgrader; a class made by an older
version gets that role first) and the hub's exchange. Each submission's kernel runs in the
same cage, which here also hides the hub's folder (every trainee's work area, the exchange,
the other classes, the secrets); the network namespace keeps it from PostgreSQL and the hub.
The grader account's nbgrader runs with its formgrader's environment, never root's.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

from tdp.errors import InputError
from tdp.grading.autograde import Outcome
from tdp.grading.course import Course
from tdp.hub.config import grader_environment
from tdp.hub.course import class_course
from tdp.hub.settings import HubSettings, load_settings


def run_as_grader(settings: HubSettings, class_id: str, *nbgrader_args: str) -> str:
    """`nbgrader …` in the class's course folder, as its grader account; its output."""
    klass = settings.klass(class_id)
    nbgrader = Path(sys.executable).parent / "nbgrader"
    course = settings.course_dir(klass.id)
    env = {**{k: v for k, v in os.environ.items() if k in ("LANG", "LC_ALL")},
           **grader_environment(settings, klass),  # as its formgrader: no autograde
           "HOME": str(course), "JUPYTERHUB_USER": klass.grader_user}
    done = subprocess.run(["runuser", "-u", klass.grader_user, "--", str(nbgrader),
                           *nbgrader_args], cwd=settings.course_dir(klass.id), env=env,
                          capture_output=True, text=True, timeout=1800)
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["(không rõ)"])[-1]
        raise InputError(f"nbgrader {nbgrader_args[0]} của lớp {class_id} không chạy được: {last}")
    return done.stdout + done.stderr


def release(directory: Path, class_id: str, assignment: str) -> None:
    """Generate the assignment from the course's solutions and put it in the exchange."""
    from tdp.hub.setup import prepare_class

    settings = load_settings(directory)
    prepare_class(settings, settings.klass(class_id))
    run_as_grader(settings, class_id, "db", "assignment", "add", assignment)
    run_as_grader(settings, class_id, "generate_assignment", assignment, "--force")
    run_as_grader(settings, class_id, "release_assignment", assignment, "--force")


def collect_and_grade(directory: Path, class_id: str, assignment: str,
                      isolate: bool = True) -> list[Outcome]:
    """Collect the class's submissions from the exchange (as its grader account) and grade
    them with `tdp grade`'s pipeline, each kernel caged; the results go back to the grader
    account, which the class's formgrader runs as."""
    from tdp.grading.autograde import autograde
    from tdp.hub.setup import chown_tree, prepare_class

    settings = load_settings(directory)
    klass = settings.klass(class_id)
    prepare_class(settings, klass)
    run_as_grader(settings, class_id, "collect", assignment, "--update")
    course = class_course(settings, class_id)
    try:
        with _class_state(course):
            return autograde(course, assignment, progress=False, isolate=isolate,
                             names=_names(settings, class_id), hidden=_hub_folders(settings))
    finally:
        chown_tree(course.root / "var", klass.grader_user)


def _names(settings: HubSettings, class_id: str) -> dict[str, str]:
    from tdp.hub.accounts import AccountBook

    book = AccountBook(settings.accounts_url)
    try:
        return {a.username: a.ho_ten for a in book.members(class_id)}
    finally:
        book.dispose()


def _hub_folders(settings: HubSettings) -> tuple[Path, ...]:
    """Everything in the hub's folder, for the cage to hide, except an entry holding what the
    kernel's Python needs (the interpreter, this package, the catalog)."""
    from tdp.grading.sandbox import python_folders
    from tdp.paths import course_dir

    needed = [Path(p).resolve() for p in python_folders()] + [course_dir().resolve()]
    return tuple(entry for entry in sorted(settings.dir.iterdir())
                 if not any(n.is_relative_to(entry.resolve()) for n in needed))


@contextlib.contextmanager
def _class_state(course: Course) -> Iterator[None]:
    """Grade with the class's own state folder (its exercises' store, next to its formgrader's)
    and the course's catalog, whatever the admin's shell says."""
    from tdp.paths import course_dir

    wanted = {"TDP_VAR_DIR": str(course.root / "var"), "TDP_COURSE_DIR": str(course_dir())}
    before = {k: os.environ.get(k) for k in wanted}
    os.environ.update(wanted)
    try:
        yield
    finally:
        for key, value in before.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
