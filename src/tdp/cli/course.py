"""`tdp course release | check`: the graded exercises, regenerated from solutions/."""

from __future__ import annotations

import argparse


def register(commands: argparse._SubParsersAction) -> None:
    course = commands.add_parser("course", help="bài tập chấm điểm (solutions/ → exercises/)")
    actions = course.add_subparsers(dest="action", metavar="VIEC")
    actions.required = True
    release = actions.add_parser("release", help="tạo lại exercises/ từ solutions/ bằng nbgrader")
    release.add_argument("bai", nargs="*", help="các bài (mặc định: tất cả)")
    release.set_defaults(run=_release)
    check = actions.add_parser("check", help="exercises/ có khớp với solutions/ không")
    check.set_defaults(run=_check)


def _release(args: argparse.Namespace) -> int:
    from tdp.grading.course import Course
    from tdp.grading.release import release

    course = Course()
    for path in release(course, args.bai or None):
        print(f"Đã tạo {path.relative_to(course.root)}")
    return 0


def _check(args: argparse.Namespace) -> int:
    from tdp.grading.course import Course
    from tdp.grading.release import stale

    problems = stale(Course())
    if not problems:
        print("exercises/ khớp với solutions/.")
        return 0
    for p in problems:
        print(f"- {p}")
    print("Chạy 'tdp course release' để tạo lại exercises/.")
    return 1
