"""Who the filing names and where it is filed: every person with an identity number must be
in the registry under that name (and birth date, where given), and the receiving commune must
be one that handles the filing. The messages never reveal whose number it is."""

from __future__ import annotations

from tdp.engine.context import CheckContext
from tdp.text import same_name

CODES = (
    "so_dinh_danh_khong_ton_tai",
    "ho_ten_khong_khop",
    "ngay_sinh_khong_khop",
    "co_quan_khong_ton_tai",
    "sai_tham_quyen",
)


def resolve_persons(ctx: CheckContext) -> None:
    """Every person with an identity number must exist in the registry with that name."""
    for spec in ctx.procedure.fields:
        data = ctx.filing.get(spec.id)
        if not spec.is_person or not isinstance(data, dict) or "so_dinh_danh" not in data:
            continue
        number = data["so_dinh_danh"]
        person = ctx.registry.get(number)
        if person is None:
            ctx.report(f"{spec.id}.so_dinh_danh", "so_dinh_danh_khong_ton_tai", so_dinh_danh=number)
            continue
        if "ho_ten" in data and not same_name(data["ho_ten"], person.ho_ten):
            # never say whose number it is: the message names no registered name or date
            ctx.report(f"{spec.id}.ho_ten", "ho_ten_khong_khop")
            continue
        if data.get("ngay_sinh") and data["ngay_sinh"] != person.ngay_sinh:
            ctx.report(f"{spec.id}.ngay_sinh", "ngay_sinh_khong_khop")
            continue
        if ctx.has_error(spec.id):
            continue
        ctx.persons[spec.id] = person


def check_jurisdiction(ctx: CheckContext) -> None:
    code = ctx.filing.get("co_quan")
    if not code or ctx.has_error("co_quan"):
        return
    commune = ctx.catalog.wards.commune(code)
    if commune is None:
        ctx.report("co_quan", "co_quan_khong_ton_tai", co_quan=code)
        return
    rule = ctx.procedure.jurisdiction
    if rule.kind != "residence_of":
        return
    if any(ctx.has_error(g) for g in rule.persons):
        return  # someone it depends on is not identified yet: the commune may be theirs
    allowed = {ctx.persons[g].noi_cu_tru.co_quan for g in rule.persons if g in ctx.persons}
    if allowed and code not in allowed:
        names = [c.name for c in ctx.catalog.wards.communes if c.id in allowed]
        choice = " hoặc ".join(names) if names else "xã, phường nơi người dân cư trú"
        ctx.report(
            "co_quan",
            "sai_tham_quyen",
            ten_co_quan=commune.name,
            mo_ta=rule.description,
            noi_dung=choice,
        )
