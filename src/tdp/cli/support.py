"""`tdp support template|import|export|list`: the support log (volunteers' record of each
procedure they helped a resident with) in Excel and in the store."""

from __future__ import annotations

import argparse
import sys
from datetime import date

from tdp.cli.common import print_json

GOOD_ROWS_ONLY = "--chi-dong-hop-le"


def register(commands: argparse._SubParsersAction) -> None:
    support = commands.add_parser("support", help="sổ theo dõi hỗ trợ người dân (Excel)")
    actions = support.add_subparsers(dest="action", metavar="VIEC")
    actions.required = True

    template = actions.add_parser("template", help="tạo tệp Excel mẫu để ghi sổ hỗ trợ")
    template.add_argument("file", metavar="TEP.xlsx")
    template.set_defaults(run=_template)

    imp = actions.add_parser(
        "import",
        help="nhập tệp Excel vào sổ; tệp có dòng sai thì không nhập dòng nào",
        description="Kiểm tra từng dòng; mọi dòng sai được liệt kê kèm số dòng và lý do. "
        "Tệp có dòng sai thì không nhập gì, trừ khi thêm --chi-dong-hop-le. "
        "Mã thoát: 0 đã nhập, 1 có dòng sai (không nhập), 2 tệp không dùng được.",
    )
    imp.add_argument("file", metavar="TEP.xlsx")
    imp.add_argument(GOOD_ROWS_ONLY, dest="good_rows_only", action="store_true",
                     help="chỉ nhập các dòng hợp lệ, bỏ qua các dòng sai (vẫn liệt kê)")
    imp.add_argument("--kiem-tra", dest="dry_run", action="store_true",
                     help="chỉ kiểm tra, không nhập")
    imp.add_argument("--json", action="store_true", help="in kết quả dạng JSON")
    imp.set_defaults(run=_import)

    exp = actions.add_parser("export", help="xuất sổ hỗ trợ ra tệp Excel (cùng mẫu)")
    exp.add_argument("file", metavar="TEP.xlsx")
    _filters(exp)
    exp.set_defaults(run=_export)

    listing = actions.add_parser("list", help="liệt kê các lượt hỗ trợ")
    _filters(listing)
    listing.add_argument("--json", action="store_true", help="in dạng JSON")
    listing.set_defaults(run=_list)


def _filters(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--ward", metavar="MA_PHUONG", help="chỉ một xã, phường")
    parser.add_argument("--tu-ngay", dest="start", metavar="NGAY", help="từ ngày (dd/mm/yyyy)")
    parser.add_argument("--den-ngay", dest="end", metavar="NGAY", help="đến ngày (dd/mm/yyyy)")


def _resolve_filters(args: argparse.Namespace):
    from tdp.errors import InputError
    from tdp.reports.monthly import resolve_ward
    from tdp.support import load_support_choices, parse_date_value

    choices = load_support_choices()
    ward = resolve_ward(choices, args.ward) if args.ward else None
    dates: list[date | None] = []
    for value in (args.start, args.end):
        if value is None:
            dates.append(None)
            continue
        parsed = parse_date_value(value)
        if parsed is None:
            raise InputError(f"Ngày '{value}' không hợp lệ: dùng dạng dd/mm/yyyy")
        dates.append(parsed)
    return choices, ward, dates[0], dates[1]


def _template(args: argparse.Namespace) -> int:
    from tdp.support import write_template

    path = write_template(args.file)
    print(f"Đã tạo tệp mẫu sổ hỗ trợ: {path}")
    return 0


def _import(args: argparse.Namespace) -> int:
    from tdp.support import import_workbook, read_workbook

    if args.dry_run:
        report = read_workbook(args.file)
    else:
        report = import_workbook(args.file, good_rows_only=args.good_rows_only)
    if args.json:
        print_json(report.to_json())
        return 1 if report.errors and not report.imported else 0
    out = sys.stdout
    out.write(f"Tệp {report.file}: {report.rows} dòng có dữ liệu, {len(report.good)} dòng hợp lệ, "
              f"{len(report.errors)} dòng sai.\n")
    for error in report.errors:
        out.write(f"- {error}\n")
    if args.dry_run:
        out.write("Chỉ kiểm tra: chưa nhập dòng nào.\n")
        return 1 if report.errors else 0
    if report.errors and not args.good_rows_only:
        out.write(f"Chưa nhập dòng nào. Sửa các dòng trên rồi nhập lại, hoặc thêm "
                  f"{GOOD_ROWS_ONLY} để chỉ nhập {len(report.good)} dòng hợp lệ.\n")
        return 1
    out.write(f"Đã nhập {report.imported} lượt hỗ trợ vào sổ.\n")
    return 0


def _export(args: argparse.Namespace) -> int:
    from tdp.support import export_workbook

    choices, ward, start, end = _resolve_filters(args)
    n = export_workbook(args.file, ward=ward, start=start, end=end, choices=choices)
    print(f"Đã xuất {n} lượt hỗ trợ ra tệp {args.file}")
    return 0


def _list(args: argparse.Namespace) -> int:
    from tdp.dates import format_screen_date
    from tdp.support import list_records

    choices, ward, start, end = _resolve_filters(args)
    records = list_records(ward=ward, start=start, end=end)
    if args.json:
        print_json([r.to_json() for r in records])
        return 0
    c = choices
    for r in records:
        sys.stdout.write(
            f"{format_screen_date(r.ngay)}  {c.communes.label(r.xa_phuong)}, "
            f"{c.groups(r.xa_phuong).label(r.to_dan_pho)}  {c.procedures.label(r.thu_tuc)}  "
            f"[{c.channels.label(r.hinh_thuc)}; {c.age_groups.label(r.nhom_tuoi)}; "
            f"{c.outcomes.label(r.ket_qua)}]  {r.tinh_nguyen_vien}\n"
        )
    sys.stdout.write(f"Tổng: {len(records)} lượt hỗ trợ\n")
    return 0
