"""Trainee names as they arrive in file names (Zalo, USB, zip tools): cleaned before they
reach the class list or the screen.

A file name can carry anything a file system allows: control characters (ESC, which would
drive the trainer's terminal), right-to-left marks that make a name read backwards,
zero-width characters that make two names look alike, and a leading `=` that turns the
name into a formula in every spreadsheet. What is left is a person's name, or a reason why
it is not one.
"""

from __future__ import annotations

import unicodedata

from tdp.tables import FORMULA_PREFIXES
from tdp.text import clean

MAX_NAME_CHARS = 100  # the longest Vietnamese full names are well under 60 characters
_BREAKING = ("Cc", "Zl", "Zp")  # controls and line breaks: they separate words
_HIDDEN = ("Cf", "Cs", "Co", "Cn")  # bidi marks, zero-width, private, unassigned: dropped
_INVISIBLE = _BREAKING + _HIDDEN


def _strip_invisible(text: str) -> str:
    return "".join(" " if unicodedata.category(ch) in _BREAKING else ch for ch in text
                   if unicodedata.category(ch) not in _HIDDEN)


def clean_name(raw: str) -> tuple[str | None, str | None]:
    """(the name, None), or (None, why it is refused, in Vietnamese)."""
    name = clean(_strip_invisible(unicodedata.normalize("NFC", raw)))
    if not name:
        return None, "tên trống"
    if name.startswith(FORMULA_PREFIXES):
        return None, f"tên bắt đầu bằng ký tự '{name[0]}' (dạng công thức Excel)"
    if len(name) > MAX_NAME_CHARS:
        return None, f"tên dài quá {MAX_NAME_CHARS} ký tự"
    if not any(ch.isalpha() for ch in name):
        return None, "tên không có chữ cái"
    return name, None


def printable(text: str) -> str:
    """Text safe to print on a terminal: every control or bidi character shown as '�'."""
    return "".join("\ufffd" if unicodedata.category(ch) in _INVISIBLE else ch for ch in text)
