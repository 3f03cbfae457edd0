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
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass

from tdp.registry import names
from tdp.registry.ages import full_years
from tdp.registry.drafts import REFERENCE_DATE, Draft
from tdp.registry.families import FamilyLinks
from tdp.registry.households import HouseholdBuilder, build_household
from tdp.registry.idnumber import make_identity_number, province_codes
from tdp.registry.marriage_links import MarriageLinks
from tdp.registry.person import Person, Residence
from tdp.registry.records import Offices, add_benefits, add_marriage_ends

__all__ = ["DEFAULT_SEED", "EDITION", "PHONE_PREFIXES", "PILOT_GROUPS", "REFERENCE_DATE",
           "GroupSpec", "generate_households", "generate_population"]

DEFAULT_SEED = 20220901  # the pilot's start, 9/2022
# The population's edition, stored with the seeded registry. Bump it whenever the generated
# people change (the fingerprint test pins the pair), so that a store seeded by an older
# version is reported instead of training on people the scenarios no longer describe.
EDITION = 3
# Sub-streams of the passes after the households (see `_link_group`). Change one to redraw
# only what that pass decides, e.g. so that no resident a scenario names gets a new fact
# that would change its right answer (tests/registry/test_named_people.py checks that).
FAMILIES_STREAM = "families"
BAHNAR_FAMILIES_STREAM = "families:ba_na"  # added last, so it shifted no other draw
RECORDS_STREAM = "records"
BENEFITS_STREAM = "uu_dai"
NATURAL_HOUSEHOLD_MEAN = 4.6  # 2,462 residents / 534 households in the pilot group
MINORITY_HOUSEHOLD_SHARE = 0.2  # Jrai or Bahnar households
JRAI_SHARE_OF_MINORITY = 0.7  # Jrai are the larger group in Pleiku
MAX_HOUSEHOLD_SIZE = 9
YEAR = 365.2425

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
    # Names of the offices on records (a death registered before 7/2025 names the old ward).
    commune_name: str = ""  # e.g. "Phường Thống Nhất"
    former_name: str = ""  # e.g. "Phường Yên Thế"
    former_district: str = ""  # e.g. "Thành phố Pleiku"


PILOT_GROUPS = (
    GroupSpec("thong_nhat", "to_1", "Tổ dân phố 1", (), 534, 2462, "064", "yen_the",
              "Phường Thống Nhất", "Phường Yên Thế", "Thành phố Pleiku"),
    GroupSpec("pleiku", "to_3", "Tổ dân phố 3", (), 400, None, "064", "hoi_thuong",
              "Phường Pleiku", "Phường Hội Thương", "Thành phố Pleiku"),
)
"""The two pilot groups of domain.md, the registry's default size."""


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


def _order(members: list[Draft]) -> list[Draft]:
    """Head first, then spouse, then everyone else oldest first (as a household book lists)."""
    rank = {"chu_ho": 0, "vo": 1, "chong": 1}
    return sorted(members, key=lambda m: (rank.get(m.relation, 2), m.birth))


def _name_household(rng: random.Random, members: list[Draft]) -> None:
    """Names in birth order; never the same full name twice in one household."""
    taken: set[str] = set()
    for m in sorted(members, key=lambda m: m.birth):
        for _ in range(50):
            name = names.compose_name(rng, m.dan_toc, m.sex, m.birth.year, m.family)
            if name.casefold() not in taken:
                break
        m.name = name
        taken.add(name.casefold())


def _birth_province(rng: random.Random, person: Draft, home: str) -> str:
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


def _phone_and_vneid(rng: random.Random, person: Draft) -> tuple[bool, int]:
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


def _unique_number(rng: random.Random, code: str, person: Draft, used: set[str]) -> str:
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


def _to_person(d: Draft, residence: Residence, ma_ho: str, phone: str | None,
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
    rng = _stream(spec, seed)
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
        members = _order(build_household(HouseholdBuilder(rng, dan_toc), size))
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


def _stream(spec: GroupSpec, seed: int, purpose: str = "") -> random.Random:
    """A per-group generator (str seeds are hashed with SHA-512, not hash()): adding a group
    leaves the others' people unchanged, and each later pass (`purpose`) has its own stream,
    so adding one shifted no draw of the households."""
    key = f"{seed}:{spec.stream_key or spec.commune_id}:{spec.group_id}"
    return random.Random(f"{key}:{purpose}" if purpose else key)


def _link_group(spec: GroupSpec, seed: int, people: list[Person],
                used_ids: set[str]) -> list[Person]:
    """Three generations, ended-marriage records and fee exemptions for one group's people;
    returns them household by household, with the dead parents this adds."""
    rng = _stream(spec, seed, FAMILIES_STREAM)
    by_household: dict[str, list[Person]] = {}
    for p in people:
        by_household.setdefault(p.ma_ho, []).append(p)

    def new_person_from(rng: random.Random) -> Callable[[Draft, str, Collection[str]], Person]:
        def new_person(d: Draft, ma_ho: str, avoid: Collection[str]) -> Person:
            members = by_household[ma_ho]
            taken = {m.ho_ten.casefold() for m in members} | {n.casefold() for n in avoid}
            for _ in range(50):
                d.name = names.compose_name(rng, d.dan_toc, d.sex, d.birth.year, d.family)
                if d.name.casefold() not in taken:
                    break
            d.number = _unique_number(rng, _birth_province(rng, d, spec.id_province_code), d,
                                      used_ids)
            person = _to_person(d, Residence(**vars(members[0].noi_cu_tru)), ma_ho, None, 0)
            members.append(person)
            return person

        return new_person

    def everyone() -> list[Person]:
        return [p for members in by_household.values() for p in members]

    divorced = MarriageLinks(rng, people, new_person_from(rng)).run()
    offices = Offices(spec.commune_name or spec.commune_id, spec.former_name,
                      spec.former_district, province_codes().get(spec.id_province_code, ""))
    add_marriage_ends(_stream(spec, seed, RECORDS_STREAM), everyone(), offices, divorced)
    add_benefits(_stream(spec, seed, BENEFITS_STREAM), everyone())
    # Bahnar families across households came later: their own stream, after the records and
    # exemptions, then the records of the widows it adds (only people without one get one).
    bahnar = _stream(spec, seed, BAHNAR_FAMILIES_STREAM)
    FamilyLinks(bahnar, everyone(), new_person_from(bahnar)).link_bahnar()
    add_marriage_ends(bahnar, everyone(), offices, ())
    return everyone()


def _households(groups: Sequence[GroupSpec], seed: int,
                used_ids: set[str]) -> list[tuple[GroupSpec, list[Person]]]:
    used_phones: set[str] = set()
    prefixes: set[str] = set()
    seen: set[tuple[str, str]] = set()
    result: list[tuple[GroupSpec, list[Person]]] = []
    for spec in groups:
        if (spec.commune_id, spec.group_id) in seen:
            raise ValueError(f"group {spec.commune_id}/{spec.group_id} given twice")
        seen.add((spec.commune_id, spec.group_id))
        prefix = base = _household_prefix(spec)
        n = 2
        while prefix in prefixes:  # two communes with the same initials
            prefix, n = f"{base}{chr(ord('A') + n - 2)}", n + 1
        prefixes.add(prefix)
        result.append((spec, _generate_group(spec, seed, prefix, used_ids, used_phones)))
    return result


def generate_households(groups: Sequence[GroupSpec] = PILOT_GROUPS,
                        seed: int = DEFAULT_SEED) -> list[Person]:  # fmt: skip
    """The households alone, before the passes that link them into families and add records:
    what the registry was before issue 13, pinned so that those passes can be seen to shift
    none of it."""
    return [p for _, people in _households(groups, seed, set()) for p in people]


def generate_population(groups: Sequence[GroupSpec] = PILOT_GROUPS,
                        seed: int = DEFAULT_SEED) -> list[Person]:  # fmt: skip
    """All people of the given groups, household by household, identical for a given seed."""
    used_ids: set[str] = set()
    groups_people = _households(groups, seed, used_ids)
    # The later passes run once every group's households exist: the numbers they draw for
    # added people are checked against all others, and drew nothing before them.
    return [p for spec, people in groups_people for p in _link_group(spec, seed, people, used_ids)]
