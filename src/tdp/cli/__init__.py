"""The `tdp` command: for trainers, scripts and tests. JSON out where a program reads it.

Each sub-command lives in its own module and imports what it needs only when it runs, so
`tdp check` starts fast (no pandas, widgets or matplotlib). No traceback reaches the user:
unusable input exits 2 with one Vietnamese line; an unexpected error says where its log is.
"""

from __future__ import annotations

import argparse
import sys
import traceback
from collections.abc import Sequence

from tdp.errors import CatalogError, InputError, TdpError

COMMAND_MODULES = ("portal", "catalog", "registry", "app", "course", "grade", "support", "report",
                   "practice", "classlist", "printing", "classroom", "hub")


# argparse's own (English) usage messages, in Vietnamese; anything else is kept as it is.
_USAGE_MESSAGES = (
    (r"the following arguments are required: (.+)", "thiếu {0}"),
    (r"argument (.+?): invalid choice: '?([^' ]*)'? \(choose from (.+)\)",
     "{0}: không có '{1}', chọn một trong: {2}"),
    (r"unrecognized arguments: (.+)", "không hiểu tham số {0}"),
    (r"argument (.+?): expected one argument", "{0} cần một giá trị"),
    (r"argument (.+?): invalid (\S+) value: (.+)", "{0}: giá trị {2} không hợp lệ"),
    (r"ambiguous option: (\S+) could match (.+)", "tùy chọn {0} không rõ ràng (có thể là {1})"),
)


_HELP_WORDS = {
    "usage: ": "cách dùng: ",
    "positional arguments": "tham số",
    "options": "tùy chọn",
    "show this help message and exit": "xem hướng dẫn này",
}


def _vietnamese_help(text: str) -> str:
    """argparse's own words in `--help`, in Vietnamese (argparse looks them up through `_`)."""
    return _HELP_WORDS.get(text, text)


argparse._ = _vietnamese_help  # type: ignore[attr-defined]


def _usage_message(message: str) -> str:
    import re

    for pattern, template in _USAGE_MESSAGES:
        match = re.fullmatch(pattern, message.strip())
        if match:
            return template.format(*(g.replace("'", "") for g in match.groups()))
    return message


class VietnameseParser(argparse.ArgumentParser):
    """argparse that reports usage errors as one Vietnamese line and exits 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        text = " ".join(_usage_message(message).split())
        sys.stderr.write(f"tdp: lệnh không đúng ({text}). Xem: {self.prog} --help\n")
        raise SystemExit(2)


def build_parser() -> argparse.ArgumentParser:
    from importlib import import_module

    parser = VietnameseParser(prog="tdp", description="Tổ dân phố điện tử — khóa tập huấn.")
    parser.add_argument("--db", help="địa chỉ cơ sở dữ liệu (SQLAlchemy URL)")
    commands = parser.add_subparsers(dest="command", metavar="LỆNH", parser_class=VietnameseParser)
    commands.required = True
    for name in COMMAND_MODULES:
        import_module(f"tdp.cli.{name}").register(commands)
    return parser


def _log_unexpected() -> str:
    from datetime import datetime

    from tdp.paths import log_file

    try:
        path = log_file()
        with path.open("a", encoding="utf-8") as log:
            log.write(f"--- {datetime.now().isoformat()} {' '.join(sys.argv)}\n")
            log.write(traceback.format_exc())
        return str(path)
    except OSError:
        return "(không ghi được nhật ký)"


def _take_db_option(argv: Sequence[str] | None) -> list[str]:
    """`--db URL` is accepted anywhere on the line (before or after the sub-command)."""
    pre = VietnameseParser(prog="tdp", add_help=False, allow_abbrev=False)
    pre.add_argument("--db")
    known, rest = pre.parse_known_args(list(sys.argv[1:] if argv is None else argv))
    if known.db:
        from tdp.paths import set_database_url

        set_database_url(known.db)
    return rest


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(_take_db_option(argv))
    try:
        return int(args.run(args) or 0)
    except InputError as exc:
        sys.stderr.write(f"tdp: {exc}\n")
        return 2
    except CatalogError as exc:
        sys.stderr.write(f"tdp: {exc}\nChạy 'tdp catalog check' để xem chi tiết.\n")
        return 2
    except TdpError as exc:
        sys.stderr.write(f"tdp: {exc}\n")
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except Exception:  # noqa: BLE001 - the user must never see a traceback
        where = _log_unexpected()
        sys.stderr.write(f"tdp: lỗi không mong muốn. Chi tiết đã ghi vào nhật ký: {where}\n")
        return 3


