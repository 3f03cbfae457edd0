"""`tdp check`, `tdp submit`, `tdp status`, `tdp officer`: the mock portal from the shell."""

from __future__ import annotations

import argparse

from tdp.cli.common import parse_at_option, print_json, read_json_input


def register(commands: argparse._SubParsersAction) -> None:
    for name, help_text, run in (
        ("check", "kiểm tra một hồ sơ (không lưu gì)", _check),
        ("submit", "nộp một hồ sơ: cấp mã hồ sơ và áp dụng kết quả", _submit),
    ):
        cmd = commands.add_parser(name, help=help_text)
        cmd.add_argument("procedure", metavar="THU_TUC")
        cmd.add_argument("file", metavar="TEP", help="tệp JSON của hồ sơ, hoặc - để đọc từ stdin")
        cmd.add_argument("--at", help="thời điểm nộp YYYY-MM-DDTHH:MM (mặc định: bây giờ)")
        _json_flag(cmd)
        if name == "submit":
            cmd.add_argument("--owner", help="học viên nộp hồ sơ (cho mục Dịch vụ công của tôi)")
        cmd.set_defaults(run=run)

    status = commands.add_parser("status", help="tra cứu một hồ sơ và lịch sử trạng thái")
    status.add_argument("receipt", metavar="MA_HO_SO")
    _json_flag(status)
    status.set_defaults(run=_status)

    officer = commands.add_parser("officer", help="cán bộ mô phỏng xử lý hồ sơ")
    actions = officer.add_subparsers(dest="action", metavar="VIEC")
    actions.required = True
    process = actions.add_parser("process", help="chuyển hồ sơ sang bước tiếp theo")
    process.add_argument("receipt", nargs="?", metavar="MA_HO_SO",
                         help="mã hồ sơ (bỏ trống: mọi hồ sơ đang mở)")
    process.add_argument("--to", type=int, metavar="TRANG_THAI", help="mã trạng thái 1–10")
    process.add_argument("--note", default="", help="ghi chú của cán bộ")
    process.add_argument("--at", help="thời điểm YYYY-MM-DDTHH:MM (mặc định: bây giờ)")
    _json_flag(process)
    process.set_defaults(run=_process)


def _json_flag(cmd: argparse.ArgumentParser) -> None:
    """These commands always print JSON; `--json` is accepted, as `tdp registry` takes it, so
    a caller that passes it everywhere gets the same object instead of a usage error."""
    cmd.add_argument("--json", action="store_true", help="in dạng JSON (luôn như vậy)")


def _check(args: argparse.Namespace) -> int:
    from tdp.engine import check

    filing = read_json_input(args.file)
    result = check(args.procedure, filing, parse_at_option(args.at))
    print_json(result.to_json())
    return 0 if result.valid else 1


def _submit(args: argparse.Namespace) -> int:
    from tdp.engine import submit

    filing = read_json_input(args.file)
    result = submit(args.procedure, filing, parse_at_option(args.at), owner=args.owner)
    print_json(result.to_json())
    return 0 if result.valid else 1


def _status(args: argparse.Namespace) -> int:
    from tdp.engine import filing_steps, get_filing

    view = get_filing(args.receipt)
    print_json({**view.to_json(), "next_steps": filing_steps(view)})
    return 0


def _process(args: argparse.Namespace) -> int:
    from tdp.engine import advance

    moved = advance(parse_at_option(args.at), args.receipt, args.to, args.note)
    print_json([{"receipt": f.receipt, "status": f.status,
                 "status_name": f.to_json()["status_name"]} for f in moved])
    return 0
