"""Who may not marry whom because of family ties the registry records.

Luật Hôn nhân và gia đình 2014, Điều 5 khoản 2 điểm d forbids marriage between people of the
same blood in the direct line (Điều 3 khoản 17: one begot the other, generation after
generation), between relatives within three generations (Điều 3 khoản 18: the common root is
generation one; brothers and sisters — of the same parents, the same father or the same
mother — generation two; first cousins generation three; so also an uncle or aunt and a
nephew or niece), between adoptive parent and child (also after the adoption ended), and
between father-in-law and daughter-in-law, mother-in-law and son-in-law, stepfather and his
wife's child, stepmother and her husband's child — also after the marriage that made them so
has ended. This module is the one place that answers that question; the engine's rule, the
lessons, the exercises and the tests ask it.

Links read: `so_dinh_danh_cha` / `so_dinh_danh_me` (birth), `cha_me_nuoi` (adoption);
spouses come from `so_dinh_danh_vo_chong` (the current one, or the one at death on a dead
person's record) and from the record that ended a marriage
(`cham_dut_hon_nhan.so_dinh_danh_vo_chong_cu`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal, Protocol

from tdp.registry.person import Person

KinshipCode = Literal[
    "cha_me_con",
    "ong_ba_chau",
    "anh_chi_em_ruot",
    "anh_chi_em_cung_cha_khac_me",
    "anh_chi_em_cung_me_khac_cha",
    "chu_bac_co_di_chau",
    "anh_chi_em_ho",
    "cha_me_nuoi_con_nuoi",
    "cha_me_ke_con_rieng",
    "cha_me_chong_vo_con_dau_re",
]

LABELS: dict[str, str] = {
    "cha_me_con": "cha mẹ và con (cùng dòng máu về trực hệ)",
    "ong_ba_chau": "ông bà và cháu (cùng dòng máu về trực hệ)",
    "anh_chi_em_ruot": "anh chị em ruột (cùng cha cùng mẹ)",
    "anh_chi_em_cung_cha_khac_me": "anh chị em cùng cha khác mẹ (có họ trong phạm vi ba đời)",
    "anh_chi_em_cung_me_khac_cha": "anh chị em cùng mẹ khác cha (có họ trong phạm vi ba đời)",
    "chu_bac_co_di_chau": "chú, bác, cô, cậu, dì và cháu (có họ trong phạm vi ba đời)",
    "anh_chi_em_ho": "anh chị em họ trong phạm vi ba đời (con chú, con bác, con cô, con cậu, "
                     "con dì)",
    "cha_me_nuoi_con_nuoi": "cha mẹ nuôi và con nuôi (kể cả người đã từng là cha mẹ nuôi)",
    "cha_me_ke_con_rieng": "cha dượng, mẹ kế và con riêng của vợ, của chồng",
    "cha_me_chong_vo_con_dau_re": "cha mẹ chồng, cha mẹ vợ và con dâu, con rể",
}
"""Vietnamese wording of each relation, in the words of the law (half-siblings are not
"anh chị em ruột")."""

BASES: dict[str, str] = {
    "cha_me_con": "Luật Hôn nhân và gia đình 2014, Điều 5 khoản 2 điểm d; Điều 3 khoản 17",
    "ong_ba_chau": "Luật Hôn nhân và gia đình 2014, Điều 5 khoản 2 điểm d; Điều 3 khoản 17",
    "anh_chi_em_ruot": "Luật Hôn nhân và gia đình 2014, Điều 5 khoản 2 điểm d; Điều 3 khoản 18",
    "anh_chi_em_cung_cha_khac_me":
        "Luật Hôn nhân và gia đình 2014, Điều 5 khoản 2 điểm d; Điều 3 khoản 18",
    "anh_chi_em_cung_me_khac_cha":
        "Luật Hôn nhân và gia đình 2014, Điều 5 khoản 2 điểm d; Điều 3 khoản 18",
    "chu_bac_co_di_chau": "Luật Hôn nhân và gia đình 2014, Điều 5 khoản 2 điểm d; Điều 3 khoản 18",
    "anh_chi_em_ho": "Luật Hôn nhân và gia đình 2014, Điều 5 khoản 2 điểm d; Điều 3 khoản 18",
    "cha_me_nuoi_con_nuoi": "Luật Hôn nhân và gia đình 2014, Điều 5 khoản 2 điểm d",
    "cha_me_ke_con_rieng": "Luật Hôn nhân và gia đình 2014, Điều 5 khoản 2 điểm d",
    "cha_me_chong_vo_con_dau_re": "Luật Hôn nhân và gia đình 2014, Điều 5 khoản 2 điểm d",
}

_DIRECT_LINE_DEPTH = 6  # great-great-...: far beyond any living pair, cheap to walk


class KinshipView(Protocol):
    """The registry as kinship needs it (the store's RegistryRepo, or `PeopleIndex`)."""

    def get(self, so_dinh_danh: str) -> Person | None: ...

    def children_of(self, so_dinh_danh: str) -> list[Person]: ...


@dataclass(frozen=True)
class Kinship:
    """A forbidden relation between two people, as the registry shows it."""

    code: KinshipCode
    elder: str | None = None  # so_dinh_danh of the older generation, None for the same one

    @property
    def label(self) -> str:
        return LABELS[self.code]

    @property
    def legal_basis(self) -> str:
        return BASES[self.code]


def parents(p: Person) -> set[str]:
    """The identity numbers of a person's recorded father and mother."""
    return {i for i in (p.so_dinh_danh_cha, p.so_dinh_danh_me) if i}


def spouses(p: Person) -> set[str]:
    """Current and former spouses that p's own record names."""
    found = {p.so_dinh_danh_vo_chong} if p.so_dinh_danh_vo_chong else set()
    end = p.cham_dut_hon_nhan
    if end is not None and end.so_dinh_danh_vo_chong_cu:
        found.add(end.so_dinh_danh_vo_chong_cu)
    return found


def were_married(registry: KinshipView, a: Person, b: Person) -> bool:
    """True when either record names the other as a current or former spouse."""
    return b.so_dinh_danh in spouses(a) or a.so_dinh_danh in spouses(b)


def _people(registry: KinshipView, ids: Iterable[str]) -> list[Person]:
    found = (registry.get(i) for i in sorted(ids))
    return [p for p in found if p is not None]


def ancestors(registry: KinshipView, p: Person, depth: int = _DIRECT_LINE_DEPTH) -> dict[str, int]:
    """Every recorded ancestor → generations up (1 = parent, 2 = grandparent, ...)."""
    found: dict[str, int] = {}
    level, current = 1, [p]
    while current and level <= depth:
        nxt: list[Person] = []
        for person in current:
            for pid in sorted(parents(person)):
                if pid not in found:
                    found[pid] = level
                    parent = registry.get(pid)
                    if parent is not None:
                        nxt.append(parent)
        level, current = level + 1, nxt
    return found


def _direct_line(registry: KinshipView, a: Person, b: Person) -> Kinship | None:
    for elder, younger in ((a, b), (b, a)):
        up = ancestors(registry, younger).get(elder.so_dinh_danh)
        if up is not None:
            return Kinship("cha_me_con" if up == 1 else "ong_ba_chau", elder.so_dinh_danh)
    return None


def _siblings(a: Person, b: Person) -> Kinship | None:
    """Same father and same mother: ruột; one shared parent and two different recorded other
    parents: half. When the other parent is recorded for neither, the registry shows no
    different parent, so they count as full siblings (a single mother's children)."""
    father_a, father_b = a.so_dinh_danh_cha, b.so_dinh_danh_cha
    mother_a, mother_b = a.so_dinh_danh_me, b.so_dinh_danh_me
    same_father = father_a is not None and father_a == father_b
    same_mother = mother_a is not None and mother_a == mother_b
    if same_father and (same_mother or mother_a is mother_b is None):
        return Kinship("anh_chi_em_ruot")
    if same_mother and father_a is father_b is None:
        return Kinship("anh_chi_em_ruot")
    if same_father:
        return Kinship("anh_chi_em_cung_cha_khac_me")
    if same_mother:
        return Kinship("anh_chi_em_cung_me_khac_cha")
    return None


def _three_generations(registry: KinshipView, a: Person, b: Person) -> Kinship | None:
    """Uncle/aunt and nephew/niece, then first cousins (the common root two generations up)."""
    up_a, up_b = ancestors(registry, a, 2), ancestors(registry, b, 2)
    grand_a = {i for i, n in up_a.items() if n == 2}
    grand_b = {i for i, n in up_b.items() if n == 2}
    for elder, younger_grand in ((a, grand_b), (b, grand_a)):
        if parents(elder) & younger_grand:
            return Kinship("chu_bac_co_di_chau", elder.so_dinh_danh)
    if grand_a & grand_b:
        return Kinship("anh_chi_em_ho")
    return None


def _adoptive(a: Person, b: Person) -> Kinship | None:
    for elder, child in ((a, b), (b, a)):
        if elder.so_dinh_danh in child.cha_me_nuoi:
            return Kinship("cha_me_nuoi_con_nuoi", elder.so_dinh_danh)
    return None


def _step(registry: KinshipView, a: Person, b: Person) -> Kinship | None:
    """One is or was married to a parent of the other (and is not that person's parent)."""
    for elder, child in ((a, b), (b, a)):
        for parent in _people(registry, parents(child)):
            if parent.so_dinh_danh != elder.so_dinh_danh and were_married(registry, elder, parent):
                return Kinship("cha_me_ke_con_rieng", elder.so_dinh_danh)
    return None


def _in_law(registry: KinshipView, a: Person, b: Person) -> Kinship | None:
    """One is or was married to a child of the other."""
    for elder, other in ((a, b), (b, a)):
        for spouse in _people(registry, spouses(other)):
            if elder.so_dinh_danh in parents(spouse):
                return Kinship("cha_me_chong_vo_con_dau_re", elder.so_dinh_danh)
        for child in registry.children_of(elder.so_dinh_danh):
            if were_married(registry, child, other):
                return Kinship("cha_me_chong_vo_con_dau_re", elder.so_dinh_danh)
    return None


def forbidden_kinship(registry: KinshipView, a: Person, b: Person) -> Kinship | None:
    """The relation that forbids a and b to marry (Luật HN&GĐ 2014 Điều 5.2.d), or None.

    The closest tie is reported first: direct line, siblings, three generations, adoption,
    step, in-law.
    """
    if a.so_dinh_danh == b.so_dinh_danh:
        return None
    return (_direct_line(registry, a, b) or _siblings(a, b)
            or _three_generations(registry, a, b) or _adoptive(a, b)
            or _step(registry, a, b) or _in_law(registry, a, b))
