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

COMMAND_MODULES = ("portal", "catalog", "registry")


class VietnameseParser(argparse.ArgumentParser):
    """argparse that reports usage errors in Vietnamese and exits 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        sys.stderr.write(f"tdp: lệnh không đúng ({message}). Xem: tdp --help\n")
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


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.db:
        import os

        os.environ["TDP_DATABASE_URL"] = args.db
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


