"""The fee of a filing, from the procedure's fee rule and the province's (sample) fees."""

from __future__ import annotations

from datetime import date
from typing import Any

from tdp.catalog.models import Catalog, Deadline, PageTier, PerPageFee, Procedure, ProvinceFee


def is_late(deadline: Deadline | None, event: date | None, on: date) -> bool:
    """Filed on `on`, more than `deadline.days` days after `event`: late (accepted, a fee may
    apply). The one reading of a deadline: the engine and the lessons' questions ask it."""
    if deadline is None or event is None:
        return False
    return (on - event).days > deadline.days


def copy_fee(pages: int, tiers: list[PageTier], cap: int) -> int:
    """Per-copy fee: each page priced by its tier (pages 1–2, then from 3), capped."""
    total, priced = 0, 0
    for tier in tiers:
        upper = pages if tier.up_to_page is None else min(pages, tier.up_to_page)
        if upper > priced:
            total += (upper - priced) * tier.per_page
            priced = upper
    return min(total, cap)


def fee_for(catalog: Catalog, proc: Procedure, filing: dict[str, Any], late: bool) -> int:
    """Whole đồng. Exempt groups (poor households, …) pay no civil-status fee."""
    rule = proc.fee
    if rule.kind == "free":
        return 0
    if isinstance(rule, ProvinceFee):
        if rule.only_when_late and not late:
            return 0
        if rule.exemptible and filing.get("mien_le_phi"):
            return 0
        commune = catalog.wards.commune(filing.get("co_quan") or "")
        province = catalog.wards.province(commune.province) if commune else None
        if province is None:
            province = catalog.wards.provinces[0]  # unknown commune: show the sample fee
        return province.fees.get(rule.key, 0)
    assert isinstance(rule, PerPageFee)
    total = 0
    for item in filing.get(rule.items) or []:
        pages, copies = item.get(rule.pages), item.get(rule.copies)
        if isinstance(pages, int) and isinstance(copies, int):
            total += copy_fee(pages, rule.tiers, rule.cap_per_copy) * copies
    return total
