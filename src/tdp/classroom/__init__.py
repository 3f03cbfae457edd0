"""The class itself: who is in it (the class list, read by
`tdp.classlist`), who came (attendance), what they knew
before and after (the paper tests) and who completed it (certificates with a verification
code). A domain under the faces: the printouts, the dashboard and `tdp` ask it."""

from __future__ import annotations

from pathlib import Path


def check_classroom(root: Path | None = None) -> list[str]:
    """Problems of the class's own data (`khoa_hoc.yaml`, `kiem_tra.yaml`): part of
    `tdp catalog check`, so a fee that makes two options of a question equal is caught."""
    from tdp.classroom.course_info import load_course_info
    from tdp.classroom.papertest import check_bank
    from tdp.errors import InputError

    problems = []
    try:
        info = load_course_info(root)
        from tdp.practice import load_modules

        modules = len(load_modules(root).modules)
        if info.sessions != modules:
            problems.append(f"khoa_hoc.yaml, buoi_hoc: có {info.sessions} ngày nhưng khóa học "
                            f"có {modules} học phần (course/scenarios/_modules.yaml)")
    except InputError as exc:
        problems.append(str(exc))
    return problems + check_bank(root)
