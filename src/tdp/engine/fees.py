"""The fee of a filing, from the procedure's fee rule and the province's (sample) fees.

The verdict's `fee` is the registration fee (0 when free, on time or exempt) plus the copies
of the extract, which are always charged (Luật Hộ tịch 2014, Điều 11 khoản 2).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from tdp.calendar import WorkCalendar
from tdp.catalog.models import (
    Catalog,
    Deadline,
    PageTier,
    PerPageFee,
    Procedure,
    Province,
    ProvinceFee,
)
from tdp.dates import now_local


def is_late(deadline: Deadline | None, event: date | None, on: date,
            calendar: WorkCalendar) -> bool:
    """Filed on `on` after the deadline's last day — the event day not counted, a last day
    on a weekend or holiday moved to the next working day (BLDS Điều 147–148): late
    (accepted, a fee may apply). The one reading of a deadline: the engine and the lessons'
    questions ask it."""
    if deadline is None or event is None:
        return False
    return on > calendar.deadline_end(event, deadline.days)


def copy_fee(pages: int, tiers: list[PageTier], cap: int) -> int:
    """Per-copy fee: each page priced by its tier (pages 1–2, then from 3), capped."""
    total, priced = 0, 0
    for tier in tiers:
        upper = pages if tier.up_to_page is None else min(pages, tier.up_to_page)
        if upper > priced:
            total += (upper - priced) * tier.per_page
            priced = upper
    return min(total, cap)


def _province(catalog: Catalog, filing: dict[str, Any]) -> Province:
    commune = catalog.wards.commune(filing.get("co_quan") or "")
    province = catalog.wards.province(commune.province) if commune else None
    return province or catalog.wards.provinces[0]  # unknown commune: show the sample fee


def registration_fee(
    catalog: Catalog, proc: Procedure, filing: dict[str, Any], late: bool, day: date
) -> int:
    """The fee of the registration itself, before any exemption."""
    rule = proc.fee_rule(day)
    if rule.kind == "free":
        return 0
    if isinstance(rule, ProvinceFee):
        if rule.only_when_late and not late:
            return 0
        return _province(catalog, filing).fee(rule.key, day)
    assert isinstance(rule, PerPageFee)
    total = 0
    for item in filing.get(rule.items) or []:
        pages, copies = item.get(rule.pages), item.get(rule.copies)
        if isinstance(pages, int) and isinstance(copies, int):
            total += copy_fee(pages, rule.tiers, rule.cap_per_copy) * copies
    return total


def copies_fee(catalog: Catalog, proc: Procedure, filing: dict[str, Any], day: date) -> int:
    """Copies of the extract, at the copy fee each, whatever the registration costs."""
    if proc.copies is None:
        return 0
    count = filing.get(proc.copies.field)
    if not isinstance(count, int) or isinstance(count, bool) or count <= 0:
        return 0
    return _province(catalog, filing).fee(proc.copies.key, day) * count


def fee_for(
    catalog: Catalog, proc: Procedure, filing: dict[str, Any], late: bool,
    exempt: bool = False, day: date | None = None,
) -> int:
    """Whole đồng: the registration fee (none when `exempt`: poor households, people with
    disabilities, families of people with revolutionary merit) plus the copies."""
    day = day or now_local().date()
    registration = 0 if exempt else registration_fee(catalog, proc, filing, late, day)
    return registration + copies_fee(catalog, proc, filing, day)
