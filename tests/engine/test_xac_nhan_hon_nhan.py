"""Cấp giấy xác nhận tình trạng hôn nhân: the rules of domain.md and their edges."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from builders import (
    assert_well_formed,
    error_at,
    errors_of,
    married_couple,
    with_status,
    xac_nhan_for,
    xac_nhan_hon_nhan,
)

from tdp.catalog import load_catalog
from tdp.engine import check

AT = datetime(2026, 11, 27, 10, 0)  # a Friday, before 15:00
FEE = load_catalog().wards.province("gia_lai").fees["xac_nhan_tinh_trang_hon_nhan"]


def run(filing: dict, at: datetime, store):
    result = check("xac_nhan_hon_nhan", filing, at, store)
    assert_well_formed("xac_nhan_hon_nhan", result)
    return result


@pytest.mark.parametrize("muc_dich", ["ket_hon", "vay_von", "giao_dich_dan_su", "khac"])
def test_single_requester_any_purpose_pays_the_province_fee(people, store, muc_dich) -> None:
    result = run(xac_nhan_hon_nhan(people, muc_dich), AT, store)
    assert result.valid, errors_of(result)
    assert FEE > 0
    assert (result.fee, result.late) == (FEE, False)


def test_a_claimed_exemption_proved_by_its_paper_pays_nothing(people, store) -> None:
    filing = {**xac_nhan_hon_nhan(people), "uu_dai": "khuyet_tat",
              "giay_to": ["giay_xac_nhan_khuyet_tat"]}
    result = run(filing, AT, store)
    assert (result.valid, result.fee) == (True, 0)


# --- three working days --------------------------------------------------------------------


@pytest.mark.parametrize(("at", "appointment"), [
    # Thursday: Fri, Mon, Tue
    (datetime(2026, 12, 3, 10, 0), date(2026, 12, 8)),
    (datetime(2026, 12, 3, 14, 59), date(2026, 12, 8)),
    # Thursday 15:00: day 0 is Friday; then Mon, Tue, Wed
    (datetime(2026, 12, 3, 15, 0), date(2026, 12, 9)),
    # Friday: Mon, Tue, Wed
    (datetime(2026, 12, 4, 9, 0), date(2026, 12, 9)),
    # Saturday and Sunday: day 0 is Monday
    (datetime(2026, 12, 5, 9, 0), date(2026, 12, 10)),
    (datetime(2026, 12, 6, 23, 0), date(2026, 12, 10)),
    # Tết 2027 (4–10/2 off): Wednesday 3/2 → 11, 12, 15/2
    (datetime(2027, 2, 3, 10, 0), date(2027, 2, 15)),
    # ... after 15:00 day 0 is 11/2 → 12, 15, 16/2
    (datetime(2027, 2, 3, 15, 0), date(2027, 2, 16)),
    # filed during Tết
    (datetime(2027, 2, 6, 10, 0), date(2027, 2, 16)),
    # 30/4 (Fri), 1/5 (Sat) observed on Monday 3/5/2027: Thursday 29/4 → 4, 5, 6/5
    (datetime(2027, 4, 29, 10, 0), date(2027, 5, 6)),
    # Giỗ Tổ 26/4/2026 (Sun) observed on Monday 27/4; 30/4 and 1/5: Friday 24/4 → 28, 29/4, 4/5
    (datetime(2026, 4, 24, 10, 0), date(2026, 5, 4)),
])
def test_three_working_days(people, store, at: datetime, appointment: date) -> None:
    result = run(xac_nhan_hon_nhan(people), at, store)
    assert result.valid
    assert result.appointment == appointment
    assert load_catalog().calendar.is_working_day(result.appointment)


# --- purpose -------------------------------------------------------------------------------


def test_married_requester_cannot_get_it_for_marrying(people, store) -> None:
    _, husband = married_couple(people)
    result = run(xac_nhan_for(husband, "ket_hon"), AT, store)
    error = error_at(result, "nguoi_yeu_cau.so_dinh_danh")
    assert error.code == "dang_co_vo_chong_xac_nhan"
    assert husband["ho_ten"] in error.message
    assert errors_of(result) == [("nguoi_yeu_cau.so_dinh_danh", "dang_co_vo_chong_xac_nhan")]


@pytest.mark.parametrize("muc_dich", ["vay_von", "giao_dich_dan_su", "khac"])
def test_married_requester_can_get_it_for_other_purposes(people, store, muc_dich) -> None:
    wife, _ = married_couple(people)
    result = run(xac_nhan_for(wife, muc_dich), AT, store)
    assert result.valid, errors_of(result)
    assert result.fee == FEE


def test_for_marrying_the_future_spouse_is_required(people, store) -> None:
    filing = xac_nhan_hon_nhan(people, "ket_hon")
    del filing["ket_hon_voi"]
    assert errors_of(run(filing, AT, store)) == [("ket_hon_voi.ho_ten", "bat_buoc"),
                                                 ("ket_hon_voi.ngay_sinh", "bat_buoc")]


def test_future_spouse_half_filled(people, store) -> None:
    filing = xac_nhan_hon_nhan(people, "ket_hon")
    filing["ket_hon_voi"]["ngay_sinh"] = ""
    assert errors_of(run(filing, AT, store)) == [("ket_hon_voi.ngay_sinh", "bat_buoc")]


def test_future_spouse_born_in_the_future_is_refused(people, store) -> None:
    filing = xac_nhan_hon_nhan(people, "ket_hon")
    filing["ket_hon_voi"]["ngay_sinh"] = (AT.date() + timedelta(days=1)).isoformat()
    assert errors_of(run(filing, AT, store)) == [
        ("ket_hon_voi.ngay_sinh", "ngay_trong_tuong_lai")]


def test_future_spouse_is_ignored_for_other_purposes(people, store) -> None:
    filing = xac_nhan_hon_nhan(people, "vay_von")
    filing["ket_hon_voi"] = {"ho_ten": "x", "ngay_sinh": "không rõ"}
    assert run(filing, AT, store).valid


@pytest.mark.parametrize("detail", [None, "", "   "])
def test_other_purpose_needs_details(people, store, detail) -> None:
    filing = xac_nhan_hon_nhan(people, "khac")
    filing["muc_dich_chi_tiet"] = detail
    result = run(filing, AT, store)
    assert errors_of(result) == [("muc_dich_chi_tiet", "bat_buoc")]


def test_details_are_not_asked_for_a_listed_purpose(people, store) -> None:
    filing = xac_nhan_hon_nhan(people, "vay_von")
    filing["muc_dich_chi_tiet"] = 12
    assert run(filing, AT, store).valid


@pytest.mark.parametrize(("muc_dich", "code"), [(None, "chon_bat_buoc"),
                                                 ("du_hoc", "lua_chon_khong_hop_le")])
def test_purpose_is_one_of_the_choices(people, store, muc_dich, code: str) -> None:
    filing = {**xac_nhan_hon_nhan(people), "muc_dich": muc_dich}
    assert errors_of(run(filing, AT, store)) == [("muc_dich", code)]


# --- divorced requester --------------------------------------------------------------------


@pytest.mark.parametrize("muc_dich", ["ket_hon", "vay_von"])
def test_divorced_requester_needs_the_divorce_judgment(people, store, muc_dich) -> None:
    divorced = with_status(people, "ly_hon", "nu", AT.date(), 22, 70)
    filing = xac_nhan_for(divorced, muc_dich)
    result = run(filing, AT, store)
    assert errors_of(result) == [("giay_to", "thieu_giay_to_hon_nhan_truoc")]
    assert divorced["ho_ten"] in result.errors[0].message

    filing["giay_to"] = ["trich_luc_khai_tu"]  # not the paper a divorce needs
    assert errors_of(run(filing, AT, store)) == [("giay_to", "giay_to_hon_nhan_truoc_sai")]

    filing["giay_to"] = ["ban_an_ly_hon"]
    assert run(filing, AT, store).valid


def test_widowed_requester_may_get_it_for_marrying_with_the_death_extract(
    people, store
) -> None:
    widow = with_status(people, "goa", "nu", AT.date(), 22, 80)
    assert errors_of(run(xac_nhan_for(widow, "ket_hon"), AT, store)) == [
        ("giay_to", "thieu_giay_to_hon_nhan_truoc")]
    filing = xac_nhan_for(widow, "ket_hon", giay_to=("ban_an_ly_hon",))
    assert errors_of(run(filing, AT, store)) == [("giay_to", "giay_to_hon_nhan_truoc_sai")]
    assert run(xac_nhan_for(widow, "ket_hon", giay_to=("trich_luc_khai_tu",)), AT, store).valid


# --- registry and place --------------------------------------------------------------------


def test_birth_date_must_match_the_registry(people, store) -> None:
    filing = xac_nhan_hon_nhan(people)
    right = date.fromisoformat(filing["nguoi_yeu_cau"]["ngay_sinh"])
    filing["nguoi_yeu_cau"]["ngay_sinh"] = right.replace(year=right.year - 1).isoformat()
    result = run(filing, AT, store)
    assert errors_of(result) == [("nguoi_yeu_cau.ngay_sinh", "ngay_sinh_khong_khop")]
    assert right.strftime("%d/%m/%Y") not in result.errors[0].message


def test_filed_outside_the_requesters_commune_is_refused(people, store) -> None:
    filing = xac_nhan_hon_nhan(people)
    other = "pleiku" if filing["co_quan"] == "thong_nhat" else "thong_nhat"
    assert errors_of(run({**filing, "co_quan": other}, AT, store)) == [
        ("co_quan", "sai_tham_quyen")]


# --- "to marry": the marriage conditions on the filing day (NĐ 123/2015 Điều 22 khoản 3) ---


@pytest.mark.parametrize(("sex", "years"), [("nam", 20), ("nu", 18)])
def test_to_marry_the_requester_must_be_of_marrying_age_on_the_filing_day(
    people, store, sex: str, years: int
) -> None:
    from builders import birthday_of, turning

    person = turning(people, sex, years, AT.date())
    day = birthday_of(person, years)
    before = datetime.combine(day - timedelta(days=1), AT.time())
    on = datetime.combine(day, AT.time())
    error = error_at(run(xac_nhan_for(person, "ket_hon"), before, store),
                     "nguoi_yeu_cau.ngay_sinh")
    assert error.code == "chua_du_tuoi_ket_hon_xac_nhan"
    assert f"{years} tuổi" in error.message and "Điều 22 khoản 3" in error.message
    assert run(xac_nhan_for(person, "ket_hon"), on, store).valid
    assert run(xac_nhan_for(person, "vay_von"), before, store).valid  # other purposes: any age


def test_the_divorce_records_details_are_enough(people, store) -> None:
    from builders import registry_update

    from tdp.registry import MarriageEnd

    person = with_status(people, "ly_hon", "nu", AT.date(), 22, 70)
    record = MarriageEnd("ly_hon", "8/2020/HNGĐ-ST", "2020-02-03", "Tòa án nhân dân tỉnh Gia Lai")
    registry_update(store, person["so_dinh_danh"], cham_dut_hon_nhan=record)
    filing = xac_nhan_for(person, "ket_hon")
    filing["nguoi_yeu_cau"]["cham_dut_hon_nhan"] = {
        "loai": "ly_hon", "so": record.so, "ngay": record.ngay, "co_quan": record.co_quan}
    assert run(filing, AT, store).valid
    filing["nguoi_yeu_cau"]["cham_dut_hon_nhan"]["so"] = "9/2020/HNGĐ-ST"
    assert errors_of(run(filing, AT, store)) == [
        ("nguoi_yeu_cau.cham_dut_hon_nhan", "cham_dut_hon_nhan_khong_khop")]


def test_the_receipt_gives_the_validity_from_the_catalog(people, store) -> None:
    from tdp.engine import submit

    months = load_catalog().procedure("xac_nhan_hon_nhan").validity_months
    assert months == 6
    result = submit("xac_nhan_hon_nhan", xac_nhan_hon_nhan(people), AT, store)
    assert any(f"giá trị {months} tháng" in step for step in result.next_steps)
