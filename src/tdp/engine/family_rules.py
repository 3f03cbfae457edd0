"""Rules about a child's parents, surname and ethnicity (khai_sinh).

Luật Hôn nhân và gia đình 2014 Điều 88 and Nghị định 123/2015 Điều 15: a child born to a
married mother is her husband's; an unmarried father is named only by recognition, with
proof. Bộ luật Dân sự 2015 Điều 26 and 29: the child's surname and ethnicity are the father's
or the mother's, the mother's when no father is established.
"""

from __future__ import annotations

from tdp.catalog.models import RuleSpec
from tdp.engine.context import CheckContext
from tdp.engine.rule_kinds import Params, rule_kind
from tdp.registry.person import Person
from tdp.text import name_key


class FatherParams(Params):
    mother: str
    father: str
    recognition: str  # the yes/no field that says the filing also recognises the father
    proof: str  # the document that proves paternity


@rule_kind(
    "father_presumption",
    FatherParams,
    codes=(
        "cha_phai_la_chong_cua_me",
        "thieu_cha_la_chong_cua_me",
        "can_nhan_cha_con",
        "nhan_cha_con_chua_co_cha",
        "thieu_chung_cu_cha_con",
    ),
    fields=("recognition",),
    persons=("mother", "father"),
    documents=("proof",),
)
def father_presumption(ctx: CheckContext, p: FatherParams, rule: RuleSpec) -> None:
    """A married mother's husband is the father; any other father needs recognition."""
    mother = ctx.persons.get(p.mother)
    if mother is None or ctx.has_error(p.father):
        return
    father_id = ctx.value(f"{p.father}.so_dinh_danh")
    recognised = ctx.value(p.recognition) is True
    if mother.tinh_trang_hon_nhan == "da_ket_hon" and mother.so_dinh_danh_vo_chong:
        if father_id != mother.so_dinh_danh_vo_chong:
            code = "cha_phai_la_chong_cua_me" if father_id else "thieu_cha_la_chong_cua_me"
            ctx.report(p.father, code, ho_ten_me=mother.ho_ten)
        return
    if not father_id:
        if recognised:
            ctx.report(p.recognition, "nhan_cha_con_chua_co_cha")
        return
    if not recognised:
        ctx.report(p.recognition, "can_nhan_cha_con", ho_ten_me=mother.ho_ten)
    proof = ctx.procedure.document(p.proof)
    if p.proof not in ctx.documents and proof is not None:
        ctx.report("giay_to", "thieu_chung_cu_cha_con", giay_to=proof.name)


class ChildParents(Params):
    child: str
    mother: str
    father: str


def _surname(name: str) -> str:
    words = name_key(name).split()
    return words[0] if words else ""


def _parents(ctx: CheckContext, p: ChildParents) -> tuple[Person, Person | None] | None:
    """(mother, father or None), or None while either is not identified."""
    mother = ctx.persons.get(p.mother)
    if mother is None or ctx.has_error(p.mother) or ctx.has_error(p.father):
        return None
    father = ctx.persons.get(p.father)
    if father is None and ctx.value(p.father) is not None:
        return None  # a father was named but is not identified
    return mother, father


@rule_kind(
    "child_follows_parents",
    ChildParents,
    codes=(
        "ho_cua_tre_theo_cha_me",
        "ho_cua_tre_theo_me",
        "dan_toc_cua_tre_theo_cha_me",
        "dan_toc_cua_tre_theo_me",
    ),
    persons=("mother", "father"),
)
def child_follows_parents(ctx: CheckContext, p: ChildParents, rule: RuleSpec) -> None:
    """The child's surname (first word of the name) and ethnicity are a parent's."""
    parents = _parents(ctx, p)
    if parents is None:
        return
    mother, father = parents
    name, ethnicity = ctx.value(f"{p.child}.ho_ten"), ctx.value(f"{p.child}.dan_toc")
    suffix = "theo_cha_me" if father else "theo_me"
    if isinstance(name, str) and not ctx.has_error(f"{p.child}.ho_ten"):
        allowed = {_surname(mother.ho_ten)} | ({_surname(father.ho_ten)} if father else set())
        if _surname(name) not in allowed:
            ctx.report(
                f"{p.child}.ho_ten",
                f"ho_cua_tre_{suffix}",
                ho_me=mother.ho_ten.split()[0],
                ho_cha=father.ho_ten.split()[0] if father else "",
            )
    if isinstance(ethnicity, str) and not ctx.has_error(f"{p.child}.dan_toc"):
        allowed = {name_key(mother.dan_toc)} | ({name_key(father.dan_toc)} if father else set())
        if name_key(ethnicity) not in allowed:
            ctx.report(
                f"{p.child}.dan_toc",
                f"dan_toc_cua_tre_{suffix}",
                dan_toc_me=mother.dan_toc,
                dan_toc_cha=father.dan_toc if father else "",
            )
