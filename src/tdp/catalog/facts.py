"""Catalog facts quoted in prose: deadlines, working days, fees, marriage ages.

A lesson, a scenario or a trainer's document that types "60 ngày" or "8.000 đ" holds a copy
that drifts when the catalog changes. Prose writes a placeholder instead — `{{han.khai_sinh}}`
— and `render_facts` fills it from the catalog in force on a day. `typed_facts` finds the
numbers that should have been placeholders; the tests run it over every text a trainee or
trainer reads, so the next contradiction shows up as a failing test.

Placeholders (`{{key}}`):
- `han.<procedure>`: the deadline, "60 ngày";
- `ngay_lam_viec.<procedure>`: the working days to the appointment, "3 ngày làm việc";
- `phi.<fee key>`: a province fee of `wards.yaml` (sample values), "8.000 đ";
- `chung_thuc.trang_dau`, `chung_thuc.trang_sau`, `chung_thuc.toi_da`, `chung_thuc.so_trang_dau`:
  the copy-certification tiers, "2.000 đ", "1.000 đ", "200.000 đ", "2";
- `tuoi.nam`, `tuoi.nu`: the marriage ages, "20", "18".
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from tdp.dates import format_money

PLACEHOLDER = re.compile(r"\{\{\s*([a-z_]+\.[a-z0-9_]+)\s*\}\}")


def catalog_facts(catalog: Any, on: date) -> dict[str, str]:
    """Every placeholder's text for the law in force on `on`."""
    facts: dict[str, str] = {}
    for proc in catalog.procedures.values():
        if proc.deadline is not None:
            facts[f"han.{proc.id}"] = f"{proc.deadline.days} ngày"
        if proc.working_days:
            facts[f"ngay_lam_viec.{proc.id}"] = f"{proc.working_days} ngày làm việc"
        fee = proc.fee
        if getattr(fee, "kind", "") == "per_page":
            first, *rest = fee.tiers
            facts["chung_thuc.trang_dau"] = format_money(first.per_page)
            facts["chung_thuc.so_trang_dau"] = str(first.up_to_page)
            if rest:
                facts["chung_thuc.trang_sau"] = format_money(rest[0].per_page)
            facts["chung_thuc.toi_da"] = format_money(fee.cap_per_copy)
        for rule in proc.rules:
            extra = rule.model_extra or {}
            if rule.kind == "min_age" and extra.get("person") in ("ben_nam", "ben_nu"):
                sex = "nam" if extra["person"] == "ben_nam" else "nu"
                facts[f"tuoi.{sex}"] = str(extra.get("years"))
    for province in catalog.wards.provinces[:1]:
        for key in province.fees:
            facts[f"phi.{key}"] = format_money(province.fee(key, on))
    return facts


def render_facts(text: str, facts: dict[str, str]) -> str:
    """`text` with each placeholder filled; an unknown one raises KeyError naming it."""
    return PLACEHOLDER.sub(lambda m: facts[m.group(1)], text)


def unknown_placeholders(text: str, facts: dict[str, str]) -> list[str]:
    return [m.group(1) for m in PLACEHOLDER.finditer(text) if m.group(1) not in facts]


def typed_facts(text: str, facts: dict[str, str]) -> list[str]:
    """The catalog numbers typed into `text` instead of a placeholder ("60 ngày", "8.000 đ",
    "3 ngày làm việc", "20 tuổi"), in the order found."""
    days = {v for k, v in facts.items() if k.startswith("han.")}
    working = {v for k, v in facts.items() if k.startswith("ngay_lam_viec.")}
    money = {v for k, v in facts.items() if k.startswith(("phi.", "chung_thuc.")) and "đ" in v}
    ages = {f"{v} tuổi" for k, v in facts.items() if k.startswith("tuoi.")}
    found = []
    for m in re.finditer(r"\b\d+ ngày(?: làm việc)?|\b\d{1,3}(?:\.\d{3})+ ?(?:đ|đồng)\b|\b\d+ tuổi",
                         text):
        typed = m.group(0).replace("đồng", "đ")
        if not typed.endswith(" đ") and typed.endswith("đ"):
            typed = typed[:-1] + " đ"
        if typed in days or typed in working or typed in money or typed in ages:
            found.append(m.group(0))
    return found
