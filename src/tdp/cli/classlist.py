"""`tdp class import FILE | template FILE`: the class list from the trainer's spreadsheet."""

from __future__ import annotations

import argparse
import sys


def register(commands: argparse._SubParsersAction) -> None:
    cmd = commands.add_parser("class", help="danh sách học viên của lớp (nhập từ Excel/CSV)")
    actions = cmd.add_subparsers(dest="action", metavar="VIEC")
    actions.required = True
    imp = actions.add_parser("import", help="nhập danh sách lớp từ tệp .xlsx hoặc .csv")
    imp.add_argument("tep", help="tệp danh sách lớp: họ và tên, phường/xã, số điện thoại")
    imp.set_defaults(run=_import)
    tpl = actions.add_parser("template", help="tạo tệp Excel mẫu để điền danh sách lớp")
    tpl.add_argument("tep", help="tên tệp .xlsx sẽ tạo")
    tpl.set_defaults(run=_template)


def _import(args: argparse.Namespace) -> int:
    from pathlib import Path

    from tdp.classlist import import_class
    from tdp.grading.course import Course
    from tdp.paths import var_dir

    target = Course().trainees_csv
    result = import_class(Path(args.tep), target, var_dir() / "class-list-old")
    if result.problems:
        for problem in result.problems:
            sys.stderr.write(f"{problem}\n")
        sys.stderr.write(f"Chưa nhập: {len(result.problems)} dòng cần sửa. Sửa tệp rồi chạy "
                         "lại lệnh.\n")
        return 2
    print(f"Đã nhập {len(result.imported)} học viên vào {target}.")
    if result.moved_to:
        print(f"Danh sách cũ đã chuyển sang {result.moved_to}.")
    return 0


def _template(args: argparse.Namespace) -> int:
    from pathlib import Path

    from tdp.classlist import write_template

    path = write_template(Path(args.tep))
    print(f"Đã tạo tệp mẫu {path}: điền mỗi học viên một dòng, xóa dòng ví dụ.")
    return 0
