"""Identity numbers and phone numbers: digits people copy from a card or a phone, where a
space or a dash typed in the middle must not matter, and a wrong number must be told apart
from a malformed one."""

from __future__ import annotations

import re
from collections.abc import Hashable, Mapping
from typing import TYPE_CHECKING, ClassVar

from tdp.engine.field_types.base import INVALID, FieldType, Reporter, is_blank
from tdp.registry.idnumber import parse_identity_number, province_codes
from tdp.text import clean

if TYPE_CHECKING:
    from tdp.catalog.models import FieldSpec

_TWELVE_DIGITS = re.compile(r"[0-9]{12}")
_PHONE_MOBILE = re.compile(r"0[35789][0-9]{8}")
_PHONE_LANDLINE = re.compile(r"02[0-9]{9}")
_MAX_TEXT = 40


class IdentityNumberType(FieldType):
    """Số định danh cá nhân: 12 ASCII digits `PPP C YY RRRRRR` with a real province code
    (domain.md); spaces typed between groups are dropped."""

    name: ClassVar[str] = "identity_number"
    codes: ClassVar[tuple[str, ...]] = ("so_dinh_danh_khong_hop_le", "so_dinh_danh_sai_ma_tinh")
    placeholder_code: ClassVar[str | None] = "mau_nhap_so_dinh_danh"

    def longest_raw(self, spec: FieldSpec | None = None) -> int:
        return _MAX_TEXT

    def parse(self, text: str) -> str | None:
        if not isinstance(text, str) or self.oversized(text):
            return None
        digits = clean(text).replace(" ", "")
        return digits if parse_identity_number(digits) is not None else None

    def normalise(self, value: object) -> object:
        if isinstance(value, str) and not self.oversized(value):
            return _without_spaces(value)
        return value

    def validate(self, ctx: Reporter, spec: FieldSpec, value: object, path: str,
                 root: Mapping[str, object]) -> object:
        text = _without_spaces(value) if isinstance(value, str) else None
        if text is None or not _TWELVE_DIGITS.fullmatch(text):
            ctx.report(path, "so_dinh_danh_khong_hop_le")
            return INVALID
        if text[:3] not in province_codes():
            # Twelve digits, so "phải gồm 12 chữ số" would mislead: name the province code.
            ctx.report(path, "so_dinh_danh_sai_ma_tinh", ma_tinh=text[:3])
            return INVALID
        if parse_identity_number(text) is None:  # pragma: no cover - every C digit is valid
            ctx.report(path, "so_dinh_danh_khong_hop_le")
            return INVALID
        return text

    def key(self, value: object, spec: FieldSpec | None = None) -> Hashable:
        if is_blank(value):
            return None
        normal = self.normalise(value)
        return normal if isinstance(normal, str) else super().key(value, spec)


def _without_spaces(text: str) -> str:
    return "".join(clean(text[: _MAX_TEXT + 1]).split())


def normalise_phone(value: str) -> str:
    """Drop spaces, dots, dashes and brackets; `+84…` / `84…` (11 digits) → `0…`."""
    digits = re.sub(r"[\s.\-()]", "", value)
    if digits.startswith("+84"):
        digits = "0" + digits[3:]
    elif digits.startswith("84") and len(digits) == 11:
        digits = "0" + digits[2:]
    return digits


class PhoneType(FieldType):
    """A Vietnamese number: mobile 10 digits 03/05/07/08/09…, landline 11 digits 02…;
    `+84` or `84` in front, spaces, dots and dashes are accepted and dropped."""

    name: ClassVar[str] = "phone"
    codes: ClassVar[tuple[str, ...]] = ("so_dien_thoai_khong_hop_le",)
    placeholder_code: ClassVar[str | None] = "mau_nhap_so_dien_thoai"
    hint_code: ClassVar[str | None] = "goi_y_so_dien_thoai"

    def longest_raw(self, spec: FieldSpec | None = None) -> int:
        return _MAX_TEXT

    def parse(self, text: str) -> str | None:
        if not isinstance(text, str) or self.oversized(text):
            return None
        digits = normalise_phone(text)
        ok = _PHONE_MOBILE.fullmatch(digits) or _PHONE_LANDLINE.fullmatch(digits)
        return digits if ok else None

    def normalise(self, value: object) -> object:
        if isinstance(value, str) and not self.oversized(value):
            return normalise_phone(value)
        return value

    def validate(self, ctx: Reporter, spec: FieldSpec, value: object, path: str,
                 root: Mapping[str, object]) -> object:
        digits = self.parse(value) if isinstance(value, str) else None
        if digits is None:
            ctx.report(path, "so_dien_thoai_khong_hop_le")
            return INVALID
        return digits
