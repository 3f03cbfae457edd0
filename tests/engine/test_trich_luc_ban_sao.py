"""Cấp bản sao trích lục hộ tịch: the event must be in the registry for that person, any commune,
the same day, copy fee × copies (Luật Hộ tịch 2014, Điều 63–64; Điều 11 khoản 2)."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from builders import (
    alive,
    assert_well_formed,
    error_at,
    errors_of,
    find,
    married_couple,
    registry_update,
    trich_luc_for,
)

from tdp.catalog import load_catalog
from tdp.engine import check, submit
from tdp.registry import MarriageEnd

AT = datetime(2026, 11, 27, 10, 0)  # Friday
COPY = load_catalog().wards.province("gia_lai").fee("ban_sao_trich_luc", AT.date())


def run(filing: dict, store, at: datetime = AT):
    result = check("trich_luc_ban_sao", filing, at, store)
    assert_well_formed("trich_luc_ban_sao", result)
    return result


def single(people) -> dict:
    return find(people, lambda p: alive(p) and p["tinh_trang_hon_nhan"] == "doc_than"
                and p["ngay_sinh"] < "2005-01-01")


def dead(people) -> dict:
    return find(people, lambda p: not p["con_song"])


@pytest.mark.parametrize("so_ban", [1, 2, 7])
@pytest.mark.parametrize("co_quan", ["thong_nhat", "pleiku"])
def test_ones_own_birth_extract_costs_the_copy_fee_per_copy_in_any_commune(
    people, store, so_ban, co_quan
) -> None:
    person = single(people)
    result = run(trich_luc_for(person, person, "ban_than", "khai_sinh", so_ban, co_quan), store)
    assert result.valid, errors_of(result)
    assert (result.fee, result.late, result.appointment) == (COPY * so_ban, False, AT.date())


@pytest.mark.parametrize("so_ban", [0, -1, None])
def test_at_least_one_copy(people, store, so_ban) -> None:
    person = single(people)
    filing = trich_luc_for(person, person, "ban_than", "khai_sinh")
    filing["so_ban"] = so_ban
    assert error_at(run(filing, store), "so_ban").code in ("so_qua_nho", "bat_buoc")


def test_a_marriage_extract_for_a_married_person(people, store) -> None:
    wife, husband = married_couple(people)
    assert run(trich_luc_for(wife, husband, "vo_chong", "ket_hon"), store).valid


def test_a_marriage_extract_for_a_divorced_person_with_the_record(people, store) -> None:
    person = single(people)
    registry_update(store, person["so_dinh_danh"], tinh_trang_hon_nhan="ly_hon",
                    cham_dut_hon_nhan=MarriageEnd("ly_hon", "12/2020/HNGĐ-ST", "2020-05-04",
                                                  "Tòa án nhân dân thành phố Pleiku"))
    assert run(trich_luc_for(person, person, "ban_than", "ket_hon"), store).valid


def test_no_marriage_extract_for_someone_never_married(people, store) -> None:
    person = single(people)
    result = run(trich_luc_for(person, person, "ban_than", "ket_hon"), store)
    error = error_at(result, "su_kien")
    assert error.code == "su_kien_chua_dang_ky"
    assert "kết hôn" in error.message


def test_a_death_extract_for_a_dead_person_is_accepted(people, store) -> None:
    deceased = dead(people)
    requester = single(people)
    result = run(trich_luc_for(deceased, requester, "nguoi_than", "khai_tu"), store)
    assert result.valid, errors_of(result)  # unlike elsewhere, the dead person is the subject


def test_no_death_extract_for_a_living_person(people, store) -> None:
    person = single(people)
    requester = find(people, lambda p: alive(p) and p["so_dinh_danh"] != person["so_dinh_danh"]
                     and p["ngay_sinh"] < "2000-01-01")
    result = run(trich_luc_for(person, requester, "nguoi_than", "khai_tu"), store)
    assert errors_of(result) == [("su_kien", "su_kien_chua_dang_ky")]


def test_a_dead_requester_is_refused(people, store) -> None:
    deceased = dead(people)
    result = run(trich_luc_for(deceased, deceased, "ban_than", "khai_sinh"), store)
    assert ("nguoi_yeu_cau.so_dinh_danh", "nguoi_da_mat") in errors_of(result)


def test_ban_than_must_be_the_person_themself(people, store) -> None:
    wife, husband = married_couple(people)
    result = run(trich_luc_for(wife, husband, "ban_than", "khai_sinh"), store)
    assert errors_of(result) == [("nguoi_yeu_cau.so_dinh_danh",
                                  "nguoi_yeu_cau_khong_phai_ban_than")]


def test_an_authorised_requester_needs_the_letter_of_authorisation(people, store) -> None:
    wife, husband = married_couple(people)
    filing = trich_luc_for(wife, husband, "uy_quyen", "khai_sinh")
    result = run(filing, store)
    assert errors_of(result) == [("giay_to", "thieu_van_ban_uy_quyen_trich_luc")]
    assert "Văn bản ủy quyền" in result.errors[0].message
    filing["giay_to"] = ["van_ban_uy_quyen"]
    assert run(filing, store).valid


def test_the_event_is_one_of_three(people, store) -> None:
    person = single(people)
    filing = trich_luc_for(person, person, "ban_than", "ly_hon")
    assert error_at(run(filing, store), "su_kien").code == "lua_chon_khong_hop_le"
    choices = load_catalog().procedure("trich_luc_ban_sao").field("su_kien").choices
    assert [c.value for c in choices] == ["khai_sinh", "ket_hon", "khai_tu"]


def test_submit_issues_a_receipt_and_changes_nothing(people, store) -> None:
    person = single(people)
    result = submit("trich_luc_ban_sao", trich_luc_for(person, person, "ban_than", "khai_sinh", 3),
                    AT, store)
    assert result.valid and result.receipt
    assert result.receipt.split("-")[1] == AT.strftime("%y%m%d")
    assert result.fee == 3 * COPY
    assert "so_dinh_danh" not in result.to_json()


def test_after_15h_the_copy_is_ready_the_next_working_day(people, store) -> None:
    person = single(people)
    result = run(trich_luc_for(person, person, "ban_than", "khai_sinh"), store,
                 datetime(2026, 11, 27, 15, 0))
    assert result.appointment == date(2026, 11, 30)


def test_legal_basis_cites_articles_63_and_64() -> None:
    basis = " ".join(load_catalog().procedure("trich_luc_ban_sao").legal_basis)
    assert "Điều 63" in basis and "Điều 64" in basis
