"""Records besides family links: the end of each ended marriage, and fee exemptions."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date

import pytest

from tdp.registry.generate import PILOT_GROUPS, REFERENCE_DATE, generate_population
from tdp.registry.person import BENEFITS, Person
from tdp.registry.records import TWO_LEVEL_GOVERNMENT

JUDGMENT = re.compile(r"[1-9][0-9]{0,2}/(19|20)[0-9]{2}/(QĐST-HNGĐ|HNGĐ-ST)")
DEATH_REGISTRATION = re.compile(r"[1-9][0-9]{0,2}/(19|20)[0-9]{2}")


@pytest.fixture(scope="module")
def population() -> list[Person]:
    return generate_population(PILOT_GROUPS)


@pytest.fixture(scope="module")
def by_id(population: list[Person]) -> dict[str, Person]:
    return {p.so_dinh_danh: p for p in population}


def born(p: Person) -> date:
    return date.fromisoformat(p.ngay_sinh)


def test_exactly_the_divorced_and_widowed_hold_a_record(population: list[Person]) -> None:
    kinds = Counter()
    for p in population:
        end = p.cham_dut_hon_nhan
        if p.tinh_trang_hon_nhan in ("doc_than", "da_ket_hon"):
            assert end is None, p.so_dinh_danh
            continue
        assert end is not None, p.so_dinh_danh
        assert end.loai == ("ly_hon" if p.tinh_trang_hon_nhan == "ly_hon" else "vo_chong_chet")
        kinds[end.loai] += 1
    assert kinds["ly_hon"] > 50 and kinds["vo_chong_chet"] > 200


def test_record_details(population: list[Person], by_id: dict[str, Person]) -> None:
    for p in population:
        end = p.cham_dut_hon_nhan
        if end is None:
            continue
        on = date.fromisoformat(end.ngay)
        assert (on - born(p)).days >= 18 * 365, p.so_dinh_danh
        assert on < (date.fromisoformat(p.ngay_mat) if p.ngay_mat else REFERENCE_DATE)
        for kid in population:  # a divorced pair married after the stepchild's birth
            if p.so_dinh_danh in (kid.so_dinh_danh_cha, kid.so_dinh_danh_me) and (
                    end.loai == "ly_hon" and end.so_dinh_danh_vo_chong_cu):
                assert born(kid) < on, (p.so_dinh_danh, kid.so_dinh_danh)
        if end.loai == "ly_hon":
            assert JUDGMENT.fullmatch(end.so) and end.so.split("/")[1] == str(on.year)
            assert end.co_quan.startswith("Tòa án nhân dân ")
            assert on < TWO_LEVEL_GOVERNMENT  # judged by a district court, which then existed
        else:
            assert DEATH_REGISTRATION.fullmatch(end.so) and end.so.endswith(str(on.year))
            assert end.co_quan.startswith("Ủy ban nhân dân ")
            old = on < TWO_LEVEL_GOVERNMENT
            assert ("phường Yên Thế" in end.co_quan or "phường Hội Thương" in end.co_quan) == old
            assert ("phường Thống Nhất" in end.co_quan or "phường Pleiku" in end.co_quan) != old


def test_a_widow_s_record_is_her_husband_s_death(population: list[Person],
                                                 by_id: dict[str, Person]) -> None:
    linked = 0
    for p in population:
        end = p.cham_dut_hon_nhan
        if end is None or end.so_dinh_danh_vo_chong_cu is None:
            continue
        former = by_id[end.so_dinh_danh_vo_chong_cu]
        assert former.gioi_tinh != p.gioi_tinh
        if end.loai == "vo_chong_chet":
            assert not former.con_song and former.ngay_mat == end.ngay
            assert former.so_dinh_danh_vo_chong == p.so_dinh_danh
            linked += 1
        else:  # a divorced pair shares one judgment
            other = former.cham_dut_hon_nhan
            assert former.tinh_trang_hon_nhan == "ly_hon" and other is not None
            assert (other.so, other.ngay, other.co_quan) == (end.so, end.ngay, end.co_quan)
            assert other.so_dinh_danh_vo_chong_cu == p.so_dinh_danh
    assert linked > 30
    for dead in population:  # and every recorded death that widowed someone is on their record
        spouse = by_id.get(dead.so_dinh_danh_vo_chong or "")
        if not dead.con_song and spouse is not None and spouse.tinh_trang_hon_nhan == "goa":
            assert spouse.cham_dut_hon_nhan is not None
            assert spouse.cham_dut_hon_nhan.so_dinh_danh_vo_chong_cu == dead.so_dinh_danh


def test_divorced_pairs_exist(population: list[Person]) -> None:
    pairs = [p for p in population if p.cham_dut_hon_nhan and p.cham_dut_hon_nhan.loai == "ly_hon"
             and p.cham_dut_hon_nhan.so_dinh_danh_vo_chong_cu]
    assert len(pairs) >= 4


def test_fee_exemptions(population: list[Person]) -> None:
    living = [p for p in population if p.con_song]
    exempt = [p for p in living if p.uu_dai]
    assert 0.02 <= len(exempt) / len(living) <= 0.08  # "a few per cent"
    kinds = Counter(u for p in living for u in p.uu_dai)
    assert set(kinds) == set(BENEFITS)
    for p in population:
        assert len(set(p.uu_dai)) == len(p.uu_dai) and set(p.uu_dai) <= set(BENEFITS)
        if not p.con_song:
            assert p.uu_dai == []
    households: dict[str, list[Person]] = {}
    for p in living:
        households.setdefault(p.ma_ho, []).append(p)
    for members in households.values():  # a poor household is poor for all who live in it
        assert len({"ho_ngheo" in m.uu_dai for m in members}) == 1
        assert len({"co_cong" in m.uu_dai for m in members}) == 1


def test_the_store_keeps_the_new_facts(population: list[Person], store) -> None:
    """What `tdp registry list --json` reads back is what the generator made."""
    from tdp.registry.store import RegistryRepo, to_person, to_row
    from tdp.store.schema import PersonRow

    sample = [p for p in population if p.cham_dut_hon_nhan or p.uu_dai][:50]
    for p in sample:
        assert to_person(PersonRow(**to_row(p))).to_json() == p.to_json()
    with store.reading() as session:
        stored = RegistryRepo(session).all()
    with_records = [p for p in stored if p.cham_dut_hon_nhan is not None]
    assert len(with_records) > 200 and any(p.uu_dai for p in stored)
    for p in stored:
        assert (p.cham_dut_hon_nhan is not None) == (p.tinh_trang_hon_nhan in ("ly_hon", "goa"))


def test_a_registered_death_gives_the_widow_her_record(store) -> None:
    """What `khai_tu` applies: the survivor is widowed and holds the death as the record."""
    from tdp.registry.samples import PeopleIndex, married_couple
    from tdp.registry.store import RegistryRepo

    def work(session) -> None:
        repo = RegistryRepo(session)
        wife, husband = married_couple(PeopleIndex(repo.all()), date(2026, 11, 27))
        repo.record_death(husband.so_dinh_danh, "2026-11-20", "TN1-261127-0001",
                          "Ủy ban nhân dân phường Thống Nhất, tỉnh Gia Lai")
        widow = repo.get(wife.so_dinh_danh)
        assert widow is not None and widow.tinh_trang_hon_nhan == "goa"
        assert widow.so_dinh_danh_vo_chong is None
        end = widow.cham_dut_hon_nhan
        assert end is not None and (end.loai, end.ngay, end.so_dinh_danh_vo_chong_cu) == (
            "vo_chong_chet", "2026-11-20", husband.so_dinh_danh)
        dead = repo.get(husband.so_dinh_danh)
        assert dead is not None and not dead.con_song and dead.ngay_mat == "2026-11-20"

    store.write(work)


def test_a_store_from_an_older_version_is_named_not_crashed_on(tmp_path) -> None:
    from sqlalchemy import text

    from tdp.catalog import load_catalog
    from tdp.errors import InputError
    from tdp.registry.seed import ensure_seeded
    from tdp.store import database

    store = database.Store(f"sqlite:///{tmp_path / 'old.sqlite'}")
    with store.engine.begin() as conn:  # as the version before issue 13 made it
        conn.execute(text("ALTER TABLE persons DROP COLUMN uu_dai"))
    with pytest.raises(InputError, match="phiên bản cũ.*uu_dai.*var"):
        ensure_seeded(store, load_catalog())
    store.dispose()


@pytest.mark.parametrize("stored", [None, "2"])
def test_a_registry_seeded_by_another_edition_is_named(tmp_path, stored: str | None) -> None:
    from tdp.catalog import load_catalog
    from tdp.errors import InputError
    from tdp.registry.generate import EDITION
    from tdp.registry.seed import ensure_seeded
    from tdp.registry.store import EDITION_KEY
    from tdp.store import database
    from tdp.store.schema import Meta

    url = f"sqlite:///{tmp_path / 'old.sqlite'}"
    store = database.Store(url)
    ensure_seeded(store, load_catalog())
    store.dispose()

    def age(session) -> None:  # as a store an earlier edition (or no edition) made
        row = session.get(Meta, EDITION_KEY)
        if stored is None:
            session.delete(row)
        else:
            row.value = stored

    database.Store(url).write(age)
    again = database.Store(url)
    with pytest.raises(InputError, match=f"phiên bản cũ.*nay là bản {EDITION}.*var"):
        ensure_seeded(again, load_catalog())
    again.dispose()
