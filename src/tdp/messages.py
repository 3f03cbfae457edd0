"""Coded error messages: the code lives in Python, the Vietnamese wording in
`course/messages.vi.yaml`, so a trainer can reword a message without touching code. Which
codes need a wording is derived from the engine's kinds (`tdp.engine.message_codes`)."""

from __future__ import annotations

import string
from dataclasses import dataclass
from typing import Any

BANNER_TEXT = "BẢN MÔ PHỎNG — chỉ dùng để tập huấn"
"""On every screen of the mock portal and every printed page that shows its data."""


@dataclass(frozen=True)
class FieldError:
    """One problem with a filing: where (dotted path), what (stable code), and what to do."""

    field: str
    code: str
    message: str

    def to_json(self) -> dict[str, str]:
        return {"field": self.field, "code": self.code, "message": self.message}


class _Lenient(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def lower_first(text: str) -> str:
    """'Ngày sinh của trẻ' → 'ngày sinh của trẻ' (for use inside a sentence)."""
    if len(text) > 1 and text[1].isupper():  # an acronym such as "VNeID" stays as it is
        return text
    return text[:1].lower() + text[1:]


def render(messages: dict[str, str], code: str, label: str, **params: Any) -> str:
    """The Vietnamese message for `code`, naming the field by its `label`."""
    template = messages.get(code) or "{nhan}: " + code
    values = _Lenient(params)
    values.setdefault("nhan", label)
    values.setdefault("nhan_thuong", lower_first(label))
    text = string.Formatter().vformat(template, (), values)
    return text[:1].upper() + text[1:]
