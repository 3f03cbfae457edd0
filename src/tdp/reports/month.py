"""A calendar month, as the support reports count by: `YYYY-MM` in commands and files,
`03/2025` in what a secretary reads."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from tdp.errors import InputError


@dataclass(frozen=True, order=True)
class Month:
    year: int
    month: int

    @classmethod
    def parse(cls, text: str) -> Month:
        """`YYYY-MM`; anything else → `InputError` (one Vietnamese line)."""
        m = re.fullmatch(r"\s*([0-9]{4})-([0-9]{1,2})\s*", text or "")
        if not m or not 1 <= int(m.group(2)) <= 12 or int(m.group(1)) < 1900:
            raise InputError(f"Tháng '{text}' không hợp lệ: dùng dạng YYYY-MM, ví dụ 2025-03")
        return cls(int(m.group(1)), int(m.group(2)))

    def shift(self, months: int) -> Month:
        index = self.year * 12 + self.month - 1 + months
        return Month(index // 12, index % 12 + 1)

    @property
    def first_day(self) -> date:
        return date(self.year, self.month, 1)

    @property
    def last_day(self) -> date:
        return date.fromordinal(self.shift(1).first_day.toordinal() - 1)

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    @property
    def label(self) -> str:
        """'03/2025', as Vietnamese reports write a month."""
        return f"{self.month:02d}/{self.year:04d}"


def month_index(month: Month) -> int:
    """Months since year 0: consecutive months have consecutive indices."""
    return month.year * 12 + month.month - 1
