"""The naming and family conventions a trainer from Gia Lai checks, over the whole registry:
prefixes by people and sex, names and ethnicity from the right parent, ages that fit, couples
whose statuses agree on both sides, and Bahnar families linked across households as Kinh and
Jrai ones are."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date
from itertools import combinations

import pytest

from tdp.registry import names
from tdp.registry.generate import PILOT_GROUPS, generate_population
from tdp.registry.kinship import parents
from tdp.registry.person import Person
from tdp.registry.samples import PeopleIndex, kin_pairs

ON = date(2026, 11, 27)
YEAR = 365.2425


@pytest.fixture(scope="module")
def index() -> PeopleIndex:
    return PeopleIndex(generate_population(PILOT_GROUPS))


def born(p: Person) -> date:
    return date.fromisoformat(p.ngay_sinh)


def lineal(p: Person) -> str:
    """The name a child inherits, read off the full name (independently of the generator):
    the Jrai clan, the Bahnar "Đinh" ("" for "A"/"Y" alone), the Kinh surname."""
    if p.dan_toc == names.JRAI:
        clans = [c for c in names.name_data().jrai_clans if p.ho_ten.startswith(c + " ")]
        return max(clans, key=len, default="")
    first = p.ho_ten.split()[0]
    if p.dan_toc == names.BAHNAR:
        return first if first == "Đinh" else ""
    return first


def after_clan(p: Person) -> list[str]:
    """A Jrai name without its clan: the words a prefix and a given name are in."""
    clan = lineal(p)
    assert clan, p.ho_ten
    return p.ho_ten[len(clan):].split()


# --------------------------------------------------------------------------- prefixes


def test_no_jrai_man_carries_the_ede_prefix_y(index: PeopleIndex) -> None:
    """ "Y" before a man's name is Ê Đê (Y Ngông Niê Kdăm), not Jrai: a Jrai man is
    "Ksor A Lăng", "Ksor Văn Lăng" or "Ksor Lăng"."""
    jrai_men = [p for p in index if p.dan_toc == names.JRAI and p.gioi_tinh == "nam"]
    assert len(jrai_men) > 200
    prefixed = [p for p in jrai_men if after_clan(p)[0] == "A"]
    assert prefixed  # the Jrai prefix is still in use
    for p in jrai_men:
        rest = after_clan(p)
        assert rest[0] != "Y", p.ho_ten
        assert "Thị" not in rest and not any(w.startswith("H'") for w in rest), p.ho_ten


def test_prefixes_belong_to_one_sex(index: PeopleIndex) -> None:
    """ "A" marks a man (Jrai after the clan, Bahnar alone); "Y" a Bahnar woman; "H'" a Jrai
    woman; "Văn" a man and "Thị" a woman, whatever the people."""
    for p in index:
        words = (after_clan(p) if p.dan_toc == names.JRAI
                 else p.ho_ten.split()[1:] if p.dan_toc == names.KINH  # "Văn" is a surname too
                 else p.ho_ten.split())
        male = {"A", "Văn"} & set(words)
        female = {"Y", "Thị"} & set(words) or any(w.startswith("H'") for w in words)
        if p.gioi_tinh == "nam":
            assert not female, p.ho_ten
        else:
            assert not male, p.ho_ten
        if p.dan_toc != names.BAHNAR:
            assert "Y" not in words, p.ho_ten
        else:  # "H'" is the Jrai and Ê Đê women's prefix; a Bahnar woman's is "Y"
            assert not any(w.startswith("H'") for w in words), p.ho_ten
        if p.dan_toc == names.BAHNAR and words[0] in ("A", "Y"):
            assert len(words) == 2, p.ho_ten  # the prefix and a given name only
        if p.dan_toc == names.BAHNAR and "Y" in words[1:]:
            assert words[-2:-1] == ["Y"], p.ho_ten  # "Đinh Thị Y Blơi": Y before the name


# --------------------------------------------------------------------------- parents


def test_name_and_ethnicity_come_from_the_right_parent(index: PeopleIndex) -> None:
    """Kinh and Bahnar children carry the father's name (Đinh, or none), Jrai children the
    mother's clan; a child's ethnicity is a parent's."""
    checked = Counter()
    for child in index:
        father = index.get(child.so_dinh_danh_cha or "")
        mother = index.get(child.so_dinh_danh_me or "")
        for parent in (father, mother):
            if parent is not None:
                assert child.dan_toc == parent.dan_toc, (child.ho_ten, parent.ho_ten)
        line = mother if child.dan_toc == names.JRAI else father
        if line is not None:
            assert lineal(child) == lineal(line), (child.ho_ten, line.ho_ten)
            checked[child.dan_toc] += 1
    assert all(checked[g] > 20 for g in names.ETHNIC_GROUPS), checked


def test_jrai_parents_are_of_different_clans(index: PeopleIndex) -> None:
    """Jrai clans are exogamous: no couple (living, or parents of a child) shares one."""
    for p in index:
        if p.dan_toc != names.JRAI:
            continue
        spouse = index.get(p.so_dinh_danh_vo_chong or "")
        if spouse is not None:
            assert lineal(spouse) != lineal(p), (p.ho_ten, spouse.ho_ten)
        father, mother = index.get(p.so_dinh_danh_cha or ""), index.get(p.so_dinh_danh_me or "")
        if father is not None and mother is not None:
            assert lineal(father) != lineal(mother), (father.ho_ten, mother.ho_ten)


def test_parents_ages_and_names_fit_their_children(index: PeopleIndex) -> None:
    """A father 20–62 at the birth, a mother 18–45 and alive at it; siblings by one mother at
    least ~10 months apart (or twins); nobody named exactly like a parent."""
    for child in index:
        for pid in parents(child):
            parent = index.get(pid)
            assert parent is not None
            years = (born(child) - born(parent)).days / YEAR
            if parent.gioi_tinh == "nam":
                assert 20 <= years <= 62, (child.so_dinh_danh, years)
            else:
                assert 18 <= years <= 46, (child.so_dinh_danh, years)
                assert parent.ngay_mat is None or parent.ngay_mat >= child.ngay_sinh
            assert parent.ho_ten.casefold() != child.ho_ten.casefold(), child.ho_ten
    by_mother: dict[str, list[Person]] = defaultdict(list)
    for p in index:
        if p.so_dinh_danh_me:
            by_mother[p.so_dinh_danh_me].append(p)
    for kids in by_mother.values():
        for a, b in combinations(sorted(kids, key=born), 2):
            gap = (born(b) - born(a)).days
            assert gap == 0 or gap >= 300, (a.so_dinh_danh, b.so_dinh_danh, gap)


# --------------------------------------------------------------------------- couples


def test_both_sides_of_a_marriage_agree(index: PeopleIndex) -> None:
    """Married now: both married, to each other. Dead while married: the record keeps them
    married to the spouse who was widowed then (as `khai_tu` leaves it), and the survivor's
    `cham_dut_hon_nhan` is that death, naming them. Nobody is anyone else's spouse too."""
    claimed = Counter(p.so_dinh_danh_vo_chong for p in index if p.so_dinh_danh_vo_chong)
    assert max(claimed.values()) == 1
    dead_married = 0
    for p in index:
        spouse = index.get(p.so_dinh_danh_vo_chong or "")
        if p.so_dinh_danh_vo_chong:
            assert spouse is not None and spouse.gioi_tinh != p.gioi_tinh
            assert p.tinh_trang_hon_nhan == "da_ket_hon", (p.so_dinh_danh, p.tinh_trang_hon_nhan)
        elif p.tinh_trang_hon_nhan == "da_ket_hon":
            pytest.fail(f"{p.so_dinh_danh} is married to nobody")
        if spouse is None:
            continue
        if p.con_song and spouse.con_song:
            assert spouse.so_dinh_danh_vo_chong == p.so_dinh_danh
            continue
        if not p.con_song and (spouse.con_song or spouse.ngay_mat > p.ngay_mat):
            dead_married += 1
            assert spouse.tinh_trang_hon_nhan == "goa", spouse.so_dinh_danh
            end = spouse.cham_dut_hon_nhan
            assert end is not None and end.loai == "vo_chong_chet"
            assert (end.ngay, end.so_dinh_danh_vo_chong_cu) == (p.ngay_mat, p.so_dinh_danh)
    assert dead_married > 80


def test_a_record_names_a_former_spouse_who_agrees(index: PeopleIndex) -> None:
    """The other side of a `cham_dut_hon_nhan`: a dead husband or wife is dead from that day
    and still married to the widow(er); a divorced partner holds the same judgment."""
    for p in index:
        end = p.cham_dut_hon_nhan
        if end is None or end.so_dinh_danh_vo_chong_cu is None:
            continue
        former = index.get(end.so_dinh_danh_vo_chong_cu)
        assert former is not None and former.gioi_tinh != p.gioi_tinh
        if end.loai == "vo_chong_chet":
            assert p.tinh_trang_hon_nhan == "goa"
            assert not former.con_song and former.ngay_mat == end.ngay
            assert former.tinh_trang_hon_nhan == "da_ket_hon", former.so_dinh_danh
            assert former.so_dinh_danh_vo_chong == p.so_dinh_danh
        else:
            assert p.tinh_trang_hon_nhan == former.tinh_trang_hon_nhan == "ly_hon"
            other = former.cham_dut_hon_nhan
            assert other is not None and (other.so, other.so_dinh_danh_vo_chong_cu) == (
                end.so, p.so_dinh_danh)


# --------------------------------------------------------------------------- Bahnar families


def test_bahnar_families_span_households(index: PeopleIndex) -> None:
    """Bahnar heads of two households who are brother and sister, so that cousins and an
    uncle or aunt and a nephew or niece exist among unmarried Bahnar adults."""
    heads = [p for p in index if p.dan_toc == names.BAHNAR and p.quan_he_chu_ho == "chu_ho"]
    siblings = [(a, b) for a, b in combinations(heads, 2)
                if a.ma_ho != b.ma_ho and parents(a) & parents(b)]
    assert len(siblings) >= 4
    for code in ("anh_chi_em_ho", "chu_bac_co_di_chau"):
        assert any(m.dan_toc == w.dan_toc == names.BAHNAR and m.ma_ho != w.ma_ho
                   for m, w in kin_pairs(index, code, ON)), code  # type: ignore[arg-type]
