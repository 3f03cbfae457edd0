"""Finding registry people who fit a role: "an unmarried woman of marrying age in thong_nhat",
"a level-2 VNeID holder", "first cousins of marrying age".

Tests, lessons and exercises need real registry people, found by what they are, never by a
number typed into code, so they follow the generator when its output changes. Every finder
is deterministic: registry order, then `skip` to take the next match.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from typing import Any

from tdp.registry.ages import MARRYING_AGE, full_years_iso
from tdp.registry.drafts import REFERENCE_DATE
from tdp.registry.kinship import KinshipCode, forbidden_kinship, parents, spouses
from tdp.registry.person import MaritalStatus, MarriageEndKind, Person, Sex

Predicate = Callable[[Person], bool]


class PeopleIndex:
    """The registry in memory, with the lookups kinship needs (a `KinshipView`)."""

    def __init__(self, people: Iterable[Person]):
        self.people = list(people)
        self._by_id = {p.so_dinh_danh: p for p in self.people}
        self._children: dict[str, list[Person]] = defaultdict(list)
        self._links: dict[str, set[str]] = defaultdict(set)  # parents, children, spouses
        for p in self.people:
            for pid in sorted(parents(p)):
                self._children[pid].append(p)
            for other in parents(p) | spouses(p) | set(p.cha_me_nuoi):
                self._links[p.so_dinh_danh].add(other)
                self._links[other].add(p.so_dinh_danh)

    @classmethod
    def from_json(cls, data: Iterable[dict[str, Any]]) -> PeopleIndex:
        """From `tdp registry list --json` (or `Person.to_json`) dictionaries."""
        return cls(Person.from_json(d) for d in data)

    def get(self, so_dinh_danh: str) -> Person | None:
        return self._by_id.get(so_dinh_danh)

    def children_of(self, so_dinh_danh: str) -> list[Person]:
        return list(self._children.get(so_dinh_danh, ()))

    def spouse_of(self, so_dinh_danh: str) -> Person | None:
        person = self.get(so_dinh_danh)
        if person is None or not person.so_dinh_danh_vo_chong:
            return None
        return self.get(person.so_dinh_danh_vo_chong)

    def near(self, so_dinh_danh: str, steps: int = 4) -> set[str]:
        """Everyone within `steps` parent/child/spouse links: a superset of the people who
        can be forbidden kin (a first cousin is four links away), so finders ask only them."""
        seen = {so_dinh_danh}
        frontier = {so_dinh_danh}
        for _ in range(steps):
            frontier = {n for f in frontier for n in self._links.get(f, ())} - seen
            seen |= frontier
        return seen - {so_dinh_danh}

    def __iter__(self) -> Iterator[Person]:
        return iter(self.people)

    def __len__(self) -> int:
        return len(self.people)


def marrying_ages(catalog: Any) -> dict[str, int]:
    """Sex → minimum full years, read from the `ket_hon` procedure's `sex` and `min_age` rules."""
    proc = catalog.procedure("ket_hon")
    sex_of: dict[str, str] = {}
    ages: dict[str, int] = {}
    for rule in proc.rules:
        extra = rule.model_extra or {}
        if rule.kind == "sex":
            sex_of[extra["person"]] = extra["is"]
        elif rule.kind == "min_age":
            ages[extra["person"]] = int(extra["years"])
    return {sex_of[group]: years for group, years in ages.items() if group in sex_of}


# --------------------------------------------------------------------------- predicates


def age(p: Person, on: date) -> int:
    return full_years_iso(p.ngay_sinh, on)


def alive(p: Person) -> bool:
    return p.con_song


def not_married(p: Person) -> bool:
    """Alive and free to marry as far as status goes (single, divorced or widowed)."""
    return p.con_song and p.tinh_trang_hon_nhan != "da_ket_hon"


def of_marrying_age(p: Person, on: date) -> bool:
    return age(p, on) >= MARRYING_AGE[p.gioi_tinh]


def may_marry(p: Person, on: date) -> bool:
    """Alive, not married and of marrying age on `on` (kinship aside)."""
    return not_married(p) and of_marrying_age(p, on)


def find(people: Iterable[Person], pred: Predicate, skip: int = 0) -> Person:
    """The (skip+1)-th person, in registry order, for whom `pred` holds."""
    n = 0
    for p in people:
        if pred(p):
            if n == skip:
                return p
            n += 1
    raise LookupError("no registry person fits this role")


# --------------------------------------------------------------------------- roles


def person(people: Iterable[Person], *, sex: Sex | None = None,
           status: MaritalStatus | tuple[MaritalStatus, ...] | None = None,
           on: date | None = None, min_age: int | None = None, max_age: int | None = None,
           commune: str | None = None, vneid: int | None = None, living: bool = True,
           with_uu_dai: bool | None = False, born_29_february: bool | None = False,
           where: Predicate | None = None, skip: int = 0) -> Person:
    """A person fitting every given condition, ages taken on `on` (default: the registry's
    reference date, never the clock). By default alive, without fee exemptions and not born
    on 29/2 (so a test's fee and age arithmetic stays plain); pass None to allow either."""
    statuses = (status,) if isinstance(status, str) else status
    on = on or REFERENCE_DATE

    def fits(p: Person) -> bool:
        return ((living is None or p.con_song == living)
                and (sex is None or p.gioi_tinh == sex)
                and (statuses is None or p.tinh_trang_hon_nhan in statuses)
                and (min_age is None or age(p, on) >= min_age)
                and (max_age is None or age(p, on) <= max_age)
                and (commune is None or p.noi_cu_tru.co_quan == commune)
                and (vneid is None or p.vneid_muc == vneid)
                and (with_uu_dai is None or bool(p.uu_dai) == with_uu_dai)
                and (born_29_february is None
                     or (p.ngay_sinh[5:] == "02-29") == born_29_february)
                and (where is None or where(p)))

    return find(people, fits, skip)


def unmarried_adult(people: Iterable[Person], sex: Sex, on: date, *,
                    commune: str | None = None, max_age: int | None = None,
                    status: MaritalStatus | tuple[MaritalStatus, ...] = "doc_than",
                    skip: int = 0) -> Person:
    """A living person of marrying age on `on` with this status (single by default)."""
    return person(people, sex=sex, status=status, on=on, min_age=MARRYING_AGE[sex],
                  max_age=max_age, commune=commune, skip=skip)


def vneid_holder(people: Iterable[Person], level: int, on: date, *, min_age: int = 18,
                 commune: str | None = None, skip: int = 0) -> Person:
    """A living adult whose VNeID account has this level."""
    return person(people, vneid=level, on=on, min_age=min_age, commune=commune, skip=skip)


def married_couple(index: PeopleIndex, on: date, *, min_age: int = 20, max_age: int = 40,
                   commune: str | None = None, skip: int = 0) -> tuple[Person, Person]:
    """(wife, husband): a living married woman aged min_age–max_age and her living husband."""

    def fits(p: Person) -> bool:
        spouse = index.spouse_of(p.so_dinh_danh)
        return (p.tinh_trang_hon_nhan == "da_ket_hon" and spouse is not None
                and spouse.con_song and not spouse.uu_dai)

    wife = person(index, sex="nu", on=on, min_age=min_age, max_age=max_age, commune=commune,
                  where=fits, skip=skip)
    husband = index.spouse_of(wife.so_dinh_danh)
    assert husband is not None
    return wife, husband


def former_spouse_record(people: Iterable[Person], loai: MarriageEndKind, sex: Sex, on: date,
                         *, min_age: int = 22, max_age: int = 60, skip: int = 0) -> Person:
    """A living divorced (`ly_hon`) or widowed (`vo_chong_chet`) person holding the record."""
    status: MaritalStatus = "ly_hon" if loai == "ly_hon" else "goa"
    return person(people, sex=sex, status=status, on=on, min_age=min_age, max_age=max_age,
                  where=lambda p: p.cham_dut_hon_nhan is not None
                  and p.cham_dut_hon_nhan.loai == loai, skip=skip)


def kin_pairs(index: PeopleIndex, code: KinshipCode, on: date,
              ) -> Iterator[tuple[Person, Person]]:
    """(man, woman) pairs, both free to marry on `on`, whom `code` forbids to marry, in
    registry order of the man, then of the woman."""
    order = {p.so_dinh_danh: i for i, p in enumerate(index)}
    for man in index:
        if man.gioi_tinh != "nam" or not may_marry(man, on):
            continue
        near = (index.get(i) for i in sorted(index.near(man.so_dinh_danh),
                                                  key=lambda i: order.get(i, len(order))))
        for woman in near:
            if woman is None or woman.gioi_tinh != "nu" or not may_marry(woman, on):
                continue
            kin = forbidden_kinship(index, man, woman)
            if kin is not None and kin.code == code:
                yield man, woman


def kin_pair(index: PeopleIndex, code: KinshipCode, on: date,
             skip: int = 0) -> tuple[Person, Person]:
    """The (skip+1)-th (man, woman) pair related by `code`, both free to marry on `on`."""
    for n, pair in enumerate(kin_pairs(index, code, on)):
        if n == skip:
            return pair
    raise LookupError(f"no pair of marrying age related as {code} in the registry")


def unrelated(index: PeopleIndex, a: Person, b: Person) -> bool:
    """Not forbidden to marry by kinship, and not in the same household."""
    return a.ma_ho != b.ma_ho and forbidden_kinship(index, a, b) is None


def partner_for(index: PeopleIndex, other: Person, on: date, *, min_age: int | None = None,
                max_age: int = 40, status: MaritalStatus = "doc_than",
                skip: int = 0) -> Person:
    """A living person of the other sex, unrelated to `other`, of marrying age on `on`."""
    sex: Sex = "nu" if other.gioi_tinh == "nam" else "nam"
    return person(index, sex=sex, status=status, on=on,
                  min_age=MARRYING_AGE[sex] if min_age is None else min_age, max_age=max_age,
                  where=lambda p: unrelated(index, other, p), skip=skip)
