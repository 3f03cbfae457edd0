"""Kinship within three generations (Luật HN&GĐ 2014 Điều 5.2.d, Điều 3.17–18), asked of real
registry people. Expected pairs come from an oracle that walks the links DOWN from each
ancestor or spouse, the module walks UP from the two people: two ways to the same answer."""

from __future__ import annotations

import random
import unicodedata
from collections import defaultdict
from datetime import date
from itertools import combinations

import pytest

from tdp.registry.generate import PILOT_GROUPS, generate_population
from tdp.registry.kinship import LABELS, forbidden_kinship, parents, spouses
from tdp.registry.person import Person
from tdp.registry.samples import PeopleIndex, kin_pairs, may_marry

ON = date(2026, 11, 27)

# Each relation the law names, found among unmarried people of marrying age of the other sex.
KINDS = [
    "cha_me_con", "ong_ba_chau", "anh_chi_em_ruot", "anh_chi_em_cung_cha_khac_me",
    "anh_chi_em_cung_me_khac_cha", "chu_bac_co_di_chau", "anh_chi_em_ho",
    "cha_me_nuoi_con_nuoi", "cha_me_ke_con_rieng", "cha_me_chong_vo_con_dau_re",
]  # fmt: skip
# Where the older generation can be a man or a woman, both occur.
BOTH_SEXES_OF_ELDER = ["cha_me_con", "ong_ba_chau", "chu_bac_co_di_chau", "cha_me_nuoi_con_nuoi",
                       "cha_me_ke_con_rieng", "cha_me_chong_vo_con_dau_re"]


@pytest.fixture(scope="module")
def index() -> PeopleIndex:
    return PeopleIndex(generate_population(PILOT_GROUPS))


@pytest.fixture(scope="module")
def found(index: PeopleIndex) -> dict[str, list[tuple[Person, Person]]]:
    result: dict[str, list[tuple[Person, Person]]] = defaultdict(list)
    for code in KINDS:
        result[code] = list(kin_pairs(index, code, ON))  # type: ignore[arg-type]
    return result


def oracle(index: PeopleIndex) -> dict[frozenset[str], set[str]]:
    """Pair → every relation code that holds, computed downwards from the links."""
    rel: dict[frozenset[str], set[str]] = defaultdict(set)

    def add(a: str, b: str, code: str) -> None:
        if a != b:
            rel[frozenset((a, b))].add(code)

    kids = {p.so_dinh_danh: index.children_of(p.so_dinh_danh) for p in index}
    for g in index:
        children = kids[g.so_dinh_danh]
        for c in children:
            add(g.so_dinh_danh, c.so_dinh_danh, "cha_me_con")
            for gc in kids[c.so_dinh_danh]:
                add(g.so_dinh_danh, gc.so_dinh_danh, "ong_ba_chau")
        for c1, c2 in combinations(children, 2):
            if c1.so_dinh_danh_cha == c2.so_dinh_danh_cha and (
                    c1.so_dinh_danh_me == c2.so_dinh_danh_me):
                add(c1.so_dinh_danh, c2.so_dinh_danh, "anh_chi_em_ruot")
            elif c1.so_dinh_danh_cha == c2.so_dinh_danh_cha:
                add(c1.so_dinh_danh, c2.so_dinh_danh, "anh_chi_em_cung_cha_khac_me")
            else:
                add(c1.so_dinh_danh, c2.so_dinh_danh, "anh_chi_em_cung_me_khac_cha")
            for a, b in ((c1, c2), (c2, c1)):
                for nephew in kids[b.so_dinh_danh]:
                    add(a.so_dinh_danh, nephew.so_dinh_danh, "chu_bac_co_di_chau")
                    for cousin in kids[a.so_dinh_danh]:
                        add(cousin.so_dinh_danh, nephew.so_dinh_danh, "anh_chi_em_ho")
    for p in index:
        for adopter in p.cha_me_nuoi:
            add(adopter, p.so_dinh_danh, "cha_me_nuoi_con_nuoi")
        for sid in spouses(p):
            for child in kids.get(sid, []):  # the spouse's child, not p's own
                if p.so_dinh_danh not in parents(child):
                    add(p.so_dinh_danh, child.so_dinh_danh, "cha_me_ke_con_rieng")
            spouse = index.get(sid)
            for pid in parents(spouse) if spouse else ():
                add(pid, p.so_dinh_danh, "cha_me_chong_vo_con_dau_re")
    return rel


@pytest.mark.parametrize("code", KINDS)
def test_each_relation_occurs_among_people_free_to_marry(found, code: str) -> None:
    pairs = found[code]
    assert len(pairs) >= 3, f"{code}: {len(pairs)} pairs"
    for man, woman in pairs:
        assert man.gioi_tinh == "nam" and woman.gioi_tinh == "nu"
        assert may_marry(man, ON) and may_marry(woman, ON)


@pytest.mark.parametrize("code", BOTH_SEXES_OF_ELDER)
def test_the_elder_is_a_man_in_some_pairs_and_a_woman_in_others(index, found, code) -> None:
    elders = {index.get(forbidden_kinship(index, m, w).elder).gioi_tinh  # type: ignore
              for m, w in found[code]}
    assert elders == {"nam", "nu"}, code


def test_the_module_agrees_with_the_downward_oracle(index: PeopleIndex) -> None:
    """Every pair the oracle relates gets a forbidden relation, one the oracle lists when it is
    the closest; both orders give the same answer."""
    order = {code: i for i, code in enumerate(KINDS)}
    rel = oracle(index)
    assert len(rel) > 3000
    for pair, codes in rel.items():
        a, b = (index.get(i) for i in sorted(pair))
        assert a is not None and b is not None
        kin = forbidden_kinship(index, a, b)
        assert kin is not None, (sorted(pair), codes)
        assert kin.code == min(codes, key=order.__getitem__), (sorted(pair), codes, kin)
        assert forbidden_kinship(index, b, a) == kin


def test_unrelated_pairs_are_not_kin(index: PeopleIndex) -> None:
    rel = oracle(index)
    people = [p for p in index if may_marry(p, ON)]
    rng = random.Random(13)
    checked = 0
    while checked < 3000:
        a, b = rng.sample(people, 2)
        if frozenset((a.so_dinh_danh, b.so_dinh_danh)) in rel:
            continue
        assert forbidden_kinship(index, a, b) is None, (a.so_dinh_danh, b.so_dinh_danh)
        checked += 1


def test_families_span_households(index: PeopleIndex) -> None:
    """Heads of different households who are siblings; grandparents living elsewhere or dead."""
    heads = [p for p in index if p.quan_he_chu_ho == "chu_ho"]
    sibling_heads = [(a, b) for a, b in combinations(heads, 2)
                     if a.ma_ho != b.ma_ho and parents(a) & parents(b)]
    assert len(sibling_heads) >= 10
    elsewhere = [p for p in index if any(
        (parent := index.get(pid)) is not None and parent.ma_ho != p.ma_ho
        and parent.con_song for pid in parents(p))]
    assert elsewhere
    dead_grandparents = {gid for p in index for pid in parents(p)
                         for gid in parents(index.get(pid))  # type: ignore[arg-type]
                         if not index.get(gid).con_song}  # type: ignore[union-attr]
    assert len(dead_grandparents) >= 10


def test_former_step_and_in_law_relations_count(index: PeopleIndex, found) -> None:
    """The marriage that made them step-parent or in-law has ended (death or divorce): the
    relation still forbids marrying (Điều 5.2.d: 'người đã từng là ...')."""
    for code in ("cha_me_ke_con_rieng", "cha_me_chong_vo_con_dau_re"):
        for man, woman in found[code]:
            kin = forbidden_kinship(index, man, woman)
            elder = index.get(kin.elder)  # type: ignore[arg-type]
            assert elder.tinh_trang_hon_nhan in ("goa", "ly_hon")  # type: ignore[union-attr]


def test_adoption_read_from_the_record(index: PeopleIndex) -> None:
    """Any record naming an adoptive parent is read (not only the generated ones)."""
    man, woman = next((m, w) for m, w in ((m, w) for m in index if may_marry(m, ON)
                                          and m.gioi_tinh == "nam"
                                          for w in index if may_marry(w, ON)
                                          and w.gioi_tinh == "nu")
                      if forbidden_kinship(index, m, w) is None)
    adopted = Person.from_json({**woman.to_json(), "cha_me_nuoi": [man.so_dinh_danh]})
    kin = forbidden_kinship(index, man, adopted)
    assert kin is not None and kin.code == "cha_me_nuoi_con_nuoi" and kin.elder == man.so_dinh_danh


def test_labels_say_what_the_law_says() -> None:
    for label in LABELS.values():
        assert unicodedata.is_normalized("NFC", label) and label == label.strip()
    assert "ruột" in LABELS["anh_chi_em_ruot"]
    for half in ("anh_chi_em_cung_cha_khac_me", "anh_chi_em_cung_me_khac_cha"):
        assert "ruột" not in LABELS[half]  # half-siblings are not "anh chị em ruột"
    assert "ba đời" in LABELS["anh_chi_em_ho"]


def test_the_store_gives_the_same_answers(index: PeopleIndex, found, store) -> None:
    """Through the seeded store (RegistryRepo) as through the in-memory index."""
    from tdp.registry.store import RegistryRepo

    with store.reading() as session:
        repo = RegistryRepo(session)
        for code in KINDS:
            for man, woman in found[code][:3]:
                a, b = repo.get(man.so_dinh_danh), repo.get(woman.so_dinh_danh)
                assert a is not None and b is not None
                kin = forbidden_kinship(repo, a, b)
                assert kin is not None and kin.code == code


def test_jrai_families_are_linked_too(found) -> None:
    """Matrilineal Jrai families (the child takes the mother's clan) have cousins and uncles."""
    for code in ("anh_chi_em_ho", "chu_bac_co_di_chau"):
        assert any(m.dan_toc == w.dan_toc == "Gia Rai" for m, w in found[code]), code
