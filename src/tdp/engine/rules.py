"""The kinds of rule a procedure can apply, each implemented once.

A procedure's YAML lists rules as `{kind: ..., <parameters>}`; this module maps each kind to
its parameters (a pydantic model, so `tdp catalog check` can say what is wrong) and to the
function that applies it. A new procedure reuses these; a new *kind* is added here, once.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from pydantic import Field, model_validator

from tdp.catalog.models import Procedure, RuleSpec
from tdp.dates import format_screen_date, parse_iso_date
from tdp.engine.context import CheckContext
from tdp.engine.field_types import DATE
from tdp.engine.rule_kinds import RULES, Params, rule_kind
from tdp.registry.ages import birthday, full_years
from tdp.registry.kinship import forbidden_kinship
from tdp.registry.person import Person
from tdp.text import same_name

__all__ = ["RULES", "Params", "apply_rules", "rule_kind", "validate_rule"]


def _params(spec: RuleSpec) -> dict[str, Any]:
    return dict(spec.model_extra or {})


def validate_rule(spec: RuleSpec, proc: Procedure) -> list[tuple[str, str]]:
    """Problems with one rule of `proc`, as (key, Vietnamese message) pairs."""
    return RULES.validate(spec.kind, _params(spec), proc)


def apply_rules(ctx: CheckContext) -> None:
    """Apply every rule of the procedure whose conditions hold for this filing."""
    for spec in ctx.procedure.rules:
        if spec.when and not spec.when.holds(ctx.value(spec.when.field)):
            continue
        if spec.when_person:
            person = ctx.persons.get(spec.when_person.person)
            if (
                person is None
                or person.tinh_trang_hon_nhan not in spec.when_person.marital_status_in
            ):
                continue
        RULES[spec.kind].apply(ctx, RULES.parse(spec.kind, _params(spec)), spec)


def _date_at(ctx: CheckContext, path: str) -> date | None:
    value = ctx.value(path)
    return parse_iso_date(value) if isinstance(value, str) else None


# --- dates -------------------------------------------------------------------------------


class FieldParam(Params):
    field: str


@rule_kind("not_future", FieldParam, codes=("ngay_trong_tuong_lai",), fields=("field",))
def not_future(ctx: CheckContext, p: FieldParam, rule: RuleSpec) -> None:
    """A birth or death cannot be registered before it happens."""
    day = _date_at(ctx, p.field)
    if day is not None and day > ctx.today:
        ctx.report(
            p.field, rule.code or "ngay_trong_tuong_lai", ngay_nop=format_screen_date(ctx.today)
        )


class FieldOfPerson(Params):
    field: str
    person: str


@rule_kind(
    "not_before_birth",
    FieldOfPerson,
    codes=("ngay_truoc_ngay_sinh",),
    fields=("field",),
    persons=("person",),
)
def not_before_birth(ctx: CheckContext, p: FieldOfPerson, rule: RuleSpec) -> None:
    """A date about a person (their death, their child's birth) cannot precede their birth."""
    day, person = _date_at(ctx, p.field), ctx.persons.get(p.person)
    if day is None or person is None:
        return
    born = parse_iso_date(person.ngay_sinh)
    if born is not None and day < born:
        ctx.report(
            p.field,
            rule.code or "ngay_truoc_ngay_sinh",
            ho_ten=person.ho_ten,
            ngay_sinh=format_screen_date(born),
        )


# --- people in the registry --------------------------------------------------------------


class PersonParam(Params):
    person: str


@rule_kind("alive", PersonParam, codes=("nguoi_da_mat",), persons=("person",))
def alive(ctx: CheckContext, p: PersonParam, rule: RuleSpec) -> None:
    """A dead person cannot file, marry or die again (a second death filing is refused)."""
    person = ctx.persons.get(p.person)
    if person is not None and not person.con_song:
        ctx.report(f"{p.person}.so_dinh_danh", rule.code or "nguoi_da_mat", ho_ten=person.ho_ten)


class SexParam(Params):
    person: str
    is_: Literal["nam", "nu"] = Field(alias="is")


_SEX_LABEL = {"nam": "nam", "nu": "nữ"}


@rule_kind("sex", SexParam, codes=("gioi_tinh_khong_khop",), persons=("person",))
def sex(ctx: CheckContext, p: SexParam, rule: RuleSpec) -> None:
    """The registry's sex decides who can be the mother, the father, the bride, the groom."""
    person = ctx.persons.get(p.person)
    if person is not None and person.gioi_tinh != p.is_:
        ctx.report(
            f"{p.person}.so_dinh_danh",
            rule.code or "gioi_tinh_khong_khop",
            ho_ten=person.ho_ten,
            gioi_tinh_thuc=_SEX_LABEL.get(person.gioi_tinh, "?"),
            vai_tro=lower_label(ctx, p.person).removeprefix("thông tin "),
        )


def lower_label(ctx: CheckContext, path: str) -> str:
    label = ctx.label(path)
    return label[:1].lower() + label[1:]


class MinAge(Params):
    """`years`, or `years_by_sex` when the age depends on the registry's sex (the requester
    of a certificate "to marry": a man 20, a woman 18)."""

    person: str
    years: int | None = None
    years_by_sex: dict[Literal["nam", "nu"], int] | None = None

    @model_validator(mode="after")
    def _one(self) -> MinAge:
        if (self.years is None) == (self.years_by_sex is None):
            raise ValueError("cần đúng một trong hai khóa 'years' hoặc 'years_by_sex'")
        return self

    def years_for(self, person: Person) -> int | None:
        if self.years is not None:
            return self.years
        return (self.years_by_sex or {}).get(person.gioi_tinh)


@rule_kind("min_age", MinAge, codes=("chua_du_tuoi_ket_hon",), persons=("person",))
def min_age(ctx: CheckContext, p: MinAge, rule: RuleSpec) -> None:
    """Marriage age (Luật HN&GĐ Điều 8): full years on the day of filing; say from when."""
    person = ctx.persons.get(p.person)
    born = parse_iso_date(person.ngay_sinh) if person else None
    years = p.years_for(person) if person else None
    if person is None or born is None or years is None or full_years(born, ctx.today) >= years:
        return
    path = f"{p.person}.ngay_sinh"
    if ctx.procedure.field(path) is None:
        path = f"{p.person}.so_dinh_danh"
    ctx.report(
        path,
        rule.code or "chua_du_tuoi_ket_hon",
        ho_ten=person.ho_ten,
        tuoi=years,
        ngay_nop=format_screen_date(ctx.today),
        ngay_du_tuoi=format_screen_date(birthday(born, years)),
    )


@rule_kind("not_married", PersonParam, codes=("dang_co_vo_chong",), persons=("person",))
def not_married(ctx: CheckContext, p: PersonParam, rule: RuleSpec) -> None:
    """Monogamy (Luật HN&GĐ Điều 5): a currently married person cannot marry. The dead stay
    `da_ket_hon` in the registry; the `alive` rule, not this one, tells the trainee why."""
    person = ctx.persons.get(p.person)
    if person is not None and person.con_song and person.tinh_trang_hon_nhan == "da_ket_hon":
        ctx.report(
            f"{p.person}.so_dinh_danh", rule.code or "dang_co_vo_chong", ho_ten=person.ho_ten
        )


class TwoPersons(Params):
    persons: list[str]


@rule_kind("not_related", TwoPersons, codes=("cam_ket_hon_huyet_thong",), persons=("persons",))
def not_related(ctx: CheckContext, p: TwoPersons, rule: RuleSpec) -> None:
    """Luật HN&GĐ Điều 5 khoản 2 điểm d: no marriage in the direct line, within three
    generations, between adoptive, step or in-law parent and child (the registry decides)."""
    people = [ctx.persons.get(g) for g in p.persons]
    if len(people) != 2 or None in people:
        return
    relation = forbidden_kinship(ctx.registry, people[0], people[1])  # type: ignore[arg-type]
    if relation is not None:
        ctx.report(
            f"{p.persons[1]}.so_dinh_danh",
            rule.code or "cam_ket_hon_huyet_thong",
            quan_he=relation.label,
            can_cu=relation.legal_basis,
        )


class RequesterIs(Params):
    requester: str
    relation: str
    roles: dict[str, str]  # relation value → the group that must be the same person


@rule_kind(
    "requester_is",
    RequesterIs,
    codes=("nguoi_yeu_cau_khong_khop",),
    fields=("relation",),
    persons=("requester",),
)
def requester_is(ctx: CheckContext, p: RequesterIs, rule: RuleSpec) -> None:
    """A requester who says 'I am the mother' must be the mother named in the filing."""
    role = p.roles.get(ctx.value(p.relation) or "")
    requester_id = ctx.value(f"{p.requester}.so_dinh_danh")
    if not role or not requester_id or ctx.has_error(role) or ctx.has_error(p.requester):
        return
    if ctx.value(f"{role}.so_dinh_danh") != requester_id:
        ctx.report(
            f"{p.requester}.so_dinh_danh",
            rule.code or "nguoi_yeu_cau_khong_khop",
            quan_he=lower_label(ctx, role).removeprefix("thông tin người "),
        )


class TwoRoles(Params):
    persons: list[str] = Field(min_length=2, max_length=2)


@rule_kind("different_persons", TwoRoles, codes=("cung_mot_nguoi",), persons=("persons",))
def different_persons(ctx: CheckContext, p: TwoRoles, rule: RuleSpec) -> None:
    """Two roles that cannot be one person: whoever registers a death is someone other than
    the deceased (every `quan_he` of khai_tu names another person: spouse, child, parent,
    relative, an organisation)."""
    first, second = (ctx.value(f"{g}.so_dinh_danh") for g in p.persons)
    if not first or first != second or any(ctx.has_error(g) for g in p.persons):
        return
    ctx.report(
        f"{p.persons[0]}.so_dinh_danh",
        rule.code or "cung_mot_nguoi",
        vai_tro=ctx.label(p.persons[0]),
        vai_tro_thuong=lower_label(ctx, p.persons[0]),
        vai_tro_khac=lower_label(ctx, p.persons[1]).removeprefix("thông tin "),
    )


class ChildParams(Params):
    child: str
    mother: str


@rule_kind(
    "child_not_registered", ChildParams, codes=("tre_da_duoc_khai_sinh",), persons=("mother",)
)
def child_not_registered(ctx: CheckContext, p: ChildParams, rule: RuleSpec) -> None:
    """A birth is registered once: the same mother, child's name and birth date → refuse."""
    mother = ctx.persons.get(p.mother)
    name, born = ctx.value(f"{p.child}.ho_ten"), ctx.value(f"{p.child}.ngay_sinh")
    if mother is None or not name or not born:
        return
    for child in ctx.registry.children_of(mother.so_dinh_danh):
        if child.ngay_sinh == born and same_name(child.ho_ten, name):
            ctx.report(
                f"{p.child}.ho_ten",
                rule.code or "tre_da_duoc_khai_sinh",
                ho_ten=child.ho_ten,
                ngay_sinh=DATE.to_screen(born),
                so_dinh_danh=child.so_dinh_danh,
            )
            return


class VneidLevel(Params):
    person: str
    min: int


@rule_kind(
    "vneid_level",
    VneidLevel,
    codes=("khong_co_tai_khoan_vneid", "chua_du_muc_vneid"),
    persons=("person",),
)
def vneid_level(ctx: CheckContext, p: VneidLevel, rule: RuleSpec) -> None:
    """Some services need a level-2 VNeID account (registered at the police)."""
    person = ctx.persons.get(p.person)
    if person is None or person.vneid_muc >= p.min:
        return
    default = "khong_co_tai_khoan_vneid" if person.vneid_muc == 0 else "chua_du_muc_vneid"
    ctx.report(
        f"{p.person}.so_dinh_danh",
        rule.code or default,
        ho_ten=person.ho_ten,
        muc=person.vneid_muc,
        muc_can=p.min,
    )


# --- documents ---------------------------------------------------------------------------


class DocumentsParam(Params):
    any_of: list[str]


def document_names(ctx: CheckContext, ids: list[str]) -> str:
    names = [ctx.procedure.document(i).name for i in ids]  # type: ignore[union-attr]
    if len(names) == 1:
        return names[0]
    return "một trong các giấy tờ: " + ", ".join(names[:-1]) + " hoặc " + names[-1]


@rule_kind("documents", DocumentsParam, codes=("thieu_giay_to",), documents=("any_of",))
def documents(ctx: CheckContext, p: DocumentsParam, rule: RuleSpec) -> None:
    """At least one of the listed papers is attached (alternatives, e.g. a sworn statement
    when there is no birth certificate)."""
    in_force = [d for d in p.any_of if ctx.procedure.document(d) is not None]
    if not in_force or ctx.documents & set(in_force):
        return
    context = {}
    if rule.when_person and (person := ctx.persons.get(rule.when_person.person)):
        context["ho_ten"] = person.ho_ten  # name whom the papers are missing for
    ctx.report(
        "giay_to", rule.code or "thieu_giay_to", giay_to=document_names(ctx, in_force), **context
    )


# The other rule kinds register themselves when their modules load.
import tdp.engine.family_rules  # noqa: E402, F401
import tdp.engine.fee_rules  # noqa: E402, F401
import tdp.engine.marriage_rules  # noqa: E402, F401
import tdp.engine.record_rules  # noqa: E402, F401
