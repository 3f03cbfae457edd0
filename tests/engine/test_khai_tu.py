"""Đăng ký khai tử: the rules of domain.md ("khai_tu") and their edges."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from builders import (
    alive,
    assert_well_formed,
    error_at,
    errors_of,
    find,
    khai_tu,
    khai_tu_for,
    married_couple,
)

from tdp.catalog import load_catalog
from tdp.engine import check

AT = datetime(2026, 11, 27, 10, 0)  # a Friday, before 15:00
DIED = date(2026, 11, 12)  # 15 days before AT
LATE_FEE = load_catalog().wards.province("gia_lai").fees["khai_tu_qua_han"]


def run(filing: dict, at: datetime, store):
    result = check("khai_tu", filing, at, store)
    assert_well_formed("khai_tu", result)
    return result


def test_valid_death_within_the_deadline_is_free_and_same_day(people, store) -> None:
    result = run(khai_tu(people, died=DIED.isoformat()), AT, store)
    assert result.valid
    assert (result.fee, result.late, result.appointment) == (0, False, AT.date())


# --- 15 days -------------------------------------------------------------------------------


@pytest.mark.parametrize(("days", "late"), [(0, False), (14, False), (15, False), (16, True),
                                            (17, True), (200, True)])
def test_fifteen_days_after_the_death_is_on_time_the_sixteenth_is_late(
    people, store, days: int, late: bool
) -> None:
    at = datetime.combine(DIED + timedelta(days=days), time(10))
    result = run(khai_tu(people, died=DIED.isoformat()), at, store)
    assert result.valid, errors_of(result)
    assert result.late is late
    assert result.fee == (LATE_FEE if late else 0)
    assert LATE_FEE > 0


def test_late_on_a_saturday_is_charged_and_returned_on_monday(people, store) -> None:
    at = datetime(2026, 11, 28, 9, 0)  # Saturday, 16 days after DIED
    result = run(khai_tu(people, died=DIED.isoformat()), at, store)
    assert (result.valid, result.late, result.fee) == (True, True, LATE_FEE)
    assert result.appointment == date(2026, 11, 30)


def test_a_claimed_exemption_proved_by_its_paper_pays_nothing_even_when_late(
    people, store
) -> None:
    filing = khai_tu(people, died="2026-01-05")
    filing.update(uu_dai="ho_ngheo", giay_to=[*filing["giay_to"], "giay_chung_nhan_ho_ngheo"])
    result = run(filing, AT, store)
    assert (result.valid, result.late, result.fee) == (True, True, 0)


def test_the_old_exemption_box_is_refused_with_a_code(people, store) -> None:
    filing = {**khai_tu(people, died="2026-01-05"), "mien_le_phi": "ho_ngheo"}
    result = check("khai_tu", filing, AT, store)
    assert errors_of(result) == [("mien_le_phi", "mien_le_phi_khong_con_dung")]


# --- the date of death ---------------------------------------------------------------------


def test_death_in_the_future_is_refused(people, store) -> None:
    filing = khai_tu(people, died=(AT.date() + timedelta(days=1)).isoformat())
    result = run(filing, AT, store)
    assert errors_of(result) == [("nguoi_mat.ngay_mat", "ngay_trong_tuong_lai")]
    assert result.late is False


def test_death_today_is_accepted(people, store) -> None:
    assert run(khai_tu(people, died=AT.date().isoformat()), AT, store).valid


def test_death_before_birth_is_refused(people, store) -> None:
    _, husband = married_couple(people)
    before = date.fromisoformat(husband["ngay_sinh"]) - timedelta(days=1)
    result = run(khai_tu(people, died=before.isoformat()), AT, store)
    error = error_at(result, "nguoi_mat.ngay_mat")
    assert error.code == "ngay_truoc_ngay_sinh"
    assert husband["ho_ten"] in error.message
    assert not result.valid


def test_death_on_the_day_of_birth_is_accepted(people, store) -> None:
    _, husband = married_couple(people)
    assert run(khai_tu(people, died=husband["ngay_sinh"]), AT, store).valid


def test_death_before_birth_is_refused_even_without_the_birth_date_in_the_filing(
    people, store
) -> None:
    _, husband = married_couple(people)
    filing = khai_tu(people, died="1900-01-01")
    del filing["nguoi_mat"]["ngay_sinh"]
    assert errors_of(run(filing, AT, store)) == [("nguoi_mat.ngay_mat", "ngay_truoc_ngay_sinh")]


# --- who died, who files -------------------------------------------------------------------


def test_someone_already_dead_in_the_registry_is_refused(people, store) -> None:
    dead = find(people, lambda p: not alive(p))
    requester = find(people, lambda p: alive(p) and p["noi_cu_tru"]["co_quan"]
                     == dead["noi_cu_tru"]["co_quan"] and p["tinh_trang_hon_nhan"] == "goa")
    result = run(khai_tu_for(dead, requester, "nguoi_than", "2026-11-20"), AT, store)
    error = error_at(result, "nguoi_mat.so_dinh_danh")
    assert error.code == "nguoi_da_mat"
    assert dead["ho_ten"] in error.message
    assert not result.valid


def test_a_dead_requester_is_refused(people, store) -> None:
    dead = find(people, lambda p: not alive(p))
    filing = khai_tu(people)
    filing["nguoi_yeu_cau"].update(ho_ten=dead["ho_ten"], so_dinh_danh=dead["so_dinh_danh"])
    assert errors_of(run(filing, AT, store)) == [("nguoi_yeu_cau.so_dinh_danh", "nguoi_da_mat")]


@pytest.mark.parametrize("quan_he", ["vo_chong", "con", "cha_me", "nguoi_than",
                                     "co_quan_to_chuc"])
def test_the_deceased_cannot_be_their_own_requester(people, store, quan_he: str) -> None:
    """Every relation domain.md lists names someone else; the same number on both sides is
    refused on the requester, and the spouse beside it (one number apart) is accepted."""
    wife, husband = married_couple(people)
    own = khai_tu_for(husband, husband, quan_he, "2026-11-20")
    result = run(own, AT, store)
    assert errors_of(result) == [("nguoi_yeu_cau.so_dinh_danh", "cung_mot_nguoi")]
    assert "người mất" in error_at(result, "nguoi_yeu_cau.so_dinh_danh").message
    assert run(khai_tu_for(husband, wife, quan_he, "2026-11-20"), AT, store).valid


@pytest.mark.parametrize("quan_he", ["vo_chong", "con", "cha_me", "nguoi_than",
                                     "co_quan_to_chuc"])
def test_every_listed_relation_may_file(people, store, quan_he: str) -> None:
    filing = khai_tu(people)
    filing["nguoi_yeu_cau"]["quan_he"] = quan_he
    assert run(filing, AT, store).valid


def test_birth_date_is_optional_but_must_match_when_given(people, store) -> None:
    _, husband = married_couple(people)
    filing = khai_tu(people)
    del filing["nguoi_mat"]["ngay_sinh"]
    assert run(filing, AT, store).valid

    filing["nguoi_mat"]["ngay_sinh"] = "1950-01-01"
    result = run(filing, AT, store)
    error = error_at(result, "nguoi_mat.ngay_sinh")
    assert error.code == "ngay_sinh_khong_khop"
    born = date.fromisoformat(husband["ngay_sinh"])
    assert born.strftime("%d/%m/%Y") not in error.message  # never reveal the owner's data


# --- papers --------------------------------------------------------------------------------


@pytest.mark.parametrize("paper", ["giay_bao_tu", "ban_an_tuyen_bo_chet", "xac_nhan_cong_an"])
def test_death_notice_or_a_substitute(people, store, paper: str) -> None:
    assert run({**khai_tu(people), "giay_to": [paper]}, AT, store).valid


def test_without_a_death_notice_is_refused(people, store) -> None:
    result = run({**khai_tu(people), "giay_to": []}, AT, store)
    assert errors_of(result) == [("giay_to", "thieu_giay_to")]
    assert "Giấy báo tử" in result.errors[0].message


def test_a_paper_of_another_procedure_does_not_count(people, store) -> None:
    result = run({**khai_tu(people), "giay_to": ["giay_chung_sinh"]}, AT, store)
    assert errors_of(result) == [("giay_to.0", "giay_to_khong_thuoc_thu_tuc"),
                                 ("giay_to", "thieu_giay_to")]


# --- where ---------------------------------------------------------------------------------


def test_filed_outside_the_last_residence_is_refused(people, store) -> None:
    filing = khai_tu(people)
    other = "pleiku" if filing["co_quan"] == "thong_nhat" else "thong_nhat"
    result = run({**filing, "co_quan": other}, AT, store)
    assert errors_of(result) == [("co_quan", "sai_tham_quyen")]
