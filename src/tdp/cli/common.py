"""Helpers shared by the sub-commands: reading input files, `--at`, printing JSON."""

from __future__ import annotations

import json
import os
import stat
import sys
from datetime import datetime
from decimal import Decimal
from typing import Any

from tdp.errors import InputError

MAX_FILING_BYTES = 1_000_000  # a filing is a few kilobytes; 1 MB is generous
_MB = f"{MAX_FILING_BYTES / 1_000_000:g} MB"


def _read_bounded(source: str) -> bytes:
    """At most MAX_FILING_BYTES of a regular file or of standard input, checked before
    anything is read into memory: `/dev/zero`, a FIFO or a folder is refused, not read."""
    if source == "-":
        data = sys.stdin.buffer.read(MAX_FILING_BYTES + 1)
    else:
        try:
            info = os.stat(source)  # never blocks, not even on a FIFO
        except FileNotFoundError:
            raise InputError(f"Không tìm thấy tệp '{source}'") from None
        if stat.S_ISDIR(info.st_mode):
            raise InputError(f"'{source}' là thư mục, không phải tệp hồ sơ")
        if not stat.S_ISREG(info.st_mode):
            raise InputError(f"'{source}' không phải tệp thường (thiết bị, ống dẫn...): "
                             "hãy chỉ ra một tệp .json")
        if info.st_size > MAX_FILING_BYTES:
            raise InputError(f"Tệp '{source}' quá lớn ({info.st_size / 1_000_000:.1f} MB): "
                             f"tệp hồ sơ tối đa {_MB}")
        fd = os.open(source, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
        with os.fdopen(fd, "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):  # replaced meanwhile
                raise InputError(f"'{source}' không phải tệp thường: hãy chỉ ra một tệp .json")
            data = handle.read(MAX_FILING_BYTES + 1)
    if len(data) > MAX_FILING_BYTES:
        raise InputError(f"Hồ sơ '{source}' quá lớn: tối đa {_MB}")
    return data


def read_json_input(source: str) -> Any:
    """A JSON document from a path or `-` (standard input); unusable input → InputError."""
    try:
        text = _read_bounded(source).decode("utf-8-sig")
    except FileNotFoundError:
        raise InputError(f"Không tìm thấy tệp '{source}'") from None
    except IsADirectoryError:
        raise InputError(f"'{source}' là thư mục, không phải tệp hồ sơ") from None
    except UnicodeDecodeError:
        raise InputError(f"Tệp '{source}' không phải văn bản UTF-8") from None
    except OSError as exc:
        raise InputError(f"Không đọc được tệp '{source}' ({exc.strerror})") from None
    try:
        return json.loads(text, parse_int=_parse_int)
    except (json.JSONDecodeError, RecursionError) as exc:
        where = (f" (dòng {exc.lineno}, cột {exc.colno})"
                 if isinstance(exc, json.JSONDecodeError) else "")
        raise InputError(f"Tệp '{source}' không phải JSON hợp lệ{where}") from None
    except ValueError:  # an integer of more digits than Python converts
        raise InputError(f"Tệp '{source}' có số quá lớn") from None


def _parse_int(digits: str) -> int | Decimal:
    """JSON integers of any length: Python's `int()` refuses more than 4,300 digits (a
    ValueError, not a message), so a long one stays a Decimal for the field's type to refuse
    with its coded "too large" message."""
    return int(digits) if len(digits) <= 40 else Decimal(digits)


def parse_at_option(value: str | None) -> datetime:
    """`--at YYYY-MM-DDTHH:MM` (local time), default: now in Asia/Ho_Chi_Minh."""
    from tdp.dates import now_local, parse_at

    if value is None:
        return now_local().replace(second=0, microsecond=0)
    at = parse_at(value)
    if at is None:
        raise InputError(f"Thời điểm '{value}' không hợp lệ: dùng dạng YYYY-MM-DDTHH:MM")
    if at.year >= 9999:  # the appointment date would fall past the last date Python knows
        raise InputError(f"Thời điểm '{value}' không hợp lệ: năm phải trước năm 9999")
    return at


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
