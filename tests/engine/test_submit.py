"""Submitting: receipt codes, what an accepted filing changes in the registry, statuses and
the simulated officer; a refused filing records nothing."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

import pytest
from builders import (
    VALID,
    alive,
    by_id,
    child_name,
    chung_thuc,
    errors_of,
    find,
    ket_hon,
    khai_sinh,
    khai_tu,
    marriage,
    married_couple,
    partner_for,
    person_ref,
    xac_nhan_for,
)

from tdp.catalog import load_catalog
from tdp.engine import advance, check, get_filing, list_filings, submit
from tdp.errors import InputError
from tdp.registry.idnumber import is_consistent, parse_identity_number
from tdp.registry.store import RegistryRepo

AT = datetime(2026, 11, 27, 10, 0)  # a Friday, before 15:00
CATALOG = load_catalog()


def agency(co_quan: str) -> str:
    return CATALOG.wards.commune(co_quan).agency_code


def registry_person(store, number: str):
    with store.reading() as session:
        return RegistryRepo(session).get(number)


def children(store, mother: str) -> list:
    with store.reading() as session:
        return RegistryRepo(session).children_of(mother)


# --- receipt codes -------------------------------------------------------------------------


@pytest.mark.parametrize("procedure", sorted(VALID))
def test_receipt_is_agency_date_and_sequence(people, store, procedure: str) -> None:
    filing = VALID[procedure](people)
    result = submit(procedure, filing, AT, store)
    assert result.valid, errors_of(result)
    code = agency(filing["co_quan"])
    assert re.fullmatch(re.escape(code) + r"-261127-\d{4}", result.receipt)
    assert result.receipt.endswith("-0001")
    assert result.to_json()["receipt"] == result.receipt
    assert result.next_steps and all("{" not in step for step in result.next_steps)


def test_sequence_is_per_agency_per_day(people, store) -> None:
    day2 = AT + timedelta(days=3)  # Monday
    resident = find(people, lambda p: alive(p) and p["tinh_trang_hon_nhan"] == "doc_than"
                    and p["ngay_sinh"] < "2000-01-01"
                    and p["noi_cu_tru"]["co_quan"] == "thong_nhat")
    copy = "chung_thuc_ban_sao_dien_tu"
    seen = [
        submit(copy, chung_thuc(people), AT, store).receipt,
        submit(copy, chung_thuc(people), AT, store).receipt,
        submit(copy, {**chung_thuc(people), "co_quan": "pleiku"}, AT, store).receipt,
        # another procedure at the same agency continues the same sequence, after 15:00 too
        submit("xac_nhan_hon_nhan", xac_nhan_for(resident), AT.replace(hour=16), store).receipt,
        submit(copy, chung_thuc(people), day2, store).receipt,
        submit(copy, chung_thuc(people), AT.replace(hour=23), store).receipt,
    ]
    yt, ht = agency("thong_nhat"), agency("pleiku")
    assert seen == [f"{yt}-261127-0001", f"{yt}-261127-0002", f"{ht}-261127-0001",
                    f"{yt}-261127-0003", f"{yt}-261130-0001", f"{yt}-261127-0004"]


def test_receipt_carries_the_submission_date_not_day_zero(people, store) -> None:
    saturday = datetime(2026, 11, 28, 21, 30)
    result = submit("chung_thuc_ban_sao_dien_tu", chung_thuc(people), saturday, store)
    assert result.receipt == f"{agency('thong_nhat')}-261128-0001"
    assert result.appointment == date(2026, 11, 30)
    view = get_filing(result.receipt, store)
    assert (view.submitted_at, view.appointment) == ("2026-11-28T21:30", "2026-11-30")


# --- birth: the child enters the registry --------------------------------------------------


@pytest.mark.parametrize(("sex", "digit"), [("nam", 2), ("nu", 3)])
def test_birth_adds_the_child_with_a_structurally_valid_number(
    people, store, sex: str, digit: int
) -> None:
    filing = khai_sinh(people, born="2026-11-01")
    filing["tre"]["gioi_tinh"] = sex
    result = submit("khai_sinh", filing, AT, store)
    assert result.valid
    number = result.result["so_dinh_danh"]
    assert re.fullmatch(rf"064{digit}26\d{{6}}", number)
    parts = parse_identity_number(number)
    assert (parts.province_code, parts.century_digit, parts.sex, parts.birth_year) == (
        "064", digit, sex, 2026)
    assert is_consistent(number, date(2026, 11, 1), sex)
    assert result.to_json()["so_dinh_danh"] == number
    assert any(number in step for step in result.next_steps)

    child = registry_person(store, number)
    mother = by_id(people)[filing["me"]["so_dinh_danh"]]
    assert child.ho_ten == filing["tre"]["ho_ten"]
    assert (child.ngay_sinh, child.gioi_tinh, child.con_song) == ("2026-11-01", sex, True)
    assert child.tinh_trang_hon_nhan == "doc_than"
    assert child.so_dinh_danh_me == filing["me"]["so_dinh_danh"]
    assert child.so_dinh_danh_cha == filing["cha"]["so_dinh_danh"]
    assert (child.ma_ho, child.noi_cu_tru.co_quan) == (mother["ma_ho"],
                                                        mother["noi_cu_tru"]["co_quan"])


def test_a_child_born_in_the_1900s_gets_that_centurys_digit(people, store) -> None:
    ids = by_id(people)
    mother = find(people, lambda p: p["gioi_tinh"] == "nu" and alive(p)
                  and p["tinh_trang_hon_nhan"] == "da_ket_hon" and p["ngay_sinh"] < "1975-01-01"
                  and p["so_dinh_danh_vo_chong"] in ids)
    husband = ids[mother["so_dinh_danh_vo_chong"]]
    filing = khai_sinh(people)
    filing.update(nguoi_yeu_cau={**person_ref(mother), "quan_he": "me"}, me=person_ref(mother),
                  cha=person_ref(husband), co_quan=mother["noi_cu_tru"]["co_quan"])
    filing["tre"].update(ngay_sinh="1999-05-05", gioi_tinh="nu",
                         ho_ten=child_name(mother, "Thị Muộn"), dan_toc=mother["dan_toc"])
    result = submit("khai_sinh", filing, AT, store)
    assert (result.valid, result.late) == (True, True), errors_of(result)
    number = result.result["so_dinh_danh"]
    assert number.startswith("064199")
    assert is_consistent(number, date(1999, 5, 5), "nu")
    assert registry_person(store, number).so_dinh_danh_cha == husband["so_dinh_danh"]


def test_a_birth_is_registered_once(people, store) -> None:
    filing = khai_sinh(people)
    first = submit("khai_sinh", filing, AT, store)
    assert first.valid
    again = submit("khai_sinh", filing, AT + timedelta(days=1), store)
    assert errors_of(again) == [("tre.ho_ten", "tre_da_duoc_khai_sinh")]
    assert first.result["so_dinh_danh"] in again.errors[0].message
    assert again.receipt is None


def test_two_births_get_two_numbers(people, store) -> None:
    one = submit("khai_sinh", khai_sinh(people), AT, store)
    twin = khai_sinh(people)
    twin["tre"]["ho_ten"] = child_name(twin["cha"], "Minh Khôi")
    two = submit("khai_sinh", twin, AT, store)
    assert one.result["so_dinh_danh"] != two.result["so_dinh_danh"]
    assert len(children(store, twin["me"]["so_dinh_danh"])) >= 2


# --- death: the person is dead from now on -------------------------------------------------


def test_death_marks_the_person_dead_and_a_second_filing_is_refused(people, store) -> None:
    wife, husband = married_couple(people)
    filing = khai_tu(people, died="2026-11-20")
    result = submit("khai_tu", filing, AT, store)
    assert result.valid
    dead = registry_person(store, husband["so_dinh_danh"])
    assert (dead.con_song, dead.ngay_mat) == (False, "2026-11-20")
    assert registry_person(store, wife["so_dinh_danh"]).tinh_trang_hon_nhan == "goa"

    again = submit("khai_tu", filing, AT + timedelta(days=1), store)
    assert errors_of(again) == [("nguoi_mat.so_dinh_danh", "nguoi_da_mat")]
    assert husband["ho_ten"] in again.errors[0].message
    assert again.receipt is None
    assert len(list_filings(store=store)) == 1


def test_a_widow_then_needs_the_death_extract_to_remarry(people, store) -> None:
    wife, _ = married_couple(people)
    assert submit("khai_tu", khai_tu(people), AT, store).valid
    man = partner_for(people, wife, AT.date(), min_age=25, max_age=50)
    filing = marriage(man, wife)
    later = AT + timedelta(days=200)
    assert errors_of(check("ket_hon", filing, later, store)) == [
        ("giay_to", "thieu_giay_to_hon_nhan_truoc")]
    filing["giay_to"] = ["trich_luc_khai_tu"]
    assert check("ket_hon", filing, later, store).valid


# --- marriage: both are married, to each other ---------------------------------------------


def test_marriage_marks_both_married_and_they_cannot_marry_again(people, store) -> None:
    filing = ket_hon(people)
    result = submit("ket_hon", filing, AT, store)
    assert (result.valid, result.fee) == (True, 0)
    assert any("Cả hai bên" in step and "có mặt" in step for step in result.next_steps)
    man_id, woman_id = filing["ben_nam"]["so_dinh_danh"], filing["ben_nu"]["so_dinh_danh"]
    man, woman = registry_person(store, man_id), registry_person(store, woman_id)
    assert (man.tinh_trang_hon_nhan, man.so_dinh_danh_vo_chong) == ("da_ket_hon", woman_id)
    assert (woman.tinh_trang_hon_nhan, woman.so_dinh_danh_vo_chong) == ("da_ket_hon", man_id)

    again = submit("ket_hon", filing, AT + timedelta(days=3), store)
    assert errors_of(again) == [("ben_nam.so_dinh_danh", "dang_co_vo_chong"),
                                ("ben_nu.so_dinh_danh", "dang_co_vo_chong")]
    people_by_id = by_id(people)
    other_woman = partner_for(people, people_by_id[man_id], AT.date(), 20, 35, skip=3)
    refused = check("ket_hon", marriage(people_by_id[man_id], other_woman), AT, store)
    assert ("ben_nam.so_dinh_danh", "dang_co_vo_chong") in errors_of(refused)
    cert = check("xac_nhan_hon_nhan", xac_nhan_for(people_by_id[woman_id], "ket_hon"), AT, store)
    assert errors_of(cert) == [("nguoi_yeu_cau.so_dinh_danh", "dang_co_vo_chong_xac_nhan")]


# --- a refused filing records nothing ------------------------------------------------------


def test_a_refused_submission_records_nothing(people, store) -> None:
    bad_birth = {**khai_sinh(people), "giay_to": []}
    mother = bad_birth["me"]["so_dinh_danh"]
    before = len(children(store, mother))
    bad_marriage = ket_hon(people)
    bad_marriage["ben_nam"]["lan_ket_hon"] = 0
    bad_death = khai_tu(people, died="2027-01-01")

    for procedure, filing in [("khai_sinh", bad_birth), ("ket_hon", bad_marriage),
                              ("khai_tu", bad_death)]:
        result = submit(procedure, filing, AT, store)
        assert not result.valid
        assert result.receipt is None
        assert "receipt" not in result.to_json()
        assert result.result == {} and result.next_steps == []

    assert list_filings(store=store) == []
    assert len(children(store, mother)) == before
    assert registry_person(store, bad_marriage["ben_nam"]["so_dinh_danh"]).tinh_trang_hon_nhan \
        == "doc_than"
    assert registry_person(store, bad_death["nguoi_mat"]["so_dinh_danh"]).con_song
    # no receipt number was used up
    ok = submit("khai_sinh", khai_sinh(people), AT, store)
    assert ok.receipt.endswith("-0001")


# --- statuses and the simulated officer ----------------------------------------------------


def test_status_history_starts_at_1(people, store) -> None:
    result = submit("xac_nhan_hon_nhan", VALID["xac_nhan_hon_nhan"](people), AT, store,
                    owner="hv01")
    view = get_filing(result.receipt, store)
    assert (view.status, view.procedure, view.owner) == (1, "xac_nhan_hon_nhan", "hv01")
    assert (view.fee, view.late, view.appointment) == (result.fee, False, "2026-12-02")
    assert [(h["status"], h["at"]) for h in view.history] == [(1, "2026-11-27T10:00")]
    assert view.to_json()["status_name"] == "Mới đăng ký"


def test_the_officer_moves_a_file_along_its_usual_path(people, store) -> None:
    receipt = submit("chung_thuc_ban_sao_dien_tu", chung_thuc(people), AT, store).receipt
    statuses = []
    for hours in range(1, 6):
        moved = advance(AT + timedelta(hours=hours), receipt=receipt, store=store)
        statuses += [v.status for v in moved]
    assert statuses == [2, 4, 9, 10]  # the fifth call finds a finished file and does nothing
    view = get_filing(receipt, store)
    assert [h["status"] for h in view.history] == [1, 2, 4, 9, 10]
    assert view.history[-1]["at"] == "2026-11-27T14:00"
    assert view.to_json()["status_name"] == "Đã trả kết quả"


def test_the_officer_can_set_a_status_and_move_every_open_file(people, store) -> None:
    first = submit("chung_thuc_ban_sao_dien_tu", chung_thuc(people), AT, store).receipt
    second = submit("xac_nhan_hon_nhan", VALID["xac_nhan_hon_nhan"](people), AT, store).receipt
    moved = advance(AT, receipt=first, to=5, note="Bổ sung bản chụp rõ nét", store=store)
    assert [(v.status, v.history[-1]["note"]) for v in moved] == [(5, "Bổ sung bản chụp rõ nét")]
    moved = advance(AT + timedelta(hours=1), store=store)
    assert {v.receipt: v.status for v in moved} == {first: 4, second: 2}
    advance(AT, receipt=second, to=3, store=store)  # Không được tiếp nhận: final
    assert advance(AT + timedelta(hours=2), receipt=second, store=store) == []
    assert get_filing(second, store).status == 3


def test_the_officer_refuses_unknown_receipts_and_statuses(people, store) -> None:
    receipt = submit("chung_thuc_ban_sao_dien_tu", chung_thuc(people), AT, store).receipt
    with pytest.raises(InputError):
        advance(AT, receipt="000.31.25.H21-261127-9999", store=store)
    with pytest.raises(InputError):
        advance(AT, receipt=receipt, to=11, store=store)
    with pytest.raises(InputError):
        get_filing("khong-co", store)
    assert get_filing(receipt, store).status == 1


def test_my_filings_are_listed_newest_first(people, store) -> None:
    a = submit("chung_thuc_ban_sao_dien_tu", chung_thuc(people), AT, store, owner="hv01").receipt
    b = submit("chung_thuc_ban_sao_dien_tu", chung_thuc(people), AT, store, owner="hv02").receipt
    c = submit("chung_thuc_ban_sao_dien_tu", chung_thuc(people), AT, store, owner="hv01").receipt
    assert [v.receipt for v in list_filings(owner="hv01", store=store)] == [c, a]
    assert [v.receipt for v in list_filings(store=store)] == [c, b, a]
