"""Đăng ký khai sinh: the rules of domain.md ("khai_sinh") and their edges."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from builders import (
    alive,
    assert_well_formed,
    by_id,
    child_name,
    error_at,
    errors_of,
    find,
    khai_sinh,
    khai_sinh_for,
    married_couple,
    person_ref,
    unmarried_mother,
)

from tdp.catalog import load_catalog
from tdp.engine import check

AT = datetime(2026, 11, 27, 10, 0)  # a Friday, before 15:00
BORN = date(2026, 10, 1)  # 57 days before AT
LATE_FEE = load_catalog().wards.province("gia_lai").fees["khai_sinh_qua_han"]


def at_day(day: date, hour: int = 10, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute))


def run(filing: dict, at: datetime, store):
    result = check("khai_sinh", filing, at, store)
    assert_well_formed("khai_sinh", result)
    return result


def test_valid_birth_within_the_deadline_is_free_and_same_day(people, store) -> None:
    result = run(khai_sinh(people, born=BORN.isoformat()), AT, store)
    assert result.valid
    assert (result.fee, result.late, result.appointment) == (0, False, AT.date())


def test_the_sample_late_fee_is_positive() -> None:
    assert LATE_FEE > 0


# --- 60 days -------------------------------------------------------------------------------


@pytest.mark.parametrize(("days", "late"), [(0, False), (1, False), (59, False), (60, False),
                                            (61, True), (62, True), (400, True)])
def test_sixty_days_after_the_birth_is_on_time_the_sixty_first_is_late(
    people, store, days: int, late: bool
) -> None:
    result = run(khai_sinh(people, born=BORN.isoformat()), at_day(BORN + timedelta(days=days)),
                 store)
    assert result.valid, errors_of(result)  # late is accepted, only charged
    assert result.late is late
    assert result.fee == (LATE_FEE if late else 0)


def test_the_whole_sixtieth_day_is_on_time(people, store) -> None:
    filing = khai_sinh(people, born=BORN.isoformat())
    result = run(filing, at_day(BORN + timedelta(days=60), 23, 59), store)
    assert (result.late, result.fee) == (False, 0)


PROOFS = {"ho_ngheo": "giay_chung_nhan_ho_ngheo", "khuyet_tat": "giay_xac_nhan_khuyet_tat",
          "co_cong": "giay_chung_nhan_co_cong"}


@pytest.mark.parametrize("group", sorted(PROOFS))
def test_a_claimed_exemption_proved_by_its_paper_pays_nothing_even_when_late(
    people, store, group: str
) -> None:
    filing = {**khai_sinh(people, born="2025-01-15"), "uu_dai": group}
    filing["giay_to"] = [*filing["giay_to"], PROOFS[group]]
    result = run(filing, AT, store)
    assert result.valid, errors_of(result)
    assert (result.late, result.fee) == (True, 0)


@pytest.mark.parametrize("group", sorted(PROOFS))
def test_a_claimed_exemption_the_registry_does_not_hold_names_its_paper(
    people, store, group: str
) -> None:
    filing = {**khai_sinh(people, born="2025-01-15"), "uu_dai": group}
    result = run(filing, AT, store)
    error = error_at(result, "uu_dai")
    assert error.code == "uu_dai_khong_co_trong_csdl"
    paper = load_catalog().procedure("khai_sinh").document(PROOFS[group])
    assert paper.name in error.message
    assert result.fee == LATE_FEE  # refused claims exempt nothing


@pytest.mark.parametrize("value", [True, "ho_ngheo", 1])
def test_the_old_exemption_box_is_refused_never_ignored(people, store, value) -> None:
    filing = {**khai_sinh(people, born="2025-01-15"), "mien_le_phi": value}
    result = check("khai_sinh", filing, AT, store)
    assert errors_of(result) == [("mien_le_phi", "mien_le_phi_khong_con_dung")]
    assert "Cơ sở dữ liệu dân cư" in result.errors[0].message
    assert result.fee == LATE_FEE


def test_an_old_client_saying_no_exemption_is_harmless(people, store) -> None:
    filing = {**khai_sinh(people), "mien_le_phi": False}
    assert run(filing, AT, store).valid


# --- the birth date ------------------------------------------------------------------------


def test_birth_date_in_the_future_is_refused(people, store) -> None:
    filing = khai_sinh(people, born=(AT.date() + timedelta(days=1)).isoformat())
    result = run(filing, AT, store)
    assert errors_of(result) == [("tre.ngay_sinh", "ngay_trong_tuong_lai")]
    assert "27/11/2026" in result.errors[0].message
    assert result.late is False


def test_birth_today_is_accepted(people, store) -> None:
    result = run(khai_sinh(people, born=AT.date().isoformat()), AT, store)
    assert result.valid
    assert (result.fee, result.late) == (0, False)


def test_child_born_before_the_mother_is_refused(people, store) -> None:
    mother, _ = married_couple(people)
    before = date.fromisoformat(mother["ngay_sinh"]) - timedelta(days=1)
    result = run(khai_sinh(people, born=before.isoformat()), AT, store)
    error = error_at(result, "tre.ngay_sinh")
    assert error.code == "ngay_truoc_ngay_sinh"
    assert mother["ho_ten"] in error.message
    assert not result.valid


@pytest.mark.parametrize("value", ["01/10/2026", "2026-02-30", "2026-13-01", "hôm qua", 20261001])
def test_birth_date_must_be_a_real_iso_date(people, store, value) -> None:
    filing = khai_sinh(people)
    filing["tre"]["ngay_sinh"] = value
    assert errors_of(run(filing, AT, store)) == [("tre.ngay_sinh", "ngay_khong_hop_le")]


# --- the child is not yet in the registry --------------------------------------------------


def test_a_child_already_in_the_registry_is_refused(people, store) -> None:
    ids = by_id(people)
    child = find(people, lambda p: p["so_dinh_danh_me"] in ids
                 and alive(ids[p["so_dinh_danh_me"]])
                 and (p["so_dinh_danh_cha"] is None or p["so_dinh_danh_cha"] in ids))
    mother = ids[child["so_dinh_danh_me"]]
    father = ids.get(child["so_dinh_danh_cha"] or "")
    filing = khai_sinh(people)
    filing.update(
        nguoi_yeu_cau={**person_ref(mother), "quan_he": "me"},
        me=person_ref(mother),
        cha=person_ref(father) if father else None,
        co_quan=mother["noi_cu_tru"]["co_quan"],
    )
    filing["tre"].update(ho_ten=child["ho_ten"].upper(), ngay_sinh=child["ngay_sinh"],
                         gioi_tinh=child["gioi_tinh"])
    result = run(filing, AT, store)
    error = error_at(result, "tre.ho_ten")
    assert error.code == "tre_da_duoc_khai_sinh"
    assert child["so_dinh_danh"] in error.message
    assert not result.valid


def test_a_sibling_with_another_name_or_birth_date_is_a_new_child(people, store) -> None:
    filing = khai_sinh(people)
    filing["tre"]["ho_ten"] = child_name(filing["cha"], "Minh Khôi")
    assert run(filing, AT, store).valid


# --- the father may be unknown -------------------------------------------------------------


@pytest.mark.parametrize("cha", [None, {}, {"ho_ten": "", "so_dinh_danh": "  "}, "missing"])
def test_father_not_established_is_accepted(people, store, cha) -> None:
    filing = khai_sinh_for(unmarried_mother(people), born=BORN.isoformat())
    if cha == "missing":
        del filing["cha"]
    else:
        filing["cha"] = cha
    result = run(filing, AT, store)
    assert result.valid, errors_of(result)
    assert (result.fee, result.late) == (0, False)


def test_father_half_filled_is_checked(people, store) -> None:
    filing = khai_sinh(people)
    filing["cha"]["so_dinh_danh"] = ""
    assert errors_of(run(filing, AT, store)) == [("cha.so_dinh_danh", "bat_buoc")]


def test_the_mother_is_required(people, store) -> None:
    filing = khai_sinh(people)
    filing["me"] = None
    result = run(filing, AT, store)
    assert ("me.ho_ten", "bat_buoc") in errors_of(result)
    assert ("me.so_dinh_danh", "bat_buoc") in errors_of(result)


def test_mother_must_be_a_woman_and_father_a_man(people, store) -> None:
    mother, father = married_couple(people)
    filing = khai_sinh(people)
    filing["me"], filing["cha"] = person_ref(father), person_ref(mother)
    filing["nguoi_yeu_cau"] = {**person_ref(father), "quan_he": "me"}
    result = run(filing, AT, store)
    codes = errors_of(result)
    assert ("me.so_dinh_danh", "gioi_tinh_khong_khop") in codes
    assert ("cha.so_dinh_danh", "gioi_tinh_khong_khop") in codes
    assert father["ho_ten"] in error_at(result, "me.so_dinh_danh").message


# --- who files -----------------------------------------------------------------------------


def test_the_father_can_file(people, store) -> None:
    _, father = married_couple(people)
    filing = khai_sinh(people)
    filing["nguoi_yeu_cau"] = {**person_ref(father), "quan_he": "cha"}
    assert run(filing, AT, store).valid


@pytest.mark.parametrize("quan_he", ["me", "cha"])
def test_requester_claiming_to_be_a_parent_must_be_that_parent(people, store, quan_he) -> None:
    stranger = find(people, lambda p: alive(p) and p["tinh_trang_hon_nhan"] == "goa")
    filing = khai_sinh(people)
    filing["nguoi_yeu_cau"] = {**person_ref(stranger), "quan_he": quan_he}
    assert errors_of(run(filing, AT, store)) == [
        ("nguoi_yeu_cau.so_dinh_danh", "nguoi_yeu_cau_khong_khop")]


def test_requester_cannot_be_the_father_when_there_is_none(people, store) -> None:
    _, father = married_couple(people)
    filing = khai_sinh_for(unmarried_mother(people), requester=father, quan_he="cha")
    assert errors_of(run(filing, AT, store)) == [
        ("nguoi_yeu_cau.so_dinh_danh", "nguoi_yeu_cau_khong_khop")]


@pytest.mark.parametrize("quan_he", ["ong_ba", "nguoi_than"])
def test_a_relative_needs_no_authorisation(people, store, quan_he: str) -> None:
    relative = find(people, lambda p: alive(p) and p["tinh_trang_hon_nhan"] == "goa")
    filing = khai_sinh(people)
    filing["nguoi_yeu_cau"] = {**person_ref(relative), "quan_he": quan_he}
    assert run(filing, AT, store).valid


def test_someone_else_needs_an_authorisation(people, store) -> None:
    other = find(people, lambda p: alive(p) and p["tinh_trang_hon_nhan"] == "goa")
    filing = khai_sinh(people)
    filing["nguoi_yeu_cau"] = {**person_ref(other), "quan_he": "khac"}
    result = run(filing, AT, store)
    assert errors_of(result) == [("giay_to", "thieu_giay_to_uy_quyen")]
    assert "ủy quyền" in result.errors[0].message

    filing["giay_to"] = ["giay_chung_sinh", "van_ban_uy_quyen"]
    assert run(filing, AT, store).valid


def test_a_dead_requester_is_refused(people, store) -> None:
    dead = find(people, lambda p: not alive(p))
    filing = khai_sinh(people)
    filing["nguoi_yeu_cau"] = {**person_ref(dead), "quan_he": "nguoi_than"}
    result = run(filing, AT, store)
    assert error_at(result, "nguoi_yeu_cau.so_dinh_danh").code == "nguoi_da_mat"
    assert dead["ho_ten"] in result.errors[0].message


@pytest.mark.parametrize("quan_he", ["bo", "", None, "CHA", 1])
def test_relation_must_be_one_of_the_choices(people, store, quan_he) -> None:
    filing = khai_sinh(people)
    filing["nguoi_yeu_cau"]["quan_he"] = quan_he
    expected = "chon_bat_buoc" if quan_he in ("", None) else "lua_chon_khong_hop_le"
    assert errors_of(run(filing, AT, store)) == [("nguoi_yeu_cau.quan_he", expected)]


# --- papers --------------------------------------------------------------------------------


@pytest.mark.parametrize("paper", ["giay_chung_sinh", "van_ban_lam_chung", "giay_cam_doan"])
def test_birth_certificate_or_a_substitute(people, store, paper: str) -> None:
    filing = {**khai_sinh(people), "giay_to": [paper]}
    assert run(filing, AT, store).valid


@pytest.mark.parametrize("giay_to", [[], ["van_ban_uy_quyen"], None])
def test_without_proof_of_birth_is_refused(people, store, giay_to) -> None:
    filing = {**khai_sinh(people), "giay_to": giay_to}
    if giay_to is None:
        del filing["giay_to"]
    result = run(filing, AT, store)
    assert errors_of(result) == [("giay_to", "thieu_giay_to")]
    assert "Giấy chứng sinh" in result.errors[0].message


# --- where and when ------------------------------------------------------------------------


def test_filed_where_neither_parent_lives_is_refused(people, store) -> None:
    filing = khai_sinh(people)
    other = "pleiku" if filing["co_quan"] == "thong_nhat" else "thong_nhat"
    result = run({**filing, "co_quan": other}, AT, store)
    assert errors_of(result) == [("co_quan", "sai_tham_quyen")]


@pytest.mark.parametrize(("at", "appointment"), [
    (datetime(2026, 11, 27, 14, 59), date(2026, 11, 27)),  # Friday before 15:00
    (datetime(2026, 11, 27, 15, 0), date(2026, 11, 30)),  # Friday 15:00 → Monday
    (datetime(2026, 11, 28, 9, 0), date(2026, 11, 30)),  # Saturday
    (datetime(2026, 11, 29, 9, 0), date(2026, 11, 30)),  # Sunday
    (datetime(2027, 2, 3, 14, 59), date(2027, 2, 3)),  # Wednesday before Tết 2027
    (datetime(2027, 2, 3, 15, 0), date(2027, 2, 11)),  # Tết 2027: 4–10/2 off
    (datetime(2027, 2, 8, 9, 0), date(2027, 2, 11)),  # a Monday inside Tết
])
def test_appointment_is_day_zero(people, store, at: datetime, appointment: date) -> None:
    filing = khai_sinh(people, born=(at.date() - timedelta(days=3)).isoformat())
    result = run(filing, at, store)
    assert result.valid
    assert result.appointment == appointment


@pytest.mark.parametrize(("value", "code"), [(-1, "so_qua_nho"), (21, "so_qua_lon"),
                                              ("hai", "so_nguyen_khong_hop_le"),
                                              (1.5, "so_nguyen_khong_hop_le")])
def test_number_of_copies(people, store, value, code: str) -> None:
    filing = {**khai_sinh(people), "so_ban_sao": value}
    assert errors_of(run(filing, AT, store)) == [("so_ban_sao", code)]


@pytest.mark.parametrize("value", [0, 20, "3", 2.0, None])
def test_number_of_copies_accepted(people, store, value) -> None:
    assert run({**khai_sinh(people), "so_ban_sao": value}, AT, store).valid
