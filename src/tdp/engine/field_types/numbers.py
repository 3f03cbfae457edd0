"""Whole numbers and sums of money, read by the course's one parser (`tdp.dates.parse_money`,
in the base layer so that exercises and printouts use it too).

People type `7000`, `7.000`, `7 000`, `7.000 đ`, `7.000đ`, `7.000 đồng`, `7 nghìn`, `7 ngàn`,
`7k`, `1,5 triệu`, `1 triệu 200 nghìn`. Dots, commas and spaces group thousands only in
groups of three (`12,5` is twelve and a half, not 125, and is refused as a whole number).
Every parser returns None for what it cannot read and never raises, whatever the input:
Python refuses `int()` on more than 4,300 digits, so length is checked first.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, ClassVar

from tdp.dates import MONEY_LIMIT, format_money, parse_grouped, parse_money
from tdp.engine.field_types.base import INVALID, FieldType, Reporter, frozen, is_blank
from tdp.text import clean

if TYPE_CHECKING:
    from tdp.catalog.models import FieldSpec

WHOLE_NUMBER_LIMIT = MONEY_LIMIT
"""The largest magnitude any whole number field takes (15 digits, well within a 64-bit
integer and a JSON double), whatever its own `min`/`max` say."""
_MAX_TEXT = 60  # longer text cannot be a number anyone types


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
