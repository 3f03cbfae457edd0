"""Dates: ISO `YYYY-MM-DD` in data, `dd/mm/yyyy` on screen (`d/m/yyyy`, `-` and `.` accepted),
and the cell forms a spreadsheet gives (a date, a datetime, an Excel day number)."""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, ClassVar

from tdp.dates import format_screen_date, parse_iso_date, parse_screen_date
from tdp.engine.field_types.base import INVALID, FieldType, Reporter, frozen, is_blank
from tdp.text import clean

if TYPE_CHECKING:
    from tdp.catalog.models import FieldSpec

EXCEL_DAY_MIN, EXCEL_DAY_MAX = 20_000, 80_000
"""Excel day numbers read as dates: 1954 … 2119 (anything else is more likely a count)."""
_EXCEL_DAY_ZERO = date(1899, 12, 30)  # day numbers from 61 on (Excel's 1900 leap-year bug)


class DateType(FieldType):
    name: ClassVar[str] = "date"
    codes: ClassVar[tuple[str, ...]] = ("ngay_khong_hop_le",)
    placeholder_code: ClassVar[str | None] = "mau_nhap_ngay"
    hint_code: ClassVar[str | None] = "goi_y_ngay"

    def parse(self, text: str) -> date | None:
        """A date as typed on screen, `dd/mm/yyyy`; None for anything else (ISO included:
        a screen that shows dd/mm/yyyy must not silently read 2027-02-16)."""
        return parse_screen_date(text)

    def to_screen(self, value: object) -> str:
        day = self.read(value)
        return format_screen_date(day) if day else ("" if value is None else str(value))

    def read(self, value: object) -> date | None:
        """A date from data or from a screen: a `date`, ISO text or `dd/mm/yyyy` text."""
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        if not isinstance(value, str):
            return None
        return parse_iso_date(value.strip()) or parse_screen_date(value)

    def read_cell(self, value: object) -> date | None:
        """A date as a spreadsheet cell or a person gives it: a date/datetime cell, an Excel
        day number, `dd/mm/yyyy` or ISO text, or text with a midnight time after it."""
        if isinstance(value, bool):
            return None
        if isinstance(value, int | float) and not isinstance(value, bool):
            if value != value or not EXCEL_DAY_MIN <= value <= EXCEL_DAY_MAX:  # NaN, range
                return None
            if isinstance(value, float) and not value.is_integer():
                return None
            return _EXCEL_DAY_ZERO + timedelta(days=int(value))
        if isinstance(value, str):
            text = clean(value)
            if " " in text:  # "05/03/2025 00:00:00" from a text-formatted datetime
                text = text.split(" ", 1)[0]
            return self.read(text)
        return self.read(value)

    def normalise(self, value: object) -> object:
        day = self.read(value)
        return day.isoformat() if day else value

    def validate(self, ctx: Reporter, spec: FieldSpec, value: object, path: str,
                 root: Mapping[str, object]) -> object:
        parsed = parse_iso_date(value.strip()) if isinstance(value, str) else None
        if parsed is None:
            ctx.report(path, "ngay_khong_hop_le")
            return INVALID
        return parsed.isoformat()

    def key(self, value: object, spec: FieldSpec | None = None) -> Hashable:
        if is_blank(value):
            return None
        day = self.read(value)
        return day if day is not None else frozen(value)
