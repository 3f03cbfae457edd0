"""Khai sinh: who the father is, recognition of the father, the child's surname and ethnicity
(Luật HN&GĐ 2014 Điều 88; NĐ 123/2015 Điều 15; Luật Hộ tịch 2014 Điều 25; BLDS 2015 Điều 26,
29)."""

from __future__ import annotations

from datetime import datetime

import pytest
from builders import (
    alive,
    assert_well_formed,
    child_name,
    error_at,
    errors_of,
    find,
    khai_sinh,
    khai_sinh_for,
    married_couple,
    registry_update,
    unmarried_mother,
)

from tdp.engine import check, submit

AT = datetime(2026, 11, 27, 10, 0)


def run(filing: dict, store):
    result = check("khai_sinh", filing, AT, store)
    assert_well_formed("khai_sinh", result)
    return result


def other_man(people, *not_these: dict) -> dict:
    ids = {p["so_dinh_danh"] for p in not_these}
    return find(people, lambda p: p["gioi_tinh"] == "nam" and alive(p)
                and p["so_dinh_danh"] not in ids and p["ngay_sinh"] < "2000-01-01")


# --- the married mother's husband is the father ---------------------------------------------


def test_the_husband_of_a_married_mother_is_accepted_as_father(people, store) -> None:
    assert run(khai_sinh(people), store).valid


def test_a_married_mother_cannot_leave_the_father_blank(people, store) -> None:
    mother, husband = married_couple(people)
    result = run(khai_sinh_for(mother, None), store)
    error = error_at(result, "cha")
    assert error.code == "thieu_cha_la_chong_cua_me"
    assert "Điều 88" in error.message
    assert husband["ho_ten"] not in error.message


def test_a_married_mother_cannot_name_another_man(people, store) -> None:
    mother, husband = married_couple(people)
    stranger = other_man(people, mother, husband)
    filing = khai_sinh_for(mother, stranger, nhan_cha_con=True,
                           giay_to=("giay_chung_sinh", "chung_cu_cha_con"))
    result = run(filing, store)
    error = error_at(result, "cha")
    assert error.code == "cha_phai_la_chong_cua_me"
    assert "Điều 88" in error.message and "chồng" in error.message
    assert not result.valid


# --- unmarried parents: birth combined with recognition of the father ----------------------


@pytest.mark.parametrize("status", ["doc_than", "ly_hon", "goa"])
def test_an_unmarried_mother_with_no_father_is_accepted(people, store, status) -> None:
    mother = unmarried_mother(people, status=status)
    assert run(khai_sinh_for(mother, None), store).valid


def test_naming_the_father_of_an_unmarried_mother_needs_recognition_and_proof(
    people, store
) -> None:
    mother = unmarried_mother(people)
    father = other_man(people, mother)
    result = run(khai_sinh_for(mother, father), store)
    assert errors_of(result) == [("nhan_cha_con", "can_nhan_cha_con"),
                                 ("giay_to", "thieu_chung_cu_cha_con")]
    result = run(khai_sinh_for(mother, father, nhan_cha_con=True), store)
    assert errors_of(result) == [("giay_to", "thieu_chung_cu_cha_con")]
    assert "Chứng cứ chứng minh quan hệ cha con" in result.errors[0].message
    result = run(khai_sinh_for(mother, father, giay_to=("giay_chung_sinh", "chung_cu_cha_con")),
                 store)
    assert errors_of(result) == [("nhan_cha_con", "can_nhan_cha_con")]


@pytest.mark.parametrize("yes", [True, "true", "có"])
def test_recognition_with_proof_is_accepted_and_the_receipt_calls_the_father(
    people, store, yes
) -> None:
    mother = unmarried_mother(people)
    father = other_man(people, mother)
    filing = khai_sinh_for(mother, father, nhan_cha_con=yes,
                           giay_to=("giay_chung_sinh", "chung_cu_cha_con"))
    filing["tre"]["ho_ten"] = child_name(father, "Bảo An")  # the father's surname is lawful too
    result = submit("khai_sinh", filing, AT, store)
    assert result.valid, errors_of(result)
    assert any("người cha phải trực tiếp có mặt" in step for step in result.next_steps)


def test_without_recognition_the_receipt_does_not_call_the_father(people, store) -> None:
    result = submit("khai_sinh", khai_sinh(people), AT, store)
    assert result.valid
    assert not any("người cha phải trực tiếp có mặt" in step for step in result.next_steps)


def test_recognition_without_a_father_is_refused(people, store) -> None:
    mother = unmarried_mother(people)
    result = run(khai_sinh_for(mother, None, nhan_cha_con=True), store)
    assert errors_of(result) == [("nhan_cha_con", "nhan_cha_con_chua_co_cha")]


# --- surname and ethnicity -----------------------------------------------------------------


def test_the_child_may_take_the_fathers_or_the_mothers_surname(people, store) -> None:
    mother, father = married_couple(people)
    for parent in (mother, father):
        filing = khai_sinh(people)
        filing["tre"]["ho_ten"] = child_name(parent, "Minh Khang").upper()  # case-insensitive
        assert run(filing, store).valid, parent["ho_ten"]


def test_a_surname_of_neither_parent_is_refused(people, store) -> None:
    mother, father = married_couple(people)
    surnames = {mother["ho_ten"].split()[0], father["ho_ten"].split()[0]}
    other = next(s for s in ("Lò", "Quàng", "Ksor", "Siu") if s not in surnames)
    filing = khai_sinh(people)
    filing["tre"]["ho_ten"] = f"{other} Minh Khang"
    error = error_at(run(filing, store), "tre.ho_ten")
    assert error.code == "ho_cua_tre_theo_cha_me"
    assert "Điều 26" in error.message


def test_with_no_father_the_surname_and_ethnicity_follow_the_mother(people, store) -> None:
    mother = unmarried_mother(people)
    other_surname = next(s for s in ("Lò", "Quàng") if s != mother["ho_ten"].split()[0])
    filing = khai_sinh_for(mother, None)
    filing["tre"]["ho_ten"] = f"{other_surname} Bảo An"
    error = error_at(run(filing, store), "tre.ho_ten")
    assert error.code == "ho_cua_tre_theo_me"
    other = "Kinh" if mother["dan_toc"] != "Kinh" else "Gia Rai"
    filing = khai_sinh_for(mother, None)
    filing["tre"]["dan_toc"] = other
    error = error_at(run(filing, store), "tre.dan_toc")
    assert error.code == "dan_toc_cua_tre_theo_me"
    assert mother["dan_toc"] in error.message and "Điều 29" in error.message


def test_the_ethnicity_is_the_fathers_or_the_mothers_in_the_registry(people, store) -> None:
    mother, father = married_couple(people)
    registry_update(store, father["so_dinh_danh"], dan_toc="Ba Na")
    filing = khai_sinh(people)
    for ethnicity in ("ba na", mother["dan_toc"]):
        filing["tre"]["dan_toc"] = ethnicity
        assert run(filing, store).valid, ethnicity
    filing["tre"]["dan_toc"] = "Ê Đê"
    assert error_at(run(filing, store), "tre.dan_toc").code == "dan_toc_cua_tre_theo_cha_me"
