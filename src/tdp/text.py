"""Comparing what people type: NFC, case and spacing must not matter (domain.md)."""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")


def nfc(text: str) -> str:
    """Keyboards type Vietnamese composed or decomposed; compare the composed form."""
    return unicodedata.normalize("NFC", text)


def clean(text: str) -> str:
    """NFC, trimmed, inner runs of white space folded to one space."""
    return _SPACES.sub(" ", nfc(text)).strip()


def name_key(name: str) -> str:
    """The form under which two spellings of one name compare equal."""
    return clean(name).casefold()


def same_name(a: str, b: str) -> bool:
    return name_key(a) == name_key(b)


def fold_diacritics(text: str) -> str:
    """'Đăng ký khai sinh' → 'dang ky khai sinh': search that ignores accents and case."""
    decomposed = unicodedata.normalize("NFD", clean(text).replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
