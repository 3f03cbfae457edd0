"""`tdp report monthly`: the support report a ward secretary sends up each month."""

from __future__ import annotations

import argparse
import sys

from tdp.cli.common import print_json


def register(commands: argparse._SubParsersAction) -> None:
    report = commands.add_parser("report", help="báo cáo (hỗ trợ người dân hằng tháng)")
    actions = report.add_subparsers(dest="action", metavar="VIEC")
    actions.required = True
    monthly = actions.add_parser(
        "monthly",
        help="báo cáo tháng của một xã, phường",
        description="Số lượt hỗ trợ theo thủ tục và hình thức, hồ sơ đã nộp, ngày công tình "
        "nguyện, so với tháng trước; kèm biểu đồ. Mỗi lượt = một người dân được hỗ trợ một "
        "thủ tục trong một ngày; ngày công = số cặp (tình nguyện viên, ngày) khác nhau.",
    )
    monthly.add_argument("--ward", required=True, metavar="MA_PHUONG",
                         help="mã hoặc tên xã, phường (ví dụ thong_nhat)")
    monthly.add_argument("--month", required=True, metavar="YYYY-MM", help="tháng báo cáo")
    monthly.add_argument("--to-dan-pho", dest="group", metavar="MA_TO",
                         help="chỉ một tổ dân phố (ví dụ to_1)")
    monthly.add_argument("--xlsx", metavar="TEP.xlsx", help="ghi báo cáo Excel (kèm biểu đồ)")
    monthly.add_argument("--png", metavar="TEP.png", help="ghi biểu đồ PNG")
    monthly.add_argument("--json", action="store_true", help="in dạng JSON")
    monthly.set_defaults(run=_monthly)


def _monthly(args: argparse.Namespace) -> int:
    # Check the cheap things first: a typo exits 2 before pandas is even imported.
    from tdp.reports.month import Month
    from tdp.reports.monthly import resolve_group, resolve_ward
    from tdp.support import load_support_choices

    choices = load_support_choices()
    month = Month.parse(args.month)
    ward = resolve_ward(choices, args.ward)
    group = resolve_group(choices, ward, args.group) if args.group else None

    from tdp.reports import monthly_report, write_png, write_xlsx
    from tdp.reports.metrics import TREND_MONTHS
    from tdp.support import records_frame

    frame = records_frame(ward=ward, group=group, start=month.shift(1 - TREND_MONTHS).first_day,
                          end=month.last_day)
    report = monthly_report(frame, ward, month, group=group, choices=choices)
    written = []
    if args.xlsx:
        written.append(f"Đã ghi báo cáo Excel: {write_xlsx(report, args.xlsx)}")
    if args.png:
        written.append(f"Đã ghi biểu đồ: {write_png(report, args.png)}")
    if args.json:
        print_json(report.to_json())
        for line in written:
            sys.stderr.write(line + "\n")
        return 0
    sys.stdout.write(report.to_text())
    for line in written:
        sys.stdout.write(line + "\n")
    return 0
