"""Fees the law of 2026 adds: copies of an extract always cost the copy fee (Luật Hộ tịch 2014
Điều 11 khoản 2), and the registration fee exemption comes from the registry's `uu_dai`, never
from a tick box; a claim the registry does not hold names the paper that proves it."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from builders import (
    VALID,
    assert_well_formed,
    error_at,
    errors_of,
    ket_hon,
    khai_sinh,
    khai_tu,
    married_couple,
    registry_update,
    xac_nhan_hon_nhan,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tdp.catalog import load_catalog
from tdp.engine import check

AT = datetime(2026, 11, 27, 10, 0)
PROVINCE = load_catalog().wards.province("gia_lai")
COPY = PROVINCE.fee("ban_sao_trich_luc", AT.date())
LATE_BIRTH = PROVINCE.fee("khai_sinh_qua_han", AT.date())


def run(procedure: str, filing: dict, store):
    result = check(procedure, filing, AT, store)
    assert_well_formed(procedure, result)
    return result


def test_the_copy_fee_is_a_positive_sample_value() -> None:
    assert COPY > 0
    assert PROVINCE.fees_are_samples


@pytest.mark.parametrize("copies", [0, 1, 2, 5])
@pytest.mark.parametrize(("procedure", "build", "registration"), [
    ("khai_sinh", lambda people: khai_sinh(people, born="2026-11-01"), 0),  # on time: free
    ("khai_sinh", lambda people: khai_sinh(people, born="2025-01-15"), LATE_BIRTH),  # late
    ("khai_tu", lambda people: khai_tu(people, died="2026-11-20"), 0),
    ("ket_hon", lambda people: ket_hon(people), 0),
])
def test_copies_always_cost_the_copy_fee_on_top_of_the_registration(
    people, store, procedure, build, registration, copies
) -> None:
    filing = {**build(people), "so_ban_sao": copies}
    result = run(procedure, filing, store)
    assert result.valid, errors_of(result)
    assert result.fee == registration + COPY * copies


def test_a_free_registration_with_copies_is_not_free(people, store) -> None:
    result = run("khai_sinh", {**khai_sinh(people), "so_ban_sao": 1}, store)
    assert (result.late, result.fee) == (False, COPY)


# --- exemption from the registry -----------------------------------------------------------


@pytest.mark.parametrize("uu_dai", ["ho_ngheo", "khuyet_tat", "co_cong"])
def test_an_exemption_the_registry_holds_needs_no_claim(people, store, uu_dai) -> None:
    mother, _ = married_couple(people)
    registry_update(store, mother["so_dinh_danh"], uu_dai=[uu_dai])
    late = khai_sinh(people, born="2025-01-15")
    result = run("khai_sinh", late, store)
    assert (result.valid, result.late, result.fee) == (True, True, 0)
    claimed = run("khai_sinh", {**late, "uu_dai": uu_dai}, store)  # claiming it changes nothing
    assert (claimed.valid, claimed.fee) == (True, 0)


def test_an_exemption_never_waives_the_copy_fee(people, store) -> None:
    mother, _ = married_couple(people)
    registry_update(store, mother["so_dinh_danh"], uu_dai=["ho_ngheo"])
    result = run("khai_sinh", {**khai_sinh(people, born="2025-01-15"), "so_ban_sao": 2}, store)
    assert (result.valid, result.fee) == (True, 2 * COPY)


def test_without_an_exemption_the_late_fee_is_charged(people, store) -> None:
    result = run("khai_sinh", khai_sinh(people, born="2025-01-15"), store)
    assert (result.valid, result.fee) == (True, LATE_BIRTH)


def test_the_requester_of_a_certificate_is_exempt_from_the_registry(people, store) -> None:
    filing = xac_nhan_hon_nhan(people)
    registry_update(store, filing["nguoi_yeu_cau"]["so_dinh_danh"], uu_dai=["khuyet_tat"])
    assert run("xac_nhan_hon_nhan", filing, store).fee == 0


def test_the_deceased_in_a_poor_household_is_exempt_from_the_late_fee(people, store) -> None:
    filing = khai_tu(people, died="2026-01-05")
    registry_update(store, filing["nguoi_mat"]["so_dinh_danh"], uu_dai=["ho_ngheo"])
    result = run("khai_tu", filing, store)
    assert (result.valid, result.late, result.fee) == (True, True, 0)


def test_a_claim_the_registry_does_not_hold_is_refused_naming_the_paper(people, store) -> None:
    mother, _ = married_couple(people)
    registry_update(store, mother["so_dinh_danh"], uu_dai=["khuyet_tat"])  # not ho_ngheo
    result = run("khai_sinh", {**khai_sinh(people, born="2025-01-15"), "uu_dai": "ho_ngheo"},
                 store)
    error = error_at(result, "uu_dai")
    assert error.code == "uu_dai_khong_co_trong_csdl"
    assert "Giấy chứng nhận hộ nghèo" in error.message
    assert not result.valid


@pytest.mark.parametrize("procedure", ["khai_sinh", "khai_tu", "xac_nhan_hon_nhan"])
def test_the_tick_box_is_gone_from_every_procedure(procedure) -> None:
    proc = load_catalog().procedure(procedure)
    assert proc.field("mien_le_phi") is None
    assert proc.field("uu_dai") is not None


@pytest.mark.parametrize("procedure", sorted(VALID))
def test_the_old_tick_box_is_refused_by_every_procedure(people, store, procedure) -> None:
    filing = {**VALID[procedure](people), "mien_le_phi": True}
    result = check(procedure, filing, AT, store)
    assert [(e.field, e.code) for e in result.errors] == [
        ("mien_le_phi", "mien_le_phi_khong_con_dung")]


@settings(deadline=None, max_examples=30,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(copies=st.integers(0, 20), days=st.integers(0, 400))
def test_the_fee_is_the_registration_fee_plus_copies(people, store, copies, days) -> None:
    born = date(2026, 11, 27) - timedelta(days=days)
    base = check("khai_sinh", khai_sinh(people, born=born.isoformat()), AT, store)
    more = check("khai_sinh", {**khai_sinh(people, born=born.isoformat()), "so_ban_sao": copies},
                 AT, store)
    assert more.valid and base.valid
    assert more.fee - base.fee == COPY * copies
    assert base.fee == (LATE_BIRTH if base.late else 0)
