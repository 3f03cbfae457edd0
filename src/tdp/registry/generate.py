"""Deterministic synthetic population for the mock registry (no real person, ever).

Only people in the registry can be named in a filing, so the course needs a population that
looks like a Pleiku residential group: families with plausible ages, marriages, deaths,
Kinh, Jrai and Bahnar names, identity numbers that encode birth year and sex. Everything comes
from `random.Random` seeded per group, so the same seed gives byte-identical output on every
machine; nothing reads the clock, `hash()` or set order.
"""

from __future__ import annotations

import functools
import itertools
import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from tdp.registry import names
from tdp.registry.ages import birthday, full_years
from tdp.registry.idnumber import make_identity_number
from tdp.registry.person import MaritalStatus, Person, Residence, Sex

REFERENCE_DATE = date(2026, 7, 1)
"""The population's "today": ages are relative to this, never to the real clock."""

DEFAULT_SEED = 20220901  # the pilot's start, 9/2022
NATURAL_HOUSEHOLD_MEAN = 4.6  # 2,462 residents / 534 households in the pilot group
MINORITY_HOUSEHOLD_SHARE = 0.2  # Jrai or Bahnar households
JRAI_SHARE_OF_MINORITY = 0.7  # Jrai are the larger group in Pleiku
MAX_HOUSEHOLD_SIZE = 9
_YEAR = 365.2425

DEFAULT_STREETS = (
    "Lý Thái Tổ",
    "Tôn Đức Thắng",
    "Nguyễn Chí Thanh",
    "Phạm Văn Đồng",
    "Lê Đại Hành",
    "Trường Chinh",
)

# Household sizes 1..9 before tilting to the wanted mean (Vietnamese census shape).
_BASE_SIZE_WEIGHTS = (0.07, 0.14, 0.20, 0.25, 0.16, 0.09, 0.05, 0.03, 0.01)

# Where people not registered at birth in the group's province were born: the central coast
# and the north sent most settlers to Gia Lai; minorities came from neighbouring provinces.
_MIGRANT_PROVINCES = {
    "052": 20, "051": 12, "040": 10, "049": 8, "038": 6, "042": 6, "054": 5, "034": 5,
    "046": 4, "062": 6, "066": 6, "001": 4, "079": 4, "048": 3, "036": 3, "056": 2, "068": 2,
}  # fmt: skip
_JRAI_PROVINCES = {"066": 7, "062": 3}
_BAHNAR_PROVINCES = {"062": 15, "052": 5}

# Viettel 032-039, 086, 096-098; MobiFone 070, 076-079, 089, 090, 093; VinaPhone 081-085, 088,
# 091, 094; Vietnamobile 056, 058.
PHONE_PREFIXES = (
    "032", "033", "034", "035", "036", "037", "038", "039", "056", "058", "070", "076", "077",
    "078", "079", "081", "082", "083", "084", "085", "086", "088", "089", "090", "091", "093",
    "094", "096", "097", "098",
)  # fmt: skip


@dataclass(frozen=True)
class GroupSpec:
    """One residential group (tổ dân phố) to populate."""

    commune_id: str  # e.g. "thong_nhat"
    group_id: str  # e.g. "to_1"
    group_name: str  # e.g. "Tổ dân phố 1"
    street_names: tuple[str, ...]  # for addresses; empty -> DEFAULT_STREETS
    households: int  # e.g. 534
    people: int | None  # target total (met exactly); None -> natural size
    id_province_code: str = "064"  # the usual birth-registration province (Gia Lai)
    # Keys the group's random stream. The pilot's groups keep their pre-2025 ward keys, so the
    # 2025 commune rename (Yên Thế → Thống Nhất, Hội Thương → Pleiku) changed no one's data.
    stream_key: str = ""


PILOT_GROUPS = (
    GroupSpec("thong_nhat", "to_1", "Tổ dân phố 1", (), 534, 2462, "064", "yen_the"),
    GroupSpec("pleiku", "to_3", "Tổ dân phố 3", (), 400, None, "064", "hoi_thuong"),
)
"""The two pilot groups of domain.md, the registry's default size."""


# --------------------------------------------------------------------------- dates


def _after(d: date, years: float) -> date:
    return d + timedelta(days=round(years * _YEAR))


def _born_aged(age: float) -> date:
    return REFERENCE_DATE - timedelta(days=round(age * _YEAR))


def _years_between(a: date, b: date) -> float:
    return (b - a).days / _YEAR


# --------------------------------------------------------------------------- drafts


@dataclass(eq=False)
class _Draft:
    """A person under construction; links are objects until identity numbers exist."""

    sex: Sex
    birth: date
    relation: str
    dan_toc: str
    family: str | None = None
    status: MaritalStatus = "doc_than"
    death: date | None = None
    father: _Draft | None = None
    mother: _Draft | None = None
    spouse: _Draft | None = None
    name: str = ""
    number: str = ""

    @property
    def age(self) -> float:
        return _years_between(self.birth, REFERENCE_DATE)


def _marry(a: _Draft, b: _Draft) -> None:
    a.spouse, b.spouse = b, a
    a.status = b.status = "da_ket_hon"


def _kill(rng: random.Random, person: _Draft, not_before: date) -> None:
    """Mark dead on a day between `not_before` and a few weeks before the reference date."""
    lo = max(not_before, birthday(person.birth, 40))
    hi = REFERENCE_DATE - timedelta(days=20)
    if lo > hi:
        lo = hi
    # Deaths recorded in the registry are mostly recent: at most ~12 years back.
    lo = max(lo, min(hi, REFERENCE_DATE - timedelta(days=round(12 * _YEAR))))
    person.death = lo + timedelta(days=rng.randint(0, (hi - lo).days))
    # The dead person's record keeps its spouse link as it was at death; the survivor is
    # widowed and has no current spouse.
    if person.spouse is not None:
        person.spouse.status = "goa"
        person.spouse.spouse = None


_PICK = object()


class _HouseholdBuilder:
    """Builds one household of an exact size for one ethnic group."""

    def __init__(self, rng: random.Random, dan_toc: str) -> None:
        self.rng = rng
        self.dan_toc = dan_toc
        self.minority = dan_toc != names.KINH

    # -- people -------------------------------------------------------------

    def _new(self, sex: Sex, birth: date, relation: str, family: object = _PICK) -> _Draft:
        """A person; `family` None means "no family name" (some Bahnar), _PICK draws one."""
        if family is _PICK:
            family = names.pick_family_name(self.rng, self.dan_toc)
        assert family is None or isinstance(family, str)
        return _Draft(sex=sex, birth=birth, relation=relation, dan_toc=self.dan_toc, family=family)

    def _spouse_family(self, other: _Draft) -> str | None:
        if self.dan_toc == names.JRAI:
            return names.pick_other_clan(self.rng, other.family)
        return names.pick_family_name(self.rng, self.dan_toc)

    def _child_family(self, father: _Draft | None, mother: _Draft | None) -> str | None:
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

    def _couple_of_ages(self, wife_age: float, husband_head: bool) -> tuple[_Draft, _Draft]:
        """A married couple, husband at least 20 and wife at least 18 when they married."""
        gap = self._husband_gap(wife_age - 1.0)
        husband_age = min(max(wife_age + gap, 20.5), 94.5)
        husband = self._new("nam", _born_aged(husband_age), "chu_ho" if husband_head else "chong")
        wife = self._new("nu", _born_aged(wife_age), "vo" if husband_head else "chu_ho",
                         self._spouse_family(husband))  # fmt: skip
        _marry(husband, wife)
        return husband, wife

    def _husband_heads(self) -> bool:
        """Jrai families are matrilineal and often matrilocal: many wives head the household."""
        share = {names.JRAI: 0.55, names.BAHNAR: 0.75}.get(self.dan_toc, 0.85)
        return self.rng.random() < share

    def _births(self, mother: _Draft, n: int, lo: float, hi: float) -> list[date]:
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
        return [min(_after(mother.birth, a), REFERENCE_DATE) for a in ages]

    def _children(
        self, father: _Draft | None, mother: _Draft, births: list[date], relation: str
    ) -> list[_Draft]:
        kids = []
        for birth in births:
            sex: Sex = "nam" if self.rng.random() < 0.512 else "nu"  # Vietnam's birth sex ratio
            kid = self._new(sex, birth, relation, self._child_family(father, mother))
            kid.father, kid.mother = father, mother
            kids.append(kid)
        return kids

    def nuclear(self, k: int, max_wife_age: float = 95.0) -> list[_Draft]:
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
        husband = self._new("nam", _born_aged(min(wife_age + gap, 94.5)),
                            "chu_ho" if husband_head else "chong")  # fmt: skip
        wife = self._new("nu", _born_aged(wife_age), "vo" if husband_head else "chu_ho",
                         self._spouse_family(husband))  # fmt: skip
        _marry(husband, wife)
        offsets = [first]
        for g in gaps:
            offsets.append(offsets[-1] + g)
        births = [min(_after(wife.birth, a), REFERENCE_DATE) for a in offsets]
        return [husband, wife, *self._children(husband, wife, births, "con")]

    @staticmethod
    def head(members: list[_Draft]) -> _Draft:
        return next(m for m in members if m.relation == "chu_ho")

    def parents_of(self, child: _Draft, both: bool, dead_partner: bool = False) -> list[_Draft]:
        """The head's parent(s), born so that the child's birth fits their ages."""
        rng = self.rng
        hi = min(40.0, max(20.5, 94.0 - child.age))
        at_birth = rng.triangular(20.0, hi, min(hi, 25.0))
        mother_birth = _after(child.birth, -at_birth)
        mother = self._new("nu", mother_birth, "me")
        father_gap = max(rng.triangular(-1.0, 9.0, 3.0), 21.2 - at_birth)
        father_age = min(_years_between(mother_birth, REFERENCE_DATE) + father_gap, 95.5)
        father = self._new("nam", _born_aged(father_age), "cha")
        _marry(father, mother)
        lineal, other = (mother, father) if self.dan_toc == names.JRAI else (father, mother)
        lineal.family = child.family
        other.family = self._spouse_family(lineal)
        child.father, child.mother = father, mother
        if both:
            return [father, mother]
        survivor, gone = (mother, father) if rng.random() < 0.72 else (father, mother)
        if dead_partner:
            _kill(rng, gone, child.birth)
            return [survivor, gone]
        survivor.status, survivor.spouse = "goa", None
        if gone is father:
            child.father = None
        else:
            child.mother = None
        return [survivor]

    def sibling(self, head: _Draft) -> _Draft:
        """An unmarried or divorced brother or sister of the head (anh_chi_em)."""
        rng = self.rng
        sex: Sex = "nam" if rng.random() < 0.5 else "nu"
        mother, father = head.mother, head.father
        for _ in range(20):
            if mother is not None:
                lo = 20.0
                if father is not None:  # he too was at least 20 (here 21) at the birth
                    lo = max(lo, 21.2 - _years_between(father.birth, mother.birth))
                hi = min(44.0, mother.age - 18.5)
                birth = _after(mother.birth, rng.uniform(lo, max(lo, hi)))
            elif father is not None:
                birth = _after(father.birth, rng.uniform(21.5, max(21.5, father.age - 18.5)))
            else:
                birth = _born_aged(max(18.5, head.age + rng.uniform(-9.0, 9.0)))
            if abs((birth - head.birth).days) > 330:
                break
        sib = self._new(sex, birth, "anh_chi_em", head.family)
        sib.father, sib.mother = father, mother
        if sib.age >= 26 and rng.random() < 0.3:
            sib.status = "ly_hon"
        return sib

    # -- household types ------------------------------------------------------

    def single(self) -> list[_Draft]:
        rng = self.rng
        r = rng.random()
        if r < 0.35:
            person = self._new("nam" if rng.random() < 0.55 else "nu",
                               _born_aged(rng.uniform(22.0, 42.0)), "chu_ho")  # fmt: skip
        elif r < 0.5:
            person = self._new("nam" if rng.random() < 0.45 else "nu",
                               _born_aged(rng.uniform(28.0, 62.0)), "chu_ho")  # fmt: skip
            person.status = "ly_hon"
        else:
            person = self._new("nu" if rng.random() < 0.75 else "nam",
                               _born_aged(rng.triangular(58.0, 94.0, 68.0)), "chu_ho")  # fmt: skip
            person.status = "goa"
        return [person]

    def widow_with_record(self, k: int) -> list[_Draft]:
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
        _kill(self.rng, gone, not_before + timedelta(days=30))
        survivor.relation, gone.relation = "chu_ho", ("chong" if gone.sex == "nam" else "vo")
        return [survivor, gone, *kids]

    def single_parent(self, k: int) -> list[_Draft]:
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

    def three_generations(self, k: int, both: bool, dead_partner: bool = False) -> list[_Draft]:
        members = self.nuclear(k, max_wife_age=52.0)
        head = self.head(members)
        return [*members, *self.parents_of(head, both, dead_partner)]

    def with_sibling(self, k: int) -> list[_Draft]:
        """Family plus the head's brother or sister; with a widowed parent if room allows."""
        if k >= 1 and self.rng.random() < 0.5:
            members = self.three_generations(k - 1, both=False)
        else:
            members = self.nuclear(k, max_wife_age=60.0)
        return [*members, self.sibling(self.head(members))]

    def with_other(self, k: int) -> list[_Draft]:
        """A relative or lodger (khac), e.g. a niece studying in Pleiku."""
        members = self.nuclear(k)
        rng = self.rng
        other = self._new("nam" if rng.random() < 0.5 else "nu",
                          _born_aged(rng.uniform(17.5, 30.0)), "khac")  # fmt: skip
        return [*members, other]

    def with_grandparent(self, k: int) -> list[_Draft]:
        """A young family living with the head's widowed grandmother (ba) or grandfather (ong)."""
        members = self.nuclear(k, max_wife_age=38.0)
        head = self.head(members)
        rng = self.rng
        old_age = min(94.0, head.age + rng.uniform(40.0, 58.0))
        female = rng.random() < 0.75
        elder = self._new("nu" if female else "nam", _born_aged(max(old_age, 70.0)),
                          "ba" if female else "ong")  # fmt: skip
        elder.status = "goa"
        return [*members, elder]

    def grandparents_with_grandchildren(self, g: int, couple: bool) -> list[_Draft]:
        """Grandparents raising grandchildren (chau) whose parents work away."""
        rng = self.rng
        wife_age = rng.uniform(50.0, 76.0)
        if couple:
            husband, wife = self._couple_of_ages(wife_age, self._husband_heads())
            elders = [husband, wife]
        else:
            female = rng.random() < 0.75
            elder = self._new("nu" if female else "nam", _born_aged(wife_age + 2.0), "chu_ho")
            elder.status = "goa"
            elders = [elder]
            husband = elder if not female else None
        youngest_elder = min(e.age for e in elders)
        family = husband.family if husband is not None and rng.random() < 0.65 else None
        kids = []
        for _ in range(g):
            age = rng.uniform(0.5, min(17.5, youngest_elder - 38.0))
            sex: Sex = "nam" if rng.random() < 0.51 else "nu"
            kid = self._new(sex, _born_aged(age), "chau",
                            family or names.pick_family_name(rng, self.dan_toc))  # fmt: skip
            kids.append(kid)
        return [*elders, *kids]

    def divorced_daughter(self, s: int) -> list[_Draft]:
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
        ex = _Draft(sex="nam", birth=daughter.birth, relation="", dan_toc=self.dan_toc,
                    family=ex_family)  # fmt: skip
        gk_births = self._births(daughter, grandkids, 19.5, daughter.age)
        grandchildren = self._children(ex, daughter, gk_births, "chau")
        for kid in grandchildren:
            kid.father = None  # the former husband lives elsewhere
        return [husband, wife, *children, *grandchildren]


# --------------------------------------------------------------------------- composition

_TYPES_2 = (("couple", 0.5), ("single_parent", 0.35), ("widow_record", 0.07),
            ("grandparent_chau", 0.08))  # fmt: skip


def _build_household(b: _HouseholdBuilder, s: int) -> list[_Draft]:
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


def _household_sizes(rng: random.Random, households: int, people: int | None) -> list[int]:
    """Sizes 1..9 with the census shape tilted to the wanted mean, summing to `people`."""
    if households <= 0:
        return []
    mean = NATURAL_HOUSEHOLD_MEAN if people is None else people / households
    if people is not None and not households <= people <= MAX_HOUSEHOLD_SIZE * households:
        raise ValueError(f"{people} people cannot fill {households} households of 1-9")
    mean = min(max(mean, 1.05), MAX_HOUSEHOLD_SIZE - 0.05)
    sizes_range = range(1, MAX_HOUSEHOLD_SIZE + 1)

    def tilted(t: float) -> list[float]:
        return [w * t**k for k, w in zip(sizes_range, _BASE_SIZE_WEIGHTS, strict=True)]

    lo, hi = 0.01, 100.0
    for _ in range(60):  # bisection on the tilt factor: the mean grows with t
        mid = (lo * hi) ** 0.5
        weights = tilted(mid)
        m = sum(k * w for k, w in zip(sizes_range, weights, strict=True)) / sum(weights)
        lo, hi = (mid, hi) if m < mean else (lo, mid)
    sizes = rng.choices(list(sizes_range), tilted(lo), k=households)
    if people is not None:
        diff = people - sum(sizes)
        while diff:
            i = rng.randrange(households)
            if diff > 0 and sizes[i] < MAX_HOUSEHOLD_SIZE:
                sizes[i] += 1
                diff -= 1
            elif diff < 0 and sizes[i] > 1:
                sizes[i] -= 1
                diff += 1
    return sizes


# --------------------------------------------------------------------------- finishing


def _household_prefix(spec: GroupSpec) -> str:
    """ "thong_nhat" + "to_1" -> "TN1": short enough to read out to a resident."""
    initials = "".join(w[0] for w in spec.commune_id.split("_") if w).upper()
    digits = "".join(c for c in spec.group_id if c.isdigit())
    if not digits:
        digits = "".join(w[0] for w in spec.group_id.split("_") if w).upper()
    return initials + digits


def _order(members: list[_Draft]) -> list[_Draft]:
    """Head first, then spouse, then everyone else oldest first (as a household book lists)."""
    rank = {"chu_ho": 0, "vo": 1, "chong": 1}
    return sorted(members, key=lambda m: (rank.get(m.relation, 2), m.birth))


def _name_household(rng: random.Random, members: list[_Draft]) -> None:
    """Names in birth order; never the same full name twice in one household."""
    taken: set[str] = set()
    for m in sorted(members, key=lambda m: m.birth):
        for _ in range(50):
            name = names.compose_name(rng, m.dan_toc, m.sex, m.birth.year, m.family)
            if name.casefold() not in taken:
                break
        m.name = name
        taken.add(name.casefold())


def _birth_province(rng: random.Random, person: _Draft, home: str) -> str:
    """Mostly the group's province; older adults were often born elsewhere."""
    if person.dan_toc == names.JRAI:
        p_home = 0.9
    elif person.dan_toc == names.BAHNAR:
        p_home = 0.8
    else:
        year = person.birth.year
        p_home = 0.9 if year >= 2008 else 0.75 if year >= 1990 else 0.45
    if rng.random() < p_home:
        return home
    codes, cum_weights = _elsewhere(person.dan_toc, home)
    return rng.choices(codes, cum_weights=cum_weights)[0]


@functools.cache
def _elsewhere(dan_toc: str, home: str) -> tuple[tuple[str, ...], tuple[float, ...]]:
    """Birth provinces other than `home`, with cumulative weights (computed once)."""
    table = {names.JRAI: _JRAI_PROVINCES, names.BAHNAR: _BAHNAR_PROVINCES}.get(
        dan_toc, _MIGRANT_PROVINCES
    )
    codes = tuple(c for c in table if c != home) or (home,)
    return codes, tuple(itertools.accumulate(float(table.get(c, 1)) for c in codes))


def _phone_and_vneid(rng: random.Random, person: _Draft) -> tuple[bool, int]:
    """(gets a phone number, VNeID level): without a phone there is no VNeID account."""
    age = full_years(person.birth, person.death or REFERENCE_DATE)
    if age < 14:
        return False, 0
    p_phone = 0.0 if age < 15 else 0.75 if age < 18 else 0.96 if age < 70 else 0.6
    if rng.random() >= p_phone:
        return False, 0
    r = rng.random()
    none, one = (0.3, 0.55) if age >= 70 else (0.04, 0.31)  # cumulative shares of 0 and 1
    level = 0 if r < none else 1 if r < one else 2
    return person.death is None, level


def _unique_number(rng: random.Random, code: str, person: _Draft, used: set[str]) -> str:
    while True:
        number = make_identity_number(code, person.birth, person.sex, rng.randrange(1_000_000))
        if number not in used:
            used.add(number)
            return number


def _unique_phone(rng: random.Random, used: set[str]) -> str:
    while True:
        phone = rng.choice(PHONE_PREFIXES) + f"{rng.randrange(10_000_000):07d}"
        if phone not in used:
            used.add(phone)
            return phone


def _street_address(rng: random.Random, streets: Sequence[str], taken: set[str]) -> str:
    while True:
        street = rng.choice(streets)
        number = str(rng.randint(1, 420))
        if rng.random() < 0.3:  # a house in an alley (hẻm): "45/7"
            number += f"/{rng.randint(1, 30)}"
        address = f"{number} {street}"
        if address not in taken:
            taken.add(address)
            return address


def _to_person(d: _Draft, residence: Residence, ma_ho: str, phone: str | None,
               vneid: int) -> Person:  # fmt: skip
    return Person(
        so_dinh_danh=d.number,
        ho_ten=d.name,
        ngay_sinh=d.birth.isoformat(),
        gioi_tinh=d.sex,
        dan_toc=d.dan_toc,
        quoc_tich="Việt Nam",
        noi_cu_tru=residence,
        ma_ho=ma_ho,
        quan_he_chu_ho=d.relation,
        tinh_trang_hon_nhan=d.status,
        con_song=d.death is None,
        vneid_muc=vneid,
        so_dien_thoai=phone,
        so_dinh_danh_cha=d.father.number if d.father is not None else None,
        so_dinh_danh_me=d.mother.number if d.mother is not None else None,
        so_dinh_danh_vo_chong=d.spouse.number if d.spouse is not None else None,
        ngay_mat=d.death.isoformat() if d.death is not None else None,
        mat_khau_tap_huan=f"TapHuan@{d.number[-4:]}",
    )


def _generate_group(
    spec: GroupSpec, seed: int, prefix: str, used_ids: set[str], used_phones: set[str]
) -> list[Person]:
    # A per-group generator (str seeds are hashed with SHA-512, not hash()): adding a group
    # leaves the others' people unchanged.
    rng = random.Random(f"{seed}:{spec.stream_key or spec.commune_id}:{spec.group_id}")
    sizes = _household_sizes(rng, spec.households, spec.people)
    n_minority = round(spec.households * MINORITY_HOUSEHOLD_SHARE)
    picked = rng.sample(range(spec.households), n_minority)
    n_jrai = round(n_minority * JRAI_SHARE_OF_MINORITY)
    ethnic = {i: (names.JRAI if j < n_jrai else names.BAHNAR) for j, i in enumerate(picked)}
    streets = spec.street_names or DEFAULT_STREETS
    addresses: set[str] = set()
    people: list[Person] = []
    for index, size in enumerate(sizes):
        dan_toc = ethnic.get(index, names.KINH)
        members = _order(_build_household(_HouseholdBuilder(rng, dan_toc), size))
        _name_household(rng, members)
        for m in members:
            m.number = _unique_number(rng, _birth_province(rng, m, spec.id_province_code), m,
                                      used_ids)  # fmt: skip
        ma_ho = f"{prefix}-{index + 1:04d}"
        address = _street_address(rng, streets, addresses)
        residence = Residence(spec.commune_id, spec.group_id, f"{address}, {spec.group_name}")
        for m in members:
            wants_phone, vneid = _phone_and_vneid(rng, m)
            phone = _unique_phone(rng, used_phones) if wants_phone else None
            people.append(_to_person(m, Residence(**vars(residence)), ma_ho, phone, vneid))
    return people


def generate_population(groups: Sequence[GroupSpec] = PILOT_GROUPS,
                        seed: int = DEFAULT_SEED) -> list[Person]:  # fmt: skip
    """All people of the given groups, household by household, identical for a given seed."""
    used_ids: set[str] = set()
    used_phones: set[str] = set()
    prefixes: set[str] = set()
    seen: set[tuple[str, str]] = set()
    people: list[Person] = []
    for spec in groups:
        if (spec.commune_id, spec.group_id) in seen:
            raise ValueError(f"group {spec.commune_id}/{spec.group_id} given twice")
        seen.add((spec.commune_id, spec.group_id))
        prefix = base = _household_prefix(spec)
        n = 2
        while prefix in prefixes:  # two communes with the same initials
            prefix, n = f"{base}{chr(ord('A') + n - 2)}", n + 1
        prefixes.add(prefix)
        people += _generate_group(spec, seed, prefix, used_ids, used_phones)
    return people
