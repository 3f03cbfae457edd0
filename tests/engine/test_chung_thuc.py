"""Chứng thực bản sao điện tử từ bản chính: fees, VNeID level, any commune."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from builders import (
    age_on,
    alive,
    assert_well_formed,
    chung_thuc,
    chung_thuc_for,
    error_at,
    errors_of,
    find,
    person_ref,
)

from tdp.engine import check

AT = datetime(2026, 11, 27, 10, 0)  # a Friday, before 15:00
PROC = "chung_thuc_ban_sao_dien_tu"


def run(filing: dict, at: datetime, store):
    result = check(PROC, filing, at, store)
    assert_well_formed(PROC, result)
    return result


def adult_with_vneid(people, level: int) -> dict:
    return find(people, lambda p: alive(p) and p["vneid_muc"] == level
                and age_on(p, AT.date()) >= 18)


# --- fees ----------------------------------------------------------------------------------


@pytest.mark.parametrize(("pages", "fee"), [
    (1, 2_000),
    (2, 4_000),
    (3, 5_000),
    (5, 7_000),  # domain.md's example: 2×2.000 + 3×1.000
    (197, 199_000),
    (198, 200_000),  # exactly the cap
    (199, 200_000),
    (300, 200_000),  # capped per copy
    (10_000, 200_000),
])
def test_fee_per_copy(people, store, pages: int, fee: int) -> None:
    result = run(chung_thuc(people, pages=(pages,)), AT, store)
    assert result.valid
    assert result.fee == fee


@pytest.mark.parametrize(("pages", "copies", "fee"), [
    ((1,), 3, 6_000),
    ((5,), 2, 14_000),
    ((300,), 2, 400_000),  # the cap is per copy, not per document
    ((1, 2, 3), 1, 11_000),
    ((1, 2, 3, 300), 1, 211_000),
    ((1, 2, 3, 300), 2, 422_000),
    ((5, 5, 5), 100, 2_100_000),
])
def test_fee_times_copies_over_several_documents(people, store, pages, copies, fee) -> None:
    result = run(chung_thuc(people, pages=pages, copies=copies), AT, store)
    assert result.valid
    assert result.fee == fee


def test_each_document_has_its_own_number_of_copies(people, store) -> None:
    filing = chung_thuc(people, pages=(1, 5, 300))
    for item, copies in zip(filing["giay_to_chung_thuc"], (1, 3, 2), strict=True):
        item["so_ban"] = copies
    assert run(filing, AT, store).fee == 2_000 + 3 * 7_000 + 2 * 200_000


def test_numbers_typed_as_text_are_counted(people, store) -> None:
    filing = chung_thuc(people)
    filing["giay_to_chung_thuc"][0].update(so_trang="5", so_ban=" 2 ")
    result = run(filing, AT, store)
    assert (result.valid, result.fee) == (True, 14_000)


# --- the list of documents -----------------------------------------------------------------


@pytest.mark.parametrize("items", [[], None, "missing"])
def test_at_least_one_document(people, store, items) -> None:
    filing = chung_thuc(people)
    if items == "missing":
        del filing["giay_to_chung_thuc"]
    else:
        filing["giay_to_chung_thuc"] = items
    result = run(filing, AT, store)
    assert errors_of(result) == [("giay_to_chung_thuc", "danh_sach_it_qua")]
    assert result.fee == 0


@pytest.mark.parametrize(("key", "value", "code"), [
    ("so_trang", 0, "so_qua_nho"),
    ("so_trang", -3, "so_qua_nho"),
    ("so_trang", 2.5, "so_nguyen_khong_hop_le"),
    ("so_trang", True, "so_nguyen_khong_hop_le"),
    ("so_trang", None, "bat_buoc"),
    ("so_ban", 0, "so_qua_nho"),
    ("so_ban", 101, "so_qua_lon"),
    ("so_ban", "ba", "so_nguyen_khong_hop_le"),
    ("ten", "", "bat_buoc"),
    ("ten", ["Bằng"], "dinh_dang_van_ban"),
])
def test_each_document_is_checked_at_its_own_path(people, store, key, value, code) -> None:
    filing = chung_thuc(people, pages=(1, 5))
    filing["giay_to_chung_thuc"][1][key] = value
    result = run(filing, AT, store)
    assert errors_of(result) == [(f"giay_to_chung_thuc.1.{key}", code)]


def test_an_item_that_is_not_a_record(people, store) -> None:
    filing = chung_thuc(people)
    filing["giay_to_chung_thuc"].append("Bằng tốt nghiệp")
    assert errors_of(run(filing, AT, store)) == [("giay_to_chung_thuc.1", "nhom_khong_hop_le")]


# --- VNeID level 2 -------------------------------------------------------------------------


def test_level_two_is_accepted(people, store) -> None:
    assert run(chung_thuc_for(adult_with_vneid(people, 2)), AT, store).valid


def test_level_one_is_refused(people, store) -> None:
    person = adult_with_vneid(people, 1)
    result = run(chung_thuc_for(person), AT, store)
    error = error_at(result, "nguoi_yeu_cau.so_dinh_danh")
    assert error.code == "chua_du_muc_vneid"
    assert person["ho_ten"] in error.message
    assert errors_of(result) == [("nguoi_yeu_cau.so_dinh_danh", "chua_du_muc_vneid")]


def test_no_account_is_refused(people, store) -> None:
    person = adult_with_vneid(people, 0)
    result = run(chung_thuc_for(person), AT, store)
    assert errors_of(result) == [("nguoi_yeu_cau.so_dinh_danh", "khong_co_tai_khoan_vneid")]
    assert person["ho_ten"] in result.errors[0].message


def test_a_dead_requester_is_refused(people, store) -> None:
    dead = find(people, lambda p: not alive(p))
    filing = {**chung_thuc(people), "nguoi_yeu_cau": person_ref(dead)}
    assert ("nguoi_yeu_cau.so_dinh_danh", "nguoi_da_mat") in errors_of(run(filing, AT, store))


# --- any commune ---------------------------------------------------------------------------


@pytest.mark.parametrize("co_quan", ["thong_nhat", "pleiku", " pleiku "])
def test_any_commune_certifies(people, store, co_quan: str) -> None:
    for person in (adult_with_vneid(people, 2), find(
            people, lambda p: alive(p) and p["vneid_muc"] == 2 and age_on(p, AT.date()) >= 18
            and p["noi_cu_tru"]["co_quan"] != "thong_nhat")):
        assert run(chung_thuc_for(person, co_quan=co_quan), AT, store).valid


def test_an_unknown_commune_is_refused(people, store) -> None:
    result = run({**chung_thuc(people), "co_quan": "phuong_dong_da"}, AT, store)
    assert errors_of(result) == [("co_quan", "co_quan_khong_ton_tai")]
    assert "phuong_dong_da" in result.errors[0].message


# --- same day ------------------------------------------------------------------------------


@pytest.mark.parametrize(("at", "appointment"), [
    (datetime(2026, 11, 27, 14, 59), date(2026, 11, 27)),
    (datetime(2026, 11, 27, 15, 0), date(2026, 11, 30)),
    (datetime(2026, 11, 28, 10, 0), date(2026, 11, 30)),  # Saturday
    (datetime(2026, 11, 23, 15, 0), date(2026, 11, 25)),  # 24/11: Ngày Văn hóa Việt Nam
    (datetime(2027, 2, 3, 15, 0), date(2027, 2, 11)),  # Tết 2027: 4–10/2
    (datetime(2027, 2, 10, 8, 0), date(2027, 2, 11)),
    (datetime(2027, 4, 29, 15, 0), date(2027, 5, 4)),  # 30/4, weekend, 3/5 observed
    (datetime(2027, 5, 3, 9, 0), date(2027, 5, 4)),  # on the observed day itself
])
def test_same_day_unless_after_15_or_closed(people, store, at, appointment) -> None:
    result = run(chung_thuc(people), at, store)
    assert result.valid
    assert result.appointment == appointment
