"""The synthetic population: deterministic, consistent, plausible for Pleiku."""

from __future__ import annotations

import hashlib
import json
import random
import re
import time
import unicodedata
from collections import Counter, defaultdict
from datetime import date

import pytest

from tdp.registry import names
from tdp.registry.ages import full_years as age_on
from tdp.registry.generate import (
    PHONE_PREFIXES,
    PILOT_GROUPS,
    REFERENCE_DATE,
    GroupSpec,
    generate_households,
    generate_population,
)
from tdp.registry.idnumber import is_consistent, parse_identity_number
from tdp.registry.person import Person

RELATIONS = {"chu_ho", "vo", "chong", "con", "cha", "me", "ong", "ba", "chau", "anh_chi_em", "khac"}
STATUSES = {"doc_than", "da_ket_hon", "ly_hon", "goa"}
SMALL = (GroupSpec("thong_nhat", "to_7", "Tổ dân phố 7", ("Lê Lợi",), 60, 270, "064"),)


@pytest.fixture(scope="module")
def population() -> list[Person]:
    return generate_population(PILOT_GROUPS)


@pytest.fixture(scope="module")
def by_id(population: list[Person]) -> dict[str, Person]:
    return {p.so_dinh_danh: p for p in population}


@pytest.fixture(scope="module")
def households(population: list[Person]) -> dict[str, list[Person]]:
    result: dict[str, list[Person]] = defaultdict(list)
    for p in population:
        result[p.ma_ho].append(p)
    return result


def born(p: Person) -> date:
    return date.fromisoformat(p.ngay_sinh)


def age(p: Person) -> int:
    return age_on(born(p), REFERENCE_DATE)


def fingerprint(people: list[Person]) -> str:
    text = json.dumps([p.to_json() for p in people], ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# --------------------------------------------------------------------------- determinism


def test_same_seed_same_output(population: list[Person]) -> None:
    again = generate_population(PILOT_GROUPS)
    assert [p.to_json() for p in again] == [p.to_json() for p in population]
    assert fingerprint(again) == fingerprint(population)


def test_does_not_touch_the_global_random_state() -> None:
    random.seed(1)
    expected = random.random()
    random.seed(1)
    generate_population(SMALL)
    assert random.random() == expected


def test_other_seed_other_people() -> None:
    a = generate_population(SMALL, seed=1)
    b = generate_population(SMALL, seed=2)
    assert [p.so_dinh_danh for p in a] != [p.so_dinh_danh for p in b]


def test_a_group_does_not_depend_on_groups_after_it() -> None:
    alone = generate_population(PILOT_GROUPS[:1])
    both = generate_population(PILOT_GROUPS)
    assert [p.to_json() for p in both[: len(alone)]] == [p.to_json() for p in alone]


# The whole default population, serialised. Same on CPython 3.11, 3.12 and 3.13 with or
# without libyaml. Update it only when you change the generator (or names.yaml) on purpose:
# scenarios and exercises that name residents depend on these people. (2026-12: the commune
# rename changed only ward ids and addresses; every number, name and date stayed.)
# 2026-12, issue 13: three generations across households (parent links filled in where there
# were none, ~80 dead parents added, a few adoptions in `cha_me_nuoi`), `cham_dut_hon_nhan`
# for every ly_hon/goa person, `uu_dai` for ~6% of the living. Every person who existed keeps
# every earlier value: see `test_earlier_people_unchanged`.
# 2026-12, naming and family conventions: 49 Jrai men's Ê Đê "Y" became "A" (same draws),
# 7 Jrai grandchildren raised by both grandparents carry the grandmother's clan, not the
# grandfather's; the 47 dead spouses the family pass adds are married at death (were
# `doc_than`); Bahnar heads who are siblings got dead parents (12 people added, on a stream of
# their own). Nobody else changed: numbers, dates, links and records are as they were.
# Then the 20 Bahnar women named "Đinh Thị H'…" (the Jrai/Ê Đê women's prefix) became
# "Đinh Thị Y …", the Bahnar one (same draws).
PILOT_FINGERPRINT = "91eacfb33160bb7fd4fbf12bb7d4eeab4a4eac221c9e1a8dc77b2f5965ebf9d4"


def test_output_is_pinned(population: list[Person]) -> None:
    # A new fingerprint needs a new edition too: stores seeded by the old one are then named.
    from tdp.registry.generate import EDITION

    assert (EDITION, fingerprint(population)) == (3, PILOT_FINGERPRINT)


# The households before the family, record and exemption passes: exactly the population as it
# was pinned before issue 13 (then PILOT_FINGERPRINT), so those passes shifted no draw.
# 2026-12: the 56 renamed Jrai people and the 20 renamed Bahnar women above; every other
# value as it was.
HOUSEHOLDS_FINGERPRINT = "9ac67422ec1b8833959eca635da4025841dfc5bd2c5d13fc73ee05b9d1f56270"
_NEW_KEYS = ("cham_dut_hon_nhan", "uu_dai", "cha_me_nuoi")


def test_earlier_people_unchanged(population: list[Person]) -> None:
    households = generate_households(PILOT_GROUPS)
    earlier = [{k: v for k, v in p.to_json().items() if k not in _NEW_KEYS} for p in households]
    text = json.dumps(earlier, ensure_ascii=False, sort_keys=True)
    assert hashlib.sha256(text.encode("utf-8")).hexdigest() == HOUSEHOLDS_FINGERPRINT
    now = {p.so_dinh_danh: p.to_json() for p in population}
    for before in earlier:
        after = now[before["so_dinh_danh"]]
        for key, value in before.items():
            if key in ("so_dinh_danh_cha", "so_dinh_danh_me") and value is None:
                continue  # a parent the households did not record may be linked now
            assert after[key] == value, (before["so_dinh_danh"], key)


def test_generation_is_fast() -> None:
    generate_population(SMALL)  # name and province tables are loaded once
    timings = []
    for _ in range(3):  # best of three: a busy test machine should not fail this
        start = time.perf_counter()
        people = generate_population(PILOT_GROUPS)
        timings.append(time.perf_counter() - start)
    assert len(people) > 4000
    assert min(timings) < 1.0, f"{min(timings):.3f} s for {len(people)} people"


def test_rejects_impossible_groups() -> None:
    with pytest.raises(ValueError):
        generate_population(SMALL + SMALL)
    bad = GroupSpec("a", "to_1", "Tổ 1", (), households=10, people=200)
    with pytest.raises(ValueError):
        generate_population([bad])


# --------------------------------------------------------------------------- sizes


def test_counts_meet_the_targets(population: list[Person]) -> None:
    for spec in PILOT_GROUPS:
        people = [p for p in population if p.noi_cu_tru.co_quan == spec.commune_id]
        homes = {p.ma_ho for p in people}
        assert len(homes) == spec.households
        if spec.people is not None:
            assert abs(len(people) - spec.people) <= 0.03 * spec.people
        else:
            assert 3.5 * spec.households <= len(people) <= 5.5 * spec.households


def test_small_group_and_natural_size() -> None:
    people = generate_population(SMALL)
    # 270 household members, plus the dead parents that link households into families.
    added = [p for p in people
             if not p.con_song and p.quan_he_chu_ho in ("cha", "me", "chong", "vo")]
    assert 270 <= len(people) <= 270 + len(added)
    assert len(people) - 270 <= 0.03 * 270
    assert len({p.ma_ho for p in people}) == 60
    natural = generate_population([GroupSpec("x", "to_2", "Tổ 2", (), 100, None)])
    assert 350 <= len(natural) <= 550


# --------------------------------------------------------------------------- identity


def test_identity_numbers_unique_and_consistent(population: list[Person]) -> None:
    numbers = [p.so_dinh_danh for p in population]
    assert len(set(numbers)) == len(numbers)
    for p in population:
        assert is_consistent(p.so_dinh_danh, born(p), p.gioi_tinh), p


def test_identity_provinces_mostly_gia_lai(population: list[Person]) -> None:
    codes = Counter(parse_identity_number(p.so_dinh_danh).province_code for p in population)
    assert codes["064"] / len(population) > 0.6
    assert len(codes) >= 8  # some born in Bình Định, Kon Tum, Đắk Lắk, Hà Nội, ...


def test_phones(population: list[Person]) -> None:
    phones = [p.so_dien_thoai for p in population if p.so_dien_thoai is not None]
    assert len(set(phones)) == len(phones)
    for phone in phones:
        assert re.fullmatch(r"0\d{9}", phone) and phone[:3] in PHONE_PREFIXES
    for p in population:
        if age(p) < 15 or not p.con_song:
            assert p.so_dien_thoai is None
    adults = [p for p in population if age(p) >= 15 and p.con_song]
    assert sum(p.so_dien_thoai is not None for p in adults) / len(adults) > 0.8


def test_vneid_levels(population: list[Person]) -> None:
    for p in population:
        assert p.vneid_muc in (0, 1, 2)
        if age(p) < 14 or (p.con_song and p.so_dien_thoai is None):
            assert p.vneid_muc == 0
    adults = [p for p in population if age(p) >= 15 and p.con_song]
    share = Counter(p.vneid_muc for p in adults)
    assert 0.08 <= share[0] / len(adults) <= 0.25
    assert 0.15 <= share[1] / len(adults) <= 0.35
    assert 0.50 <= share[2] / len(adults) <= 0.70
    old = [p for p in adults if age(p) >= 70]
    assert Counter(p.vneid_muc for p in old)[0] / len(old) > share[0] / len(adults)


def test_training_password(population: list[Person]) -> None:
    for p in population:
        assert p.mat_khau_tap_huan == f"TapHuan@{p.so_dinh_danh[-4:]}"


# --------------------------------------------------------------------------- families


def test_households(households: dict[str, list[Person]]) -> None:
    for ma_ho, members in households.items():
        assert re.fullmatch(r"[A-Z]+[0-9A-Z]*-\d{4}", ma_ho)
        heads = [m for m in members if m.quan_he_chu_ho == "chu_ho"]
        assert len(heads) == 1, ma_ho
        assert heads[0].con_song and age(heads[0]) >= 18
        assert members[0] is heads[0]
        assert len({(m.noi_cu_tru.co_quan, m.noi_cu_tru.to_dan_pho, m.noi_cu_tru.dia_chi)
                    for m in members}) == 1  # fmt: skip
        full_names = [unicodedata.normalize("NFC", m.ho_ten).casefold() for m in members]
        assert len(set(full_names)) == len(full_names), ma_ho
    addresses = [ms[0].noi_cu_tru.dia_chi for ms in households.values()]
    assert len(set(addresses)) == len(addresses)


def test_fields(population: list[Person]) -> None:
    group_names = {s.commune_id: s.group_name for s in PILOT_GROUPS}
    for p in population:
        assert p.quan_he_chu_ho in RELATIONS
        assert p.tinh_trang_hon_nhan in STATUSES
        assert p.gioi_tinh in ("nam", "nu")
        assert p.quoc_tich == "Việt Nam"
        assert p.dan_toc in names.ETHNIC_GROUPS
        assert date.fromisoformat(p.ngay_sinh) <= REFERENCE_DATE
        end = date.fromisoformat(p.ngay_mat) if p.ngay_mat else REFERENCE_DATE
        assert 0 <= age_on(born(p), end) <= 95  # alive, or when they died
        assert p.noi_cu_tru.dia_chi.endswith(", " + group_names[p.noi_cu_tru.co_quan])
        if age(p) < 18:
            assert p.tinh_trang_hon_nhan == "doc_than"
            assert p.quan_he_chu_ho in ("con", "chau", "khac")


def test_parents(population: list[Person], by_id: dict[str, Person]) -> None:
    checked = 0
    for child in population:
        mother = by_id.get(child.so_dinh_danh_me) if child.so_dinh_danh_me else None
        father = by_id.get(child.so_dinh_danh_cha) if child.so_dinh_danh_cha else None
        assert (mother is None) == (child.so_dinh_danh_me is None)
        assert (father is None) == (child.so_dinh_danh_cha is None)
        # Parents may live in another household (three generations across the group).
        if mother is not None:
            assert mother.gioi_tinh == "nu"
            assert 18 <= age_on(born(mother), born(child)) <= 45, (mother, child)
            checked += 1
        if father is not None:
            assert father.gioi_tinh == "nam"
            assert age_on(born(father), born(child)) >= 20, (father, child)
            if father.ngay_mat:  # alive at the birth, or died during the pregnancy
                assert (born(child) - date.fromisoformat(father.ngay_mat)).days < 280
    assert checked > 1500


def test_spouses(population: list[Person], by_id: dict[str, Person]) -> None:
    couples = 0
    for p in population:
        if not p.con_song:
            continue
        if p.tinh_trang_hon_nhan != "da_ket_hon":
            assert p.so_dinh_danh_vo_chong is None, p
            continue
        spouse = by_id[p.so_dinh_danh_vo_chong]
        assert spouse.con_song and spouse.tinh_trang_hon_nhan == "da_ket_hon"
        assert spouse.so_dinh_danh_vo_chong == p.so_dinh_danh
        assert spouse.gioi_tinh != p.gioi_tinh
        assert spouse.ma_ho == p.ma_ho
        assert age(p) >= (20 if p.gioi_tinh == "nam" else 18)
        couples += 1
    assert couples > 1200


def test_deaths_and_widows(population: list[Person], by_id: dict[str, Person]) -> None:
    dead = [p for p in population if not p.con_song]
    assert 5 <= len(dead) <= 0.03 * len(population)
    for p in population:
        assert (p.ngay_mat is None) == p.con_song
    for p in dead:
        died = date.fromisoformat(p.ngay_mat)
        assert born(p) < died < REFERENCE_DATE
        assert p.quan_he_chu_ho != "chu_ho"
        if p.so_dinh_danh_vo_chong:  # the spouse at death was widowed (and may have died since)
            survivor = by_id[p.so_dinh_danh_vo_chong]
            assert survivor.tinh_trang_hon_nhan == "goa"
            if not survivor.con_song:
                assert date.fromisoformat(survivor.ngay_mat) > died
    # A widowed person's spouse, when in the registry, is dead.
    for p in population:
        if p.so_dinh_danh_vo_chong and by_id[p.so_dinh_danh_vo_chong].tinh_trang_hon_nhan == "goa":
            assert not p.con_song
    statuses = Counter(p.tinh_trang_hon_nhan for p in population if p.con_song)
    assert statuses["goa"] > 50 and statuses["ly_hon"] > 30


def test_every_relation_occurs(population: list[Person]) -> None:
    assert {p.quan_he_chu_ho for p in population} == RELATIONS


# --------------------------------------------------------------------------- ages


def test_age_distribution(population: list[Person]) -> None:
    living = [p for p in population if p.con_song]
    ages = [age(p) for p in living]
    n = len(ages)
    assert 0.20 <= sum(a < 15 for a in ages) / n <= 0.35
    assert 0.12 <= sum(15 <= a < 25 for a in ages) / n <= 0.25
    assert 0.05 <= sum(a >= 65 for a in ages) / n <= 0.15
    decades = Counter(min(a // 10, 9) for a in ages)
    assert all(decades[d] > 0 for d in range(10))
    assert sum(a == 0 for a in ages) > 10  # babies born in the last year
    men = sum(p.gioi_tinh == "nam" for p in living)
    assert 0.45 <= men / n <= 0.55


def test_young_singles_for_marriage_scenarios(population: list[Person]) -> None:
    def singles(sex: str, lo: int, hi: int) -> int:
        return sum(
            p.con_song and p.gioi_tinh == sex and lo <= age(p) <= hi
            and p.tinh_trang_hon_nhan == "doc_than"
            for p in population
        )  # fmt: skip

    assert singles("nam", 19, 21) >= 30
    assert singles("nu", 17, 19) >= 30
    assert singles("nam", 19, 19) >= 5 and singles("nam", 20, 20) >= 5
    assert singles("nu", 17, 17) >= 5 and singles("nu", 18, 18) >= 5


# --------------------------------------------------------------------------- names and ethnicity


def test_minority_share(households: dict[str, list[Person]]) -> None:
    for spec in PILOT_GROUPS:
        homes = [ms for ms in households.values() if ms[0].noi_cu_tru.co_quan == spec.commune_id]
        minority = sum(ms[0].dan_toc != names.KINH for ms in homes)
        assert 0.10 <= minority / len(homes) <= 0.30
        groups = Counter(ms[0].dan_toc for ms in homes)
        assert groups[names.JRAI] > 0 and groups[names.BAHNAR] > 0
    for members in households.values():
        assert len({m.dan_toc for m in members}) == 1


def test_names_are_clean(population: list[Person]) -> None:
    for p in population:
        assert unicodedata.is_normalized("NFC", p.ho_ten)
        assert p.ho_ten == " ".join(p.ho_ten.split())
        assert len(p.ho_ten.split()) >= 2
        assert all(w[0].isupper() for w in p.ho_ten.split()), p.ho_ten


def test_kinh_middle_names_match_gender(population: list[Person]) -> None:
    data = names.name_data()
    for p in population:
        if p.dan_toc != names.KINH:
            continue
        _, middles, _ = names.split_kinh_name(p.ho_ten)
        assert middles, p.ho_ten
        allowed = data.middle_male if p.gioi_tinh == "nam" else data.middle_female
        assert all(m in allowed for m in middles), p.ho_ten
        if p.gioi_tinh == "nam":
            assert "Thị" not in middles


def test_family_names(population: list[Person], by_id: dict[str, Person]) -> None:
    data = names.name_data()
    kinh_families = Counter(
        names.split_kinh_name(p.ho_ten)[0] for p in population if p.dan_toc == names.KINH
    )
    assert set(kinh_families) <= set(data.kinh_families)
    assert kinh_families.most_common(1)[0][0] == "Nguyễn"
    assert 0.2 <= kinh_families["Nguyễn"] / kinh_families.total() <= 0.45
    for p in population:
        father = by_id.get(p.so_dinh_danh_cha or "")
        mother = by_id.get(p.so_dinh_danh_me or "")
        if p.dan_toc == names.KINH and father is not None:
            assert p.ho_ten.split()[0] == father.ho_ten.split()[0]
        if p.dan_toc == names.JRAI and mother is not None:  # matrilineal clan names
            clan = next(c for c in data.jrai_clans if mother.ho_ten.startswith(c + " "))
            assert p.ho_ten.startswith(clan + " ")


def test_minority_naming_styles(population: list[Person]) -> None:
    jrai = [p.ho_ten for p in population if p.dan_toc == names.JRAI]
    bahnar = [p.ho_ten for p in population if p.dan_toc == names.BAHNAR]
    data = names.name_data()
    assert all(any(n.startswith(c + " ") for c in data.jrai_clans) for n in jrai)
    assert any("H'" in n for n in jrai)
    assert any(n.startswith("Đinh ") for n in bahnar)
    assert any(n.startswith(("A ", "Y ")) for n in bahnar)


@pytest.mark.parametrize("dan_toc", names.ETHNIC_GROUPS)
def test_compose_name(dan_toc: str) -> None:
    rng = random.Random(7)
    for i in range(300):
        sex = "nam" if i % 2 else "nu"
        family = names.pick_family_name(rng, dan_toc)
        name = names.compose_name(rng, dan_toc, sex, 1950 + i % 75, family)
        assert unicodedata.is_normalized("NFC", name) and len(name.split()) >= 2
        if dan_toc == names.KINH:
            assert name.split()[0] == family
            assert ("Thị" in name.split()[1:-1]) <= (sex == "nu")
