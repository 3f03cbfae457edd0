"""Finding sample people for a role (used by tests now, by lessons and exercises later)."""

from __future__ import annotations

from datetime import date

import pytest

from tdp.catalog import load_catalog
from tdp.registry import samples
from tdp.registry.ages import full_years_iso
from tdp.registry.generate import PILOT_GROUPS, generate_population
from tdp.registry.kinship import forbidden_kinship

ON = date(2026, 11, 27)


@pytest.fixture(scope="module")
def index() -> samples.PeopleIndex:
    return samples.PeopleIndex(generate_population(PILOT_GROUPS))


def test_marrying_ages_are_the_catalog_s() -> None:
    assert samples.marrying_ages(load_catalog()) == samples.MARRYING_AGE


@pytest.mark.parametrize("sex", ["nam", "nu"])
@pytest.mark.parametrize("commune", ["thong_nhat", "pleiku"])
def test_unmarried_adult(index, sex: str, commune: str) -> None:
    first = samples.unmarried_adult(index, sex, ON, commune=commune)  # type: ignore[arg-type]
    second = samples.unmarried_adult(index, sex, ON, commune=commune, skip=1)  # type: ignore
    assert first is not second
    for p in (first, second):
        assert p.gioi_tinh == sex and p.con_song and p.tinh_trang_hon_nhan == "doc_than"
        assert p.noi_cu_tru.co_quan == commune and not p.uu_dai
        assert full_years_iso(p.ngay_sinh, ON) >= samples.MARRYING_AGE[sex]  # type: ignore


@pytest.mark.parametrize("level", [0, 1, 2])
def test_vneid_holder(index, level: int) -> None:
    p = samples.vneid_holder(index, level, ON)
    assert p.vneid_muc == level and p.con_song and full_years_iso(p.ngay_sinh, ON) >= 18


def test_married_couple_and_records(index) -> None:
    wife, husband = samples.married_couple(index, ON)
    assert wife.so_dinh_danh_vo_chong == husband.so_dinh_danh
    assert husband.so_dinh_danh_vo_chong == wife.so_dinh_danh and husband.con_song
    for loai in ("ly_hon", "vo_chong_chet"):
        p = samples.former_spouse_record(index, loai, "nu", ON)  # type: ignore[arg-type]
        assert p.cham_dut_hon_nhan is not None and p.cham_dut_hon_nhan.loai == loai


@pytest.mark.parametrize("code", ["anh_chi_em_ho", "chu_bac_co_di_chau", "cha_me_ke_con_rieng",
                                  "cha_me_chong_vo_con_dau_re", "anh_chi_em_cung_me_khac_cha"])
def test_kin_pair(index, code: str) -> None:
    man, woman = samples.kin_pair(index, code, ON)  # type: ignore[arg-type]
    kin = forbidden_kinship(index, man, woman)
    assert kin is not None and kin.code == code
    assert samples.kin_pair(index, code, ON, skip=1) != (man, woman)  # type: ignore[arg-type]


def test_partner_for_is_unrelated(index) -> None:
    man, woman = samples.kin_pair(index, "anh_chi_em_ho", ON)
    partner = samples.partner_for(index, man, ON)
    assert partner.gioi_tinh == "nu" and samples.unrelated(index, man, partner)
    assert partner is not woman


def test_no_fit_is_a_lookup_error(index) -> None:
    with pytest.raises(LookupError):
        samples.person(index, sex="nam", min_age=120, on=ON)
    with pytest.raises(LookupError):
        samples.kin_pair(index, "anh_chi_em_ho", ON, skip=10_000)
