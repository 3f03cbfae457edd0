"""`tdp catalog check`: is the course data sound? Each problem with file, key and fix."""

from __future__ import annotations

import argparse
import sys


def register(commands: argparse._SubParsersAction) -> None:
    catalog = commands.add_parser("catalog", help="dữ liệu khóa học (thủ tục, phường, lời nhắn)")
    actions = catalog.add_subparsers(dest="action", metavar="VIEC")
    actions.required = True
    check = actions.add_parser("check", help="kiểm tra toàn bộ dữ liệu trong course/")
    check.add_argument("--dir", help="thư mục khóa học (mặc định: course/)")
    check.set_defaults(run=_check)


def _check(args: argparse.Namespace) -> int:
    from pathlib import Path

    import tdp.engine  # noqa: F401  (its rule and effect kinds join the checks)
    from tdp.catalog import check_catalog
    from tdp.errors import InputError

    if args.dir and not Path(args.dir).is_dir():
        raise InputError(f"Không có thư mục khóa học '{args.dir}'")
    problems: list[object] = list(check_catalog(Path(args.dir) if args.dir else None))
    if not problems:  # scenarios are checked against a sound catalog (tdp.practice)
        from tdp.practice import check_scenarios

        problems = list(check_scenarios(Path(args.dir) if args.dir else None))
    if not problems:  # the class's own data: course info and the paper tests' bank
        from tdp.classroom import check_classroom

        problems = list(check_classroom(Path(args.dir) if args.dir else None))
    if not problems:
        print("Dữ liệu khóa học hợp lệ: không có lỗi.")
        return 0
    sys.stdout.write(f"Có {len(problems)} lỗi trong dữ liệu khóa học:\n")
    for p in problems:
        sys.stdout.write(f"- {p}\n")
    return 1
