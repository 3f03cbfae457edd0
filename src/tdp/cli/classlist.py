"""`tdp class import FILE | template FILE`: the class list from the trainer's spreadsheet;
`tdp class pin WHO [--dat-lai]`: a trainee's PIN of the "Bài tập" app, reset when forgotten."""

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
    pin = actions.add_parser(
        "pin", help="mã PIN ứng dụng Bài tập của một học viên; --dat-lai khi học viên quên mã",
        description="Xem học viên đã đặt mã PIN của ứng dụng Bài tập chưa; với --dat-lai, xóa "
                    "mã PIN đó để lần vào sau học viên đặt mã mới. Bài làm dở và bài đã nộp "
                    "vẫn giữ nguyên.")
    pin.add_argument("hoc_vien", metavar="TEN_HOAC_MA",
                     help="họ và tên hoặc mã học viên, như trong danh sách lớp")
    pin.add_argument("--dat-lai", action="store_true",
                     help="đặt lại: xóa mã PIN cũ, học viên đặt mã mới ở lần vào tới")
    pin.set_defaults(run=_pin)


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


def _pin(args: argparse.Namespace) -> int:
    from tdp.dates import format_screen_date
    from tdp.screens.exercise_pin import trainee_pin

    status = trainee_pin(args.hoc_vien, reset=args.dat_lai)
    who = f"{status.trainee.name} ({status.trainee.id})"
    if args.dat_lai:
        if status.reset:
            print(f"Đã đặt lại mã PIN của {who}. Lần vào Bài tập tới, học viên đặt mã PIN mới; "
                  "bài làm dở và bài đã nộp vẫn giữ nguyên.")
        else:
            print(f"{who} chưa đặt mã PIN: không có gì để đặt lại. Lần vào Bài tập tới, học "
                  "viên đặt mã PIN mới.")
    elif status.set_at:
        at = f"{status.set_at:%H:%M} ngày {format_screen_date(status.set_at)}"
        print(f"{who} đã đặt mã PIN lúc {at}. Học viên quên mã thì chạy: "
              f'tdp class pin "{status.trainee.name}" --dat-lai')
    else:
        print(f"{who} chưa đặt mã PIN: lần vào Bài tập tới, học viên đặt mã PIN mới.")
    return 0
