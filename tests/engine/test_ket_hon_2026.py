"""Kết hôn under the 2026 reading: kinship within three generations, step and in-law relations
as the registry records them (Luật HN&GĐ 2014 Điều 5 khoản 2 điểm d, Điều 3 khoản 17–18), and
data-first proof that a previous marriage ended (NĐ 18/2026/NĐ-CP)."""

from __future__ import annotations

from datetime import datetime

import pytest
from builders import (
    alive,
    assert_well_formed,
    error_at,
    errors_of,
    ket_hon,
    registry_update,
)

from tdp.catalog import load_catalog
from tdp.engine import check, submit
from tdp.registry import MarriageEnd

AT = datetime(2026, 11, 27, 10, 0)
JUDGMENT = MarriageEnd("ly_hon", "35/2019/HNGĐ-ST", "2019-06-14",
                       "Tòa án nhân dân thành phố Pleiku")


def run(filing: dict, store):
    result = check("ket_hon", filing, AT, store)
    assert_well_formed("ket_hon", result)
    return result


def others(people, filing: dict, n: int) -> list[str]:
    """n people unrelated to the two partners, to be their relatives in this test's registry."""
    taken = {filing["ben_nam"]["so_dinh_danh"], filing["ben_nu"]["so_dinh_danh"]}
    for p in people:
        if p["so_dinh_danh"] in taken:
            taken |= {p["so_dinh_danh_cha"], p["so_dinh_danh_me"]} - {None}
    found = [p["so_dinh_danh"] for p in people
             if alive(p) and p["so_dinh_danh"] not in taken and p["ngay_sinh"] < "1975-01-01"]
    return found[:n]


def ids(filing: dict) -> tuple[str, str]:
    return filing["ben_nam"]["so_dinh_danh"], filing["ben_nu"]["so_dinh_danh"]


def kin(store, filing: dict) -> str:
    result = run(filing, store)
    error = error_at(result, "ben_nu.so_dinh_danh")
    assert error.code == "cam_ket_hon_huyet_thong"
    return error.message


def test_first_cousins_cannot_marry(people, store) -> None:
    filing = ket_hon(people)
    man, woman = ids(filing)
    grandfather, uncle, aunt = others(people, filing, 3)
    registry_update(store, uncle, so_dinh_danh_cha=grandfather)
    registry_update(store, aunt, so_dinh_danh_cha=grandfather)
    registry_update(store, man, so_dinh_danh_cha=uncle, so_dinh_danh_me=None)
    registry_update(store, woman, so_dinh_danh_me=aunt, so_dinh_danh_cha=None)
    message = kin(store, filing)
    assert "anh chị em họ" in message and "Điều 3 khoản 18" in message


def test_half_siblings_are_not_called_full_siblings(people, store) -> None:
    filing = ket_hon(people)
    man, woman = ids(filing)
    father, mother_a, mother_b = others(people, filing, 3)
    registry_update(store, man, so_dinh_danh_cha=father, so_dinh_danh_me=mother_a)
    registry_update(store, woman, so_dinh_danh_cha=father, so_dinh_danh_me=mother_b)
    message = kin(store, filing)
    assert "cùng cha khác mẹ" in message
    assert "ruột" not in message


def test_uncle_and_niece_cannot_marry(people, store) -> None:
    filing = ket_hon(people)
    man, woman = ids(filing)
    grandfather, grandmother, mother = others(people, filing, 3)
    registry_update(store, man, so_dinh_danh_cha=grandfather, so_dinh_danh_me=grandmother)
    registry_update(store, mother, so_dinh_danh_cha=grandfather, so_dinh_danh_me=grandmother)
    registry_update(store, woman, so_dinh_danh_me=mother, so_dinh_danh_cha=None)
    assert "chú, bác, cô, cậu, dì và cháu" in kin(store, filing)


def test_a_stepfather_cannot_marry_his_former_wifes_daughter(people, store) -> None:
    filing = ket_hon(people)
    man, woman = ids(filing)
    (mother,) = others(people, filing, 1)
    registry_update(store, woman, so_dinh_danh_me=mother)
    registry_update(store, man, tinh_trang_hon_nhan="ly_hon",
                    cham_dut_hon_nhan=MarriageEnd("ly_hon", "7/2022/HNGĐ-ST", "2022-03-01",
                                                  "Tòa án nhân dân thành phố Pleiku",
                                                  so_dinh_danh_vo_chong_cu=mother))
    filing["giay_to"] = ["ban_an_ly_hon"]
    assert "cha dượng, mẹ kế" in kin(store, filing)


def test_unrelated_partners_may_marry(people, store) -> None:
    assert run(ket_hon(people), store).valid


# --- a previous marriage ended: the record's details, or the paper that fits ---------------


@pytest.fixture
def divorced_man(people, store) -> dict:
    filing = ket_hon(people)
    man, _ = ids(filing)
    registry_update(store, man, tinh_trang_hon_nhan="ly_hon", cham_dut_hon_nhan=JUDGMENT)
    return filing


def details(record: MarriageEnd, **changes: str) -> dict:
    data = {"loai": record.loai, "so": record.so, "ngay": record.ngay, "co_quan": record.co_quan}
    return {**data, **changes}


def test_the_records_details_are_enough_without_the_paper(divorced_man, store) -> None:
    divorced_man["ben_nam"]["cham_dut_hon_nhan"] = details(
        JUDGMENT, so=" 35/2019/hngđ-st ", co_quan="tòa án nhân dân  thành phố Pleiku")
    assert run(divorced_man, store).valid


@pytest.mark.parametrize("change", [{"so": "36/2019/HNGĐ-ST"}, {"ngay": "2019-06-15"},
                                    {"co_quan": "Tòa án nhân dân tỉnh Gia Lai"},
                                    {"loai": "vo_chong_chet"}])
def test_details_that_do_not_match_the_registry_are_refused(divorced_man, store, change) -> None:
    divorced_man["ben_nam"]["cham_dut_hon_nhan"] = details(JUDGMENT, **change)
    result = run(divorced_man, store)
    error = error_at(result, "ben_nam.cham_dut_hon_nhan")
    assert error.code == "cham_dut_hon_nhan_khong_khop"
    assert JUDGMENT.so not in error.message  # the registry's record stays private
    assert "Bản án hoặc quyết định ly hôn" in error.message


def test_without_details_the_paper_that_fits_is_needed(divorced_man, store) -> None:
    assert errors_of(run(divorced_man, store)) == [("giay_to", "thieu_giay_to_hon_nhan_truoc")]
    divorced_man["giay_to"] = ["trich_luc_khai_tu"]
    error = error_at(run(divorced_man, store), "giay_to")
    assert error.code == "giay_to_hon_nhan_truoc_sai"
    assert "Bản án hoặc quyết định ly hôn" in error.message
    divorced_man["giay_to"] = ["ban_an_ly_hon"]
    assert run(divorced_man, store).valid


def test_half_filled_details_are_checked_field_by_field(divorced_man, store) -> None:
    divorced_man["ben_nam"]["cham_dut_hon_nhan"] = {"loai": "ly_hon", "so": "35/2019/HNGĐ-ST"}
    assert errors_of(run(divorced_man, store)) == [
        ("ben_nam.cham_dut_hon_nhan.ngay", "bat_buoc"),
        ("ben_nam.cham_dut_hon_nhan.co_quan", "bat_buoc")]


def test_a_widow_proves_it_with_the_former_spouses_death_extract(people, store) -> None:
    filing = ket_hon(people)
    _, woman = ids(filing)
    death = MarriageEnd("vo_chong_chet", "112/2021", "2021-08-02", "UBND Phường Pleiku")
    registry_update(store, woman, tinh_trang_hon_nhan="goa", cham_dut_hon_nhan=death)
    filing["giay_to"] = ["ban_an_ly_hon"]
    assert errors_of(run(filing, store)) == [("giay_to", "giay_to_hon_nhan_truoc_sai")]
    filing["giay_to"] = ["trich_luc_khai_tu"]
    assert run(filing, store).valid
    filing["giay_to"] = []
    filing["ben_nu"]["cham_dut_hon_nhan"] = details(death)
    assert run(filing, store).valid


# --- receipt and legal basis ---------------------------------------------------------------


def test_the_receipt_says_both_come_in_person_and_cites_the_five_days(people, store) -> None:
    result = submit("ket_hon", ket_hon(people), AT, store)
    assert result.valid
    steps = " ".join(result.next_steps)
    assert "Cả hai bên" in steps and "có mặt" in steps
    assert "Luật Hộ tịch 2014, Điều 18 khoản 2" in steps


def test_the_legal_basis_puts_the_verification_in_the_law_not_the_decree() -> None:
    basis = load_catalog().procedure("ket_hon").legal_basis
    assert any("Luật Hộ tịch 2014, Điều 17" in b and "khoản 2" in b for b in basis)
    assert not any(b.startswith("Nghị định 123/2015/NĐ-CP, Điều 18") for b in basis)


def test_number_date_and_agency_are_enough_without_the_kind(divorced_man, store) -> None:
    given = details(JUDGMENT)
    del given["loai"]
    divorced_man["ben_nam"]["cham_dut_hon_nhan"] = given
    assert run(divorced_man, store).valid
