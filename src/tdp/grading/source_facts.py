"""What an exercise source's prose may ask the catalog: the Jinja namespace of
`tdp.grading.sources` (`{{ thu_tuc.khai_sinh.deadline.days }}`, `{{ hen(...) }}`).

A fee, deadline, level or day count in an exercise's text is computed here when the notebook
is generated, so it cannot drift from the catalog the checks use.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import cached_property
from typing import Any

from tdp.dates import format_money, format_screen_date, parse_at


class Facts:
    """What a source's prose may ask the catalog (the Jinja namespace)."""

    def __init__(self) -> None:
        from tdp.catalog import load_catalog

        self.catalog = load_catalog()

    @cached_property
    def names(self) -> dict[str, Any]:
        province = self.catalog.wards.provinces[0]
        return {
            "thu_tuc": self.catalog.procedures,
            "phi_tinh": province.fees,
            "tinh": province.name,
            "hen": self.appointment,
            "ngay_0": self.day_zero,
            "ngay_nghi": self.days_off,
            "giay_to": self.documents,
            "muc_vneid": self.vneid_level,
            "bieu_phi": self.page_fees,
            "tuoi_toi_thieu": self.min_age,
        }

    def appointment(self, procedure: str, at: str) -> str:
        moment = parse_at(at)
        assert moment is not None, at
        proc = self.catalog.procedures[procedure]
        return format_screen_date(self.catalog.calendar.appointment(moment, proc.working_days))

    def day_zero(self, at: str) -> str:
        moment = parse_at(at)
        assert moment is not None, at
        return format_screen_date(self.catalog.calendar.day_zero(moment))

    def days_off(self, start: str, end: str) -> str:
        """The holidays between two ISO dates, as "01/01/2027 (Tết Dương lịch), …"."""

        day, last = date.fromisoformat(start), date.fromisoformat(end)
        found = []
        while day <= last:
            name = self.catalog.calendar.holiday_name(day)
            if name:
                found.append(f"{format_screen_date(day)} ({name})")
            day += timedelta(days=1)
        return ", ".join(found) or "không có"

    def documents(self, procedure: str) -> str:
        docs = self.catalog.procedures[procedure].documents
        return "; ".join(f'`"{d.id}"` ({d.name})' for d in docs)

    def vneid_level(self, procedure: str) -> int:
        rules = [r for r in self.catalog.procedures[procedure].rules if r.kind == "vneid_level"]
        return int(getattr(rules[0], "min", 0)) if rules else 0

    def min_age(self, procedure: str, person: str) -> int:
        rules = [r for r in self.catalog.procedures[procedure].rules
                 if r.kind == "min_age" and getattr(r, "person", "") == person]
        return int(rules[0].years)  # type: ignore[attr-defined]

    def page_fees(self) -> str:
        fee = self.catalog.procedures["chung_thuc_ban_sao_dien_tu"].fee
        parts, start = [], 1
        for tier in fee.tiers:  # type: ignore[union-attr]
            rate = f"{format_money(tier.per_page)}/trang"
            if tier.up_to_page:
                parts.append(f"{rate} cho trang {start} đến {tier.up_to_page}")
                start = tier.up_to_page + 1
            else:
                parts.append(f"{rate} từ trang thứ {start}")
        parts.append(f"tối đa {format_money(fee.cap_per_copy)} một bản")  # type: ignore[union-attr]
        return "; ".join(parts)
