"""What a hub class's formgrader runs instead of nbgrader's Execute: a refusal.

The formgrader is a service running as the class's grader account. Its "autograde" button
would run a trainee's notebook there, with the grader's rights (every submission, the
gradebook's address, the network) and no cage: only root can build one. On the hub, grading
goes through `tdp hub class grade` (the caged pipeline) and nothing else; the class's own
Jupyter config (`courses/<class>/.jupyter/nbgrader_config.py`, which only the grader account
reads) puts this in place of the preprocessors that run code.
"""

from __future__ import annotations

from typing import Any

from nbconvert.preprocessors import Preprocessor
from traitlets import Bool

REFUSAL = ("Trên hub, bài nộp chỉ được chấm trong vùng cô lập, bằng lệnh "
           "'tdp hub class grade {course} {assignment}' trên máy chủ (quyền root). "
           "Nút chấm tự động của formgrader đã tắt: nó sẽ chạy mã của học viên với quyền "
           "của tài khoản chấm.")


class RefuseUncagedGrading(Preprocessor):  # type: ignore[misc]  # nbconvert is untyped
    enabled = Bool(True)  # nbconvert's preprocessors are off unless enabled

    def preprocess(self, nb: Any, resources: dict[str, Any]) -> tuple[Any, dict[str, Any]]:
        course = self.config.CourseDirectory.get("course_id") or "LỚP"  # the class's config
        assignment = (resources.get("nbgrader") or {}).get("assignment") or "BÀI"
        raise RuntimeError(REFUSAL.format(course=course, assignment=assignment))
