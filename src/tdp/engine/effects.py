"""What an accepted filing changes in the registry, by kind (declared in the procedure YAML):
a birth adds the child with a new identity number, a death marks the person dead (and their
spouse widowed), a marriage marks both partners married."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

from tdp.catalog.models import EffectSpec, Procedure
from tdp.dates import parse_iso_date
from tdp.engine.context import CheckContext
from tdp.engine.kinds import Kinds, Params
from tdp.registry.idnumber import make_identity_number
from tdp.registry.person import Person, Sex

if TYPE_CHECKING:  # only a type here: loading the catalog need not import SQLAlchemy
    from tdp.registry.store import RegistryRepo

EFFECTS = Kinds("kết quả")
EffectFunc = Callable[..., dict[str, Any]]


def effect_kind(kind: str, params: type[Params], persons: tuple[str, ...] = ()
                ) -> Callable[[EffectFunc], EffectFunc]:
    """Register an effect; `persons` name the fields (groups) it reads."""
    return EFFECTS.register(kind, params, fields=persons)


def validate_effect(spec: EffectSpec, proc: Procedure) -> list[tuple[str, str]]:
    return EFFECTS.validate(spec.kind, dict(spec.model_extra or {}), proc)


def apply_effects(ctx: CheckContext, repo: RegistryRepo, receipt: str) -> dict[str, Any]:
    """Apply the procedure's effects inside the submitting transaction; return what changed."""
    result: dict[str, Any] = {}
    for spec in ctx.procedure.effects:
        params = EFFECTS.parse(spec.kind, dict(spec.model_extra or {}))
        result.update(EFFECTS[spec.kind].apply(ctx, params, repo, receipt))
    return result


class ChildParams(Params):
    child: str
    mother: str
    father: str


def _new_identity_number(repo: RegistryRepo, province_code: str, born: date, sex: Sex) -> str:
    while True:
        number = make_identity_number(province_code, born, sex, secrets.randbelow(10**6))
        if not repo.exists(number):
            return number


@effect_kind("register_child", ChildParams, persons=("child", "mother", "father"))
def register_child(ctx: CheckContext, p: ChildParams, repo: RegistryRepo,
                   receipt: str) -> dict[str, Any]:
    """The child enters the registry in the mother's (else the father's) household."""
    child = ctx.value(p.child)
    parent = ctx.persons.get(p.mother) or ctx.persons.get(p.father)
    commune = ctx.catalog.wards.commune(ctx.filing["co_quan"])
    province = ctx.catalog.wards.province(commune.province)  # type: ignore[union-attr]
    born = parse_iso_date(child["ngay_sinh"])
    number = _new_identity_number(repo, province.id_code, born, child["gioi_tinh"])  # type: ignore
    father = ctx.persons.get(p.father)
    mother = ctx.persons.get(p.mother)
    relation = {"chu_ho": "con", "vo": "con", "chong": "con", "con": "chau"}
    repo.add(Person(
        so_dinh_danh=number,
        ho_ten=child["ho_ten"],
        ngay_sinh=child["ngay_sinh"],
        gioi_tinh=child["gioi_tinh"],
        dan_toc=child["dan_toc"],
        quoc_tich=child["quoc_tich"],
        noi_cu_tru=parent.noi_cu_tru,  # type: ignore[union-attr]
        ma_ho=parent.ma_ho,  # type: ignore[union-attr]
        quan_he_chu_ho=relation.get(parent.quan_he_chu_ho, "khac"),  # type: ignore[union-attr]
        tinh_trang_hon_nhan="doc_than",
        con_song=True,
        vneid_muc=0,
        so_dien_thoai=None,
        so_dinh_danh_cha=father.so_dinh_danh if father else None,
        so_dinh_danh_me=mother.so_dinh_danh if mother else None,
        mat_khau_tap_huan="TapHuan@" + number[-4:],
    ), source=receipt)
    return {"so_dinh_danh": number}


class DeathParams(Params):
    person: str
    date_field: str


@effect_kind("mark_dead", DeathParams, persons=("person",))
def mark_dead(ctx: CheckContext, p: DeathParams, repo: RegistryRepo,
              receipt: str) -> dict[str, Any]:
    """The person is dead from now on; a surviving spouse becomes widowed."""
    person = ctx.persons[p.person]
    commune = ctx.catalog.wards.commune(ctx.filing["co_quan"])
    province = ctx.catalog.wards.province(commune.province) if commune else None
    office = "Ủy ban nhân dân " + ", ".join(
        n[:1].lower() + n[1:] for n in (commune.name if commune else "", province.name
                                        if province else "") if n)
    repo.record_death(person.so_dinh_danh, ctx.value(p.date_field), receipt, office)
    return {}


class MarriageParams(Params):
    persons: list[str]


@effect_kind("mark_married", MarriageParams, persons=("persons",))
def mark_married(ctx: CheckContext, p: MarriageParams, repo: RegistryRepo,
                 receipt: str) -> dict[str, Any]:
    """Both partners are married, to each other."""
    first, second = (ctx.persons[g] for g in p.persons)
    repo.update(first.so_dinh_danh, tinh_trang_hon_nhan="da_ket_hon",
                so_dinh_danh_vo_chong=second.so_dinh_danh)
    repo.update(second.so_dinh_danh, tinh_trang_hon_nhan="da_ket_hon",
                so_dinh_danh_vo_chong=first.so_dinh_danh)
    return {}
