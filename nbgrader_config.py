"""nbgrader's configuration: the course root is this repository (see README).

The settings are written once, in `tdp.grading.course.Course.values()`; add a line below only
for a setting of this one installation."""

from pathlib import Path

from tdp.grading.course import Course

c = get_config()  # noqa: F821 - provided by nbgrader

Course(root=Path(__file__).resolve().parent).apply(c)
