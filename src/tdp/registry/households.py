"""Households of one ethnic group and an exact size: the family shapes a Pleiku residential
group has (couples, three generations, single parents, widows with the dead spouse's record,
grandparents raising grandchildren...)."""

from __future__ import annotations

import random
from datetime import date, timedelta

from tdp.registry import names
from tdp.registry.drafts import (
    REFERENCE_DATE,
    Draft,
    after,
    born_aged,
    kill,
    marry,
    years_between,
)
from tdp.registry.person import Sex

_PICK = object()


class HouseholdBuilder:
    """Builds one household of an exact size for one ethnic group."""

    def __init__(self, rng: random.Random, dan_toc: str) -> None:
        self.rng = rng
        self.dan_toc = dan_toc
        self.minority = dan_toc != names.KINH

    # -- people -------------------------------------------------------------

    def _new(self, sex: Sex, birth: date, relation: str, family: object = _PICK) -> Draft:
        """A person; `family` None means "no family name" (some Bahnar), _PICK draws one."""
        if family is _PICK:
            family = names.pick_family_name(self.rng, self.dan_toc)
        assert family is None or isinstance(family, str)
        return Draft(sex=sex, birth=birth, relation=relation, dan_toc=self.dan_toc, family=family)

    def _spouse_family(self, other: Draft) -> str | None:
        if self.dan_toc == names.JRAI:
            return names.pick_other_clan(self.rng, other.family)
        return names.pick_family_name(self.rng, self.dan_toc)

    def _child_family(self, father: Draft | None, mother: Draft | None) -> str | None:
        """Kinh and Bahnar children take the father's name, Jrai children the mother's clan."""
        if self.dan_toc == names.JRAI:
            if mother is not None:
                return mother.family
            return names.pick_family_name(self.rng, self.dan_toc)
        if father is not None:
            return father.family
        if self.rng.random() < 0.1 and mother is not None:
            return mother.family
        return names.pick_family_name(self.rng, self.dan_toc)

    def _husband_gap(self, wife_first_birth_age: float) -> float:
        """Husband's age minus wife's: mostly older by a few years, sometimes younger."""
        gap = (
            self.rng.triangular(-2.0, 10.0, 3.0)
            if not self.minority
            else (self.rng.triangular(-2.0, 8.0, 2.0))
        )
        # He is at least 21 at the first birth, so he married at 20 or later.
        return max(gap, 21.2 - wife_first_birth_age)

    def _couple_of_ages(self, wife_age: float, husband_head: bool) -> tuple[Draft, Draft]:
        """A married couple, husband at least 20 and wife at least 18 when they married."""
        gap = self._husband_gap(wife_age - 1.0)
        husband_age = min(max(wife_age + gap, 20.5), 94.5)
        husband = self._new("nam", born_aged(husband_age), "chu_ho" if husband_head else "chong")
        wife = self._new("nu", born_aged(wife_age), "vo" if husband_head else "chu_ho",
                         self._spouse_family(husband))  # fmt: skip
        marry(husband, wife)
        return husband, wife

    def _husband_heads(self) -> bool:
        """Jrai families are matrilineal and often matrilocal: many wives head the household."""
        share = {names.JRAI: 0.55, names.BAHNAR: 0.75}.get(self.dan_toc, 0.85)
        return self.rng.random() < share

    def _births(self, mother: Draft, n: int, lo: float, hi: float) -> list[date]:
        """n birth dates with the mother aged within [lo, hi] years (clamped to 18-45)."""
        lo = max(lo, 18.3)
        hi = min(hi, 45.5, mother.age)
        if n == 0:
            return []
        if hi < lo:
            hi = lo
        gaps = [self.rng.uniform(1.3, 3.8) for _ in range(n - 1)]
        span = sum(gaps)
        if span > hi - lo:
            scale = (hi - lo) / span if span else 0.0
            gaps = [g * scale for g in gaps]
            span = hi - lo
        start = lo + self.rng.uniform(0.0, hi - lo - span)
        ages = [start]
        for g in gaps:
            ages.append(ages[-1] + g)
        return [min(after(mother.birth, a), REFERENCE_DATE) for a in ages]

    def _children(
        self, father: Draft | None, mother: Draft, births: list[date], relation: str
    ) -> list[Draft]:
        kids = []
        for birth in births:
            sex: Sex = "nam" if self.rng.random() < 0.512 else "nu"  # Vietnam's birth sex ratio
            kid = self._new(sex, birth, relation, self._child_family(father, mother))
            kid.father, kid.mother = father, mother
            kids.append(kid)
        return kids

    def nuclear(self, k: int, max_wife_age: float = 95.0) -> list[Draft]:
        """Couple plus k unmarried children still at home (the oldest at most ~33)."""
        rng = self.rng
        if k == 0:
            old = rng.random() < 0.6
            wife_age = rng.uniform(50.0, 84.0) if old else rng.uniform(19.5, 31.0)
            husband, wife = self._couple_of_ages(min(wife_age, max_wife_age), self._husband_heads())
            return [husband, wife]
        first = rng.uniform(18.6, 25.0) if self.minority else rng.uniform(19.5, 30.0)
        gaps = [rng.uniform(1.2, 3.0) if self.minority else rng.uniform(1.4, 4.2)
                for _ in range(k - 1)]  # fmt: skip
        span = sum(gaps)
        if first + span > 45.0:
            gaps = [g * (45.0 - first) / span for g in gaps]
            span = 45.0 - first
        youngest_max = max(0.0, min(33.0 - span, max_wife_age - first - span))
        # Age of the youngest child: young families dominate, but grown-up unmarried
        # children often still live with their parents.
        r = rng.random()
        lo, hi = (0.0, 6.0) if r < 0.3 else (0.0, 13.0) if r < 0.5 else (6.0, 33.0)
        youngest = rng.uniform(min(lo, youngest_max), min(hi, youngest_max))
        wife_age = first + span + youngest
        husband_head = self._husband_heads()
        gap = self._husband_gap(first)
        husband = self._new("nam", born_aged(min(wife_age + gap, 94.5)),
                            "chu_ho" if husband_head else "chong")  # fmt: skip
        wife = self._new("nu", born_aged(wife_age), "vo" if husband_head else "chu_ho",
                         self._spouse_family(husband))  # fmt: skip
        marry(husband, wife)
        offsets = [first]
        for g in gaps:
            offsets.append(offsets[-1] + g)
        births = [min(after(wife.birth, a), REFERENCE_DATE) for a in offsets]
        return [husband, wife, *self._children(husband, wife, births, "con")]

    @staticmethod
    def head(members: list[Draft]) -> Draft:
        return next(m for m in members if m.relation == "chu_ho")

    def parents_of(self, child: Draft, both: bool, dead_partner: bool = False) -> list[Draft]:
        """The head's parent(s), born so that the child's birth fits their ages."""
        rng = self.rng
        hi = min(40.0, max(20.5, 94.0 - child.age))
        at_birth = rng.triangular(20.0, hi, min(hi, 25.0))
        mother_birth = after(child.birth, -at_birth)
        mother = self._new("nu", mother_birth, "me")
        father_gap = max(rng.triangular(-1.0, 9.0, 3.0), 21.2 - at_birth)
        father_age = min(years_between(mother_birth, REFERENCE_DATE) + father_gap, 95.5)
        father = self._new("nam", born_aged(father_age), "cha")
        marry(father, mother)
        lineal, other = (mother, father) if self.dan_toc == names.JRAI else (father, mother)
        lineal.family = child.family
        other.family = self._spouse_family(lineal)
        child.father, child.mother = father, mother
        if both:
            return [father, mother]
        survivor, gone = (mother, father) if rng.random() < 0.72 else (father, mother)
        if dead_partner:
            kill(rng, gone, child.birth)
            return [survivor, gone]
        survivor.status, survivor.spouse = "goa", None
        if gone is father:
            child.father = None
        else:
            child.mother = None
        return [survivor]

    def sibling(self, head: Draft) -> Draft:
        """An unmarried or divorced brother or sister of the head (anh_chi_em)."""
        rng = self.rng
        sex: Sex = "nam" if rng.random() < 0.5 else "nu"
        mother, father = head.mother, head.father
        for _ in range(20):
            if mother is not None:
                lo = 20.0
                if father is not None:  # he too was at least 20 (here 21) at the birth
                    lo = max(lo, 21.2 - years_between(father.birth, mother.birth))
                hi = min(44.0, mother.age - 18.5)
                birth = after(mother.birth, rng.uniform(lo, max(lo, hi)))
            elif father is not None:
                birth = after(father.birth, rng.uniform(21.5, max(21.5, father.age - 18.5)))
            else:
                birth = born_aged(max(18.5, head.age + rng.uniform(-9.0, 9.0)))
            if abs((birth - head.birth).days) > 330:
                break
        sib = self._new(sex, birth, "anh_chi_em", head.family)
        sib.father, sib.mother = father, mother
        if sib.age >= 26 and rng.random() < 0.3:
            sib.status = "ly_hon"
        return sib

    # -- household types ------------------------------------------------------

    def single(self) -> list[Draft]:
        rng = self.rng
        r = rng.random()
        if r < 0.35:
            person = self._new("nam" if rng.random() < 0.55 else "nu",
                               born_aged(rng.uniform(22.0, 42.0)), "chu_ho")  # fmt: skip
        elif r < 0.5:
            person = self._new("nam" if rng.random() < 0.45 else "nu",
                               born_aged(rng.uniform(28.0, 62.0)), "chu_ho")  # fmt: skip
            person.status = "ly_hon"
        else:
            person = self._new("nu" if rng.random() < 0.75 else "nam",
                               born_aged(rng.triangular(58.0, 94.0, 68.0)), "chu_ho")  # fmt: skip
            person.status = "goa"
        return [person]

    def widow_with_record(self, k: int) -> list[Draft]:
        """Surviving spouse heads the household; the dead spouse's record is kept."""
        if k == 0:  # only old couples lose a partner in this shape
            members = list(self._couple_of_ages(self.rng.uniform(55.0, 88.0), True))
        else:
            members = self.nuclear(k)
        husband, wife = members[0], members[1]
        if husband.sex != "nam":
            husband, wife = wife, husband
        kids = members[2:]
        gone, survivor = (husband, wife) if self.rng.random() < 0.75 else (wife, husband)
        not_before = max((kid.birth for kid in kids), default=gone.birth)
        kill(self.rng, gone, not_before + timedelta(days=30))
        survivor.relation, gone.relation = "chu_ho", ("chong" if gone.sex == "nam" else "vo")
        return [survivor, gone, *kids]

    def single_parent(self, k: int) -> list[Draft]:
        """Divorced or widowed parent with children; the other parent is not in the registry."""
        members = self.nuclear(k)
        husband, wife = members[0], members[1]
        if husband.sex != "nam":
            husband, wife = wife, husband
        kids = members[2:]
        parent, absent = (wife, husband) if self.rng.random() < 0.8 else (husband, wife)
        parent.status = "ly_hon" if self.rng.random() < 0.55 or parent.age < 35 else "goa"
        parent.spouse = None
        parent.relation = "chu_ho"
        for kid in kids:
            if absent.sex == "nam":
                kid.father = None
            else:
                kid.mother = None
        return [parent, *kids]

    def three_generations(self, k: int, both: bool, dead_partner: bool = False) -> list[Draft]:
        members = self.nuclear(k, max_wife_age=52.0)
        head = self.head(members)
        return [*members, *self.parents_of(head, both, dead_partner)]

    def with_sibling(self, k: int) -> list[Draft]:
        """Family plus the head's brother or sister; with a widowed parent if room allows."""
        if k >= 1 and self.rng.random() < 0.5:
            members = self.three_generations(k - 1, both=False)
        else:
            members = self.nuclear(k, max_wife_age=60.0)
        return [*members, self.sibling(self.head(members))]

    def with_other(self, k: int) -> list[Draft]:
        """A relative or lodger (khac), e.g. a niece studying in Pleiku."""
        members = self.nuclear(k)
        rng = self.rng
        other = self._new("nam" if rng.random() < 0.5 else "nu",
                          born_aged(rng.uniform(17.5, 30.0)), "khac")  # fmt: skip
        return [*members, other]

    def with_grandparent(self, k: int) -> list[Draft]:
        """A young family living with the head's widowed grandmother (ba) or grandfather (ong)."""
        members = self.nuclear(k, max_wife_age=38.0)
        head = self.head(members)
        rng = self.rng
        old_age = min(94.0, head.age + rng.uniform(40.0, 58.0))
        female = rng.random() < 0.75
        elder = self._new("nu" if female else "nam", born_aged(max(old_age, 70.0)),
                          "ba" if female else "ong")  # fmt: skip
        elder.status = "goa"
        return [*members, elder]

    def grandparents_with_grandchildren(self, g: int, couple: bool) -> list[Draft]:
        """Grandparents raising grandchildren (chau) whose parents work away."""
        rng = self.rng
        wife_age = rng.uniform(50.0, 76.0)
        husband: Draft | None
        if couple:
            husband, wife = self._couple_of_ages(wife_age, self._husband_heads())
            elders = [husband, wife]
        else:
            female = rng.random() < 0.75
            elder = self._new("nu" if female else "nam", born_aged(wife_age + 2.0), "chu_ho")
            elder.status = "goa"
            elders = [elder]
            husband = elder if not female else None
        youngest_elder = min(e.age for e in elders)
        # Most grandchildren are of the line that carries the name: a Kinh or Bahnar son's
        # children the grandfather's, a Jrai daughter's children the grandmother's clan.
        line = elders[1] if couple and self.dan_toc == names.JRAI else husband
        family = line.family if line is not None and rng.random() < 0.65 else None
        kids = []
        for _ in range(g):
            age = rng.uniform(0.5, min(17.5, youngest_elder - 38.0))
            sex: Sex = "nam" if rng.random() < 0.51 else "nu"
            kid = self._new(sex, born_aged(age), "chau",
                            family or names.pick_family_name(rng, self.dan_toc))  # fmt: skip
            kids.append(kid)
        return [*elders, *kids]

    def divorced_daughter(self, s: int) -> list[Draft]:
        """Parents, their divorced daughter (con, ly_hon) and her children (chau)."""
        rng = self.rng
        own = rng.randint(0, max(0, s - 4)) if s > 4 else 0
        grandkids = s - 3 - own
        if grandkids > 3:
            own += grandkids - 3
            grandkids = 3
        wife_age = rng.uniform(46.0, 64.0)
        husband, wife = self._couple_of_ages(wife_age, self._husband_heads())
        births = self._births(wife, 1 + own, 19.5, min(42.0, wife_age - 23.0))
        children = self._children(husband, wife, births, "con")
        daughter = children[0]
        daughter.sex = "nu"
        daughter.status = "ly_hon"
        ex_family = names.pick_family_name(rng, self.dan_toc)
        ex = Draft(sex="nam", birth=daughter.birth, relation="", dan_toc=self.dan_toc,
                    family=ex_family)  # fmt: skip
        gk_births = self._births(daughter, grandkids, 19.5, daughter.age)
        grandchildren = self._children(ex, daughter, gk_births, "chau")
        for kid in grandchildren:
            kid.father = None  # the former husband lives elsewhere
        return [husband, wife, *children, *grandchildren]


# --------------------------------------------------------------------------- composition

_TYPES_2 = (("couple", 0.5), ("single_parent", 0.35), ("widow_record", 0.07),
            ("grandparent_chau", 0.08))  # fmt: skip


def build_household(b: HouseholdBuilder, s: int) -> list[Draft]:
    """Choose a family shape that has exactly s members, then build it."""
    rng = b.rng
    if s == 1:
        return b.single()
    if s == 2:
        kind = rng.choices([t for t, _ in _TYPES_2], [w for _, w in _TYPES_2])[0]
        if kind == "couple":
            return b.nuclear(0)
        if kind == "single_parent":
            return b.single_parent(1)
        if kind == "widow_record":
            return b.widow_with_record(0)
        return b.grandparents_with_grandchildren(1, couple=False)
    max_kids = 7 if b.minority else 6
    options: list[tuple[str, float]] = []
    k = s - 2
    if k <= max_kids:
        options.append(("nuclear", 0.5 if k <= 4 else 0.3))
    if s - 3 <= max_kids:
        options += [("three_one", 0.14), ("sibling", 0.05), ("other", 0.04)]
    if s - 3 <= 3:
        options.append(("grandparent", 0.03))
    if s >= 4 and s - 4 <= max_kids:
        options += [("three_two", 0.13), ("three_dead", 0.025)]
    if s - 1 <= 5:
        options.append(("single_parent", 0.07))
    if s >= 3 and s - 2 <= 5:
        options.append(("widow_record", 0.02))
    if s - 2 <= 4:
        options.append(("chau", 0.04))
    if s >= 4:
        options.append(("daughter", 0.04))
    kind = rng.choices([t for t, _ in options], [w for _, w in options])[0]
    if kind == "nuclear":
        return b.nuclear(k)
    if kind == "three_one":
        return b.three_generations(s - 3, both=False)
    if kind == "three_two":
        return b.three_generations(s - 4, both=True)
    if kind == "three_dead":
        return b.three_generations(s - 4, both=False, dead_partner=True)
    if kind == "sibling":
        return b.with_sibling(s - 3)
    if kind == "other":
        return b.with_other(s - 3)
    if kind == "grandparent":
        return b.with_grandparent(s - 3)
    if kind == "single_parent":
        return b.single_parent(s - 1)
    if kind == "widow_record":
        return b.widow_with_record(s - 2)
    if kind == "chau":
        return b.grandparents_with_grandchildren(s - 2, couple=True)
    return b.divorced_daughter(s)
