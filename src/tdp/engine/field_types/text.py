"""Free text and people's names: NFC, trimmed, bounded, and free of characters no keyboard
types (control characters, bidi overrides, lone surrogates), which would corrupt a printout,
a terminal or a database column."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Hashable, Mapping
from typing import TYPE_CHECKING, ClassVar

from tdp.engine.field_types.base import INVALID, FieldType, Reporter, is_blank
from tdp.text import clean, name_key

if TYPE_CHECKING:
    from tdp.catalog.models import FieldSpec

TEXT_MAX_LENGTH = 200
"""Default longest free text, in characters (the store's VARCHAR(200) columns)."""
NAME_MAX_LENGTH = 100
"""Longest name: Vietnamese full names are far shorter; the store's `ho_ten` is VARCHAR(200)."""

_NAME = re.compile(r"^[^\W\d_]+(?:['’\-][^\W\d_]+)*(?: [^\W\d_]+(?:['’\-][^\W\d_]+)*)+$")
# Bidi embeddings/overrides/isolates and marks: they make a name display in another order.
_BIDI = {chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F)}
_WHITESPACE_CONTROLS = {"\t", "\n", "\r"}  # folded to one space by `clean`


def has_control_characters(text: str) -> bool:
    """True when `text` holds a character no keyboard types: C0/C1 controls (tab and line
    breaks excepted), bidi controls, or a lone surrogate (JSON can carry one)."""
    for ch in text:
        if ch in _WHITESPACE_CONTROLS:
            continue
        if ch in _BIDI or unicodedata.category(ch) in ("Cc", "Cs"):
            return True
    return False


class TextType(FieldType):
    name: ClassVar[str] = "text"
    codes: ClassVar[tuple[str, ...]] = ("dinh_dang_van_ban", "van_ban_qua_dai",
                                        "ky_tu_khong_hop_le")
    default_max_length: ClassVar[int] = TEXT_MAX_LENGTH

    def max_length(self, spec: FieldSpec | None = None) -> int:
        """The longest value allowed: the field's `max_length`, else the type's default."""
        if spec is not None and spec.max_length is not None:
            return spec.max_length
        return self.default_max_length

    def longest_raw(self, spec: FieldSpec | None = None) -> int:
        """Cleaning folds runs of white space and composes up to four code points into one
        character (NFC), so raw text up to 4 × the limit (+ 100) may still fit: anything
        longer is refused as too long without being cleaned."""
        return 4 * self.max_length(spec) + 100

    def parse(self, text: str) -> str | None:
        if not isinstance(text, str) or self.oversized(text):
            return None
        return clean(text)

    def normalise(self, value: object) -> object:
        return self.normalise_with(None, value)

    def normalise_with(self, spec: FieldSpec | None, value: object) -> object:
        """Cleaned, unless `validate` refuses it before cleaning (too long, or a control
        character that cleaning would fold into a space): left as it is, so that checking
        the normalised value (as the scoring does) refuses it as the portal does."""
        if not isinstance(value, str) or self.oversized(value, spec):
            return value
        return value if has_control_characters(value) else clean(value)

    def validate(self, ctx: Reporter, spec: FieldSpec, value: object, path: str,
                 root: Mapping[str, object]) -> object:
        if not isinstance(value, str):
            ctx.report(path, "dinh_dang_van_ban")
            return INVALID
        limit = self.max_length(spec)
        if self.oversized(value, spec):  # far too long: do not even normalise it
            ctx.report(path, "van_ban_qua_dai", toi_da=limit, so_ky_tu=len(value))
            return INVALID
        if has_control_characters(value):
            ctx.report(path, "ky_tu_khong_hop_le")
            return INVALID
        text = clean(value)
        if len(text) > limit:
            ctx.report(path, "van_ban_qua_dai", toi_da=limit, so_ky_tu=len(text))
            return INVALID
        return self.check_form(ctx, text, path)

    def check_form(self, ctx: Reporter, text: str, path: str) -> object:
        """What a subclass requires of the cleaned text beyond its length."""
        return text

    def key(self, value: object, spec: FieldSpec | None = None) -> Hashable:
        if is_blank(value):
            return None
        if not isinstance(value, str):
            return super().key(value, spec)
        return value if self.oversized(value, spec) else name_key(value)  # never cleaned


class PersonNameType(TextType):
    """Họ, chữ đệm và tên: letters (any script's, with Vietnamese diacritics) in at least two
    words; an apostrophe or hyphen may join letters, as in H'Đương or Nay H'Blơng."""

    name: ClassVar[str] = "person_name"
    codes: ClassVar[tuple[str, ...]] = (*TextType.codes, "ho_ten_khong_hop_le")
    default_max_length: ClassVar[int] = NAME_MAX_LENGTH
    placeholder_code: ClassVar[str | None] = "mau_nhap_ho_ten"

    def check_form(self, ctx: Reporter, text: str, path: str) -> object:
        if not _NAME.match(text):
            ctx.report(path, "ho_ten_khong_hop_le")
            return INVALID
        return text
