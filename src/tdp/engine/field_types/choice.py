"""One of a list of choices, and the yes/no answer (a choice of two that is a bool in data)."""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from typing import TYPE_CHECKING, ClassVar

from tdp.engine.field_types.base import INVALID, FieldType, Reporter, is_blank
from tdp.text import clean, fold_diacritics

if TYPE_CHECKING:
    from tdp.catalog.models import FieldSpec

_MAX_TEXT = 200


class ChoiceType(FieldType):
    """`choice`: the value of one of the field's `choices` (labels are for screens)."""

    name: ClassVar[str] = "choice"
    codes: ClassVar[tuple[str, ...]] = ("lua_chon_khong_hop_le", "chon_bat_buoc")

    def longest_raw(self, spec: FieldSpec | None = None) -> int:
        return _MAX_TEXT

    def normalise(self, value: object) -> object:
        return clean(value) if isinstance(value, str) and not self.oversized(value) else value

    def parse_choice(self, text: str, spec: FieldSpec) -> str | None:
        """A value or a label as typed (case, accents and spacing aside) → the value."""
        if not isinstance(text, str) or self.oversized(text):
            return None
        typed = fold_diacritics(text)
        for c in spec.choices:
            if typed in (fold_diacritics(c.value), fold_diacritics(c.label)):
                return c.value
        return None

    def validate(self, ctx: Reporter, spec: FieldSpec, value: object, path: str,
                 root: Mapping[str, object]) -> object:
        allowed = {c.value for c in spec.choices}
        if not isinstance(value, str) or clean(value[:_MAX_TEXT + 1]) not in allowed:
            labels = ", ".join(f"{c.label} ({c.value})" for c in spec.choices)
            ctx.report(path, "lua_chon_khong_hop_le", lua_chon=labels)
            return INVALID
        return self.normalise(value)

    def key(self, value: object, spec: FieldSpec | None = None) -> Hashable:
        if is_blank(value):
            return None
        return self.normalise(value) if isinstance(value, str) else super().key(value, spec)


_YES = {"co", "dung", "yes", "true", "x", "1"}
_NO = {"khong", "sai", "no", "false", "0"}


def parse_yes_no(given: object) -> bool | None:
    """`True`/`False`, or "có"/"không", "đúng"/"sai", "true"/"false" typed in any case,
    with or without accents; None for anything else."""
    if isinstance(given, bool):
        return given
    if not isinstance(given, str) or len(given) > 20:
        return None
    word = fold_diacritics(given)
    if word in _YES:
        return True
    if word in _NO:
        return False
    return None


class YesNoType(FieldType):
    """`yes_no`: true or false in data; có/không on screen."""

    name: ClassVar[str] = "yes_no"
    codes: ClassVar[tuple[str, ...]] = ("co_khong_khong_hop_le",)
    placeholder_code: ClassVar[str | None] = "mau_nhap_co_khong"

    def parse(self, text: str) -> bool | None:
        return parse_yes_no(text)

    def to_screen(self, value: object) -> str:
        answer = parse_yes_no(value)
        return "" if answer is None else ("có" if answer else "không")

    def normalise(self, value: object) -> object:
        answer = parse_yes_no(value)
        return value if answer is None else answer

    def validate(self, ctx: Reporter, spec: FieldSpec, value: object, path: str,
                 root: Mapping[str, object]) -> object:
        answer = parse_yes_no(value)
        if answer is None:
            ctx.report(path, "co_khong_khong_hop_le")
            return INVALID
        return answer

    def key(self, value: object, spec: FieldSpec | None = None) -> Hashable:
        if value is None:
            return None
        answer = parse_yes_no(value)
        return answer if answer is not None else super().key(value, spec)
