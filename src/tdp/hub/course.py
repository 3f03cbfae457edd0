"""A hub class as an nbgrader course: the one set of settings its `nbgrader_config.py` (read
by the formgrader and by the grader account's nbgrader) and the caged grading share."""

from __future__ import annotations

from tdp.grading.course import Course
from tdp.hub.gradebook_access import GradebookAccess
from tdp.hub.settings import HubSettings
from tdp.paths import project_root


def class_course(settings: HubSettings, class_id: str) -> Course:
    """The class's course folder, its PostgreSQL gradebook (as the class's own role: the
    formgrader's config names it, so never the admin's), the hub's exchange and the course's
    sources (the repository's solutions/)."""
    klass = settings.klass(class_id)
    return Course(root=settings.course_dir(klass.id), course_id=klass.id,
                  source=project_root() / "solutions",
                  gradebook=GradebookAccess.of(settings, klass.id).url(),
                  exchange=settings.exchange)
