"""Whole numbers and sums of money, read by one parser.

People type `7000`, `7.000`, `7 000`, `7.000 đ`, `7.000đ`, `7.000 đồng`, `7 nghìn`, `7 ngàn`,
`7k`, `1,5 triệu`, `1 triệu 200 nghìn`. Dots, commas and spaces group thousands only in
groups of three (`12,5` is twelve and a half, not 125, and is refused as a whole number).
Every parser here returns None for what it cannot read and never raises, whatever the input:
Python refuses `int()` on more than 4,300 digits, so length is checked first.
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Mapping
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, ClassVar

from tdp.dates import format_money
from tdp.engine.field_types.base import INVALID, FieldType, Reporter, frozen, is_blank
from tdp.text import clean

if TYPE_CHECKING:
    from tdp.catalog.models import FieldSpec

WHOLE_NUMBER_LIMIT = 999_999_999_999_999
"""The largest magnitude any whole number field takes (15 digits, well within a 64-bit
integer and a JSON double), whatever its own `min`/`max` say."""
_MAX_TEXT = 60  # longer text cannot be an amount anyone types

_DIGITS = r"[0-9]"
# 7000 | 7.000 | 7 000 | 7,000 | 1.234.567 (one separator kind, groups of three)
_GROUPED = re.compile(
    rf"({_DIGITS}+)|({_DIGITS}{{1,3}}(?:([., ]){_DIGITS}{{3}})(?:\3{_DIGITS}{{3}})*)"
)
_DECIMAL = re.compile(rf"({_DIGITS}+)[.,]({_DIGITS}+)")
_CURRENCY = re.compile(r"\s*(?:đồng|đ|vnđ|vnd|₫)$")
_MULTIPLIERS: dict[str, int] = {
    "nghìn": 1_000, "ngàn": 1_000, "k": 1_000, "triệu": 1_000_000, "tr": 1_000_000,
    "tỷ": 1_000_000_000, "tỉ": 1_000_000_000,
}
_WORDS = "|".join(sorted(_MULTIPLIERS, key=len, reverse=True))
_PART = re.compile(rf"({_DIGITS}[0-9., ]*?)\s*({_WORDS})(?![^\W\d_])\s*")


def parse_grouped(text: str) -> int | None:
    """`7000`, `7.000`, `7 000`, `7,000` → 7000: ASCII digits, optionally grouped by three."""
    if len(text) > _MAX_TEXT:
        return None
    m = _GROUPED.fullmatch(text)
    if not m:
        return None
    return int(re.sub(r"[., ]", "", text))


def _number_with_decimals(text: str) -> Decimal | None:
    grouped = parse_grouped(text)
    if grouped is not None:
        return Decimal(grouped)
    m = _DECIMAL.fullmatch(text)
    if not m:
        return None
    try:
        return Decimal(f"{m.group(1)}.{m.group(2)}")
    except InvalidOperation:  # pragma: no cover - the regex admits digits only
        return None


def parse_money(given: object) -> int | None:
    """A sum in đồng as a Vietnamese user types it; None when it is not one whole sum."""
    if isinstance(given, bool):
        return None
    if isinstance(given, int):
        return given if abs(given) <= WHOLE_NUMBER_LIMIT else None
    if not isinstance(given, str) or len(given) > _MAX_TEXT:
        return None
    text = _CURRENCY.sub("", clean(given).casefold()).strip()
    if not text:
        return None
    plain = parse_grouped(text)
    if plain is not None:
        return plain if plain <= WHOLE_NUMBER_LIMIT else None
    total = Decimal(0)
    position = 0
    last_multiplier = None
    for m in _PART.finditer(text):
        if m.start() != position:
            return None
        amount = _number_with_decimals(m.group(1).strip())
        multiplier = _MULTIPLIERS[m.group(2)]
        if amount is None or (last_multiplier is not None and multiplier >= last_multiplier):
            return None  # "7 nghìn 2 triệu": not how a sum is said
        total += amount * multiplier
        last_multiplier = multiplier
        position = m.end()
    if last_multiplier is None or position != len(text) or total != total.to_integral_value():
        return None
    return int(total) if total <= WHOLE_NUMBER_LIMIT else None


def parse_whole_number(given: object, unit: str = "") -> int | None:
    """A whole number typed or given as data: an int, an integral float, or ASCII digits
    (grouped by three or not, no sign), optionally followed by `unit` or its first words (`7 ngày`
    for a unit "ngày làm việc"). None for anything else; never raises."""
    if isinstance(given, bool):
        return None
    if isinstance(given, int):
        return given
    if isinstance(given, float):
        return int(given) if given.is_integer() else None
    if not isinstance(given, str) or len(given) > _MAX_TEXT:
        return None
    text = clean(given).casefold()
    words = clean(unit).casefold().split()
    for n in range(len(words), 0, -1):
        suffix = " ".join(words[:n])
        if text.endswith(suffix):
            text = text[: -len(suffix)].strip()
            break
    return parse_grouped(text)  # typed text is never negative: "-1" is refused


class WholeNumberType(FieldType):
    """`integer` in the catalog: a whole number within the field's `min`/`max`."""

    name: ClassVar[str] = "integer"
    codes: ClassVar[tuple[str, ...]] = ("so_nguyen_khong_hop_le", "so_qua_nho", "so_qua_lon")
    placeholder_code: ClassVar[str | None] = "mau_nhap_so"
    invalid_code: ClassVar[str] = "so_nguyen_khong_hop_le"

    def parse(self, text: str) -> int | None:
        return parse_whole_number(text)

    def read(self, value: object) -> int | None:
        return parse_whole_number(value)

    def bounds(self, spec: FieldSpec | None) -> tuple[int, int]:
        """The field's `min`/`max`, within ±WHOLE_NUMBER_LIMIT."""
        low = spec.min if spec is not None and spec.min is not None else -WHOLE_NUMBER_LIMIT
        high = spec.max if spec is not None and spec.max is not None else WHOLE_NUMBER_LIMIT
        return max(low, -WHOLE_NUMBER_LIMIT), min(high, WHOLE_NUMBER_LIMIT)

    def normalise(self, value: object) -> object:
        number = self.read(value)
        return value if number is None else number

    def validate(self, ctx: Reporter, spec: FieldSpec, value: object, path: str,
                 root: Mapping[str, object]) -> object:
        low, high = self.bounds(spec)
        if isinstance(value, Decimal) and value.is_finite() and value == value.to_integral():
            # a JSON integer too long for int() (see tdp.cli.common): name the bound it passes
            ctx.report(path, "so_qua_lon" if value > 0 else "so_qua_nho",
                       max=self.show(high), min=self.show(low))
            return INVALID
        number = self.read(value)
        if number is None:
            ctx.report(path, self.invalid_code)
            return INVALID
        if number < low:
            ctx.report(path, "so_qua_nho", min=self.show(low))
            return INVALID
        if number > high:
            ctx.report(path, "so_qua_lon", max=self.show(high))
            return INVALID
        return number

    def show(self, number: int) -> str:
        return str(number)

    def key(self, value: object, spec: FieldSpec | None = None) -> Hashable:
        if is_blank(value):
            return None
        number = self.read(value)
        return number if number is not None else frozen(value)


class MoneyType(WholeNumberType):
    """A sum in whole đồng (`money`): every form of `parse_money`, never negative."""

    name: ClassVar[str] = "money"
    codes: ClassVar[tuple[str, ...]] = ("so_tien_khong_hop_le", "so_qua_nho", "so_qua_lon")
    placeholder_code: ClassVar[str | None] = "mau_nhap_so_tien"
    invalid_code: ClassVar[str] = "so_tien_khong_hop_le"

    def parse(self, text: str) -> int | None:
        return parse_money(text)

    def read(self, value: object) -> int | None:
        if isinstance(value, float):
            return int(value) if value.is_integer() else None
        return parse_money(value)

    def bounds(self, spec: FieldSpec | None) -> tuple[int, int]:
        low, high = super().bounds(spec)
        return max(low, 0), high

    def to_screen(self, value: object) -> str:
        number = self.read(value)
        return format_money(number) if number is not None else super().to_screen(value)

    def show(self, number: int) -> str:
        return format_money(number)
