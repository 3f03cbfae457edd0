"""A hub class as an nbgrader course: the one set of settings its `nbgrader_config.py` (read
by the formgrader and by the grader account's nbgrader) and the caged grading share."""

from __future__ import annotations

from tdp.grading.course import Course
from tdp.hub.settings import HubSettings, driver_url
from tdp.paths import project_root


def class_course(settings: HubSettings, class_id: str) -> Course:
    """The class's course folder, its PostgreSQL gradebook, the hub's exchange and the
    course's sources (the repository's solutions/)."""
    klass = settings.klass(class_id)
    return Course(root=settings.course_dir(klass.id), course_id=klass.id,
                  source=project_root() / "solutions", gradebook=driver_url(klass.gradebook_url),
                  exchange=settings.exchange)
