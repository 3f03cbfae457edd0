"""Data first is the law from 15/1/2026 only (domain.md: "Nghị định 18/2026/NĐ-CP (in force
15/1/2026) amended Nghị định 123/2015"; the engine applies what is in force at `--at`): the
details of the record that ended a marriage replace the paper from that day; a filing made the
day before still needs the paper. Both sides of the date, for both procedures that ask."""

from __future__ import annotations

from datetime import datetime

import pytest
from builders import errors_of, ket_hon, registry_update, xac_nhan_hon_nhan

from tdp.engine import check
from tdp.registry import MarriageEnd

DAY_BEFORE = datetime(2026, 1, 14, 16, 59)  # a Wednesday, late in the day
IN_FORCE = datetime(2026, 1, 15, 7, 30)  # Thursday: Nghị định 18/2026/NĐ-CP takes effect
JUDGMENT = MarriageEnd("ly_hon", "35/2019/HNGĐ-ST", "2019-06-14",
                       "Tòa án nhân dân thành phố Pleiku")
DETAILS = {"loai": JUDGMENT.loai, "so": JUDGMENT.so, "ngay": JUDGMENT.ngay,
           "co_quan": JUDGMENT.co_quan}


def divorced(store, filing: dict, group: str) -> dict:
    registry_update(store, filing[group]["so_dinh_danh"], tinh_trang_hon_nhan="ly_hon",
                    cham_dut_hon_nhan=JUDGMENT)
    return filing


@pytest.fixture(params=["ket_hon", "xac_nhan_hon_nhan"])
def case(request, people, store) -> tuple[str, str, dict]:
    """(procedure, group of the divorced person, a filing that gives the record's details)."""
    if request.param == "ket_hon":
        filing, group = ket_hon(people), "ben_nam"
    else:
        filing, group = xac_nhan_hon_nhan(people), "nguoi_yeu_cau"
    divorced(store, filing, group)
    filing[group]["cham_dut_hon_nhan"] = dict(DETAILS)
    return request.param, group, filing


def test_the_details_are_enough_from_the_day_the_decree_takes_effect(case, store) -> None:
    proc, _, filing = case
    result = check(proc, filing, IN_FORCE, store)
    assert result.valid, errors_of(result)


def test_the_day_before_the_paper_is_still_needed(case, store) -> None:
    proc, _, filing = case
    result = check(proc, filing, DAY_BEFORE, store)
    assert errors_of(result) == [("giay_to", "thieu_giay_to_hon_nhan_truoc_nd123")]
    message = result.errors[0].message
    assert "Bản án hoặc quyết định ly hôn" in message and "15/01/2026" in message
    filing["giay_to"] = ["ban_an_ly_hon"]
    assert check(proc, filing, DAY_BEFORE, store).valid


def test_the_day_before_details_that_do_not_match_are_not_looked_up(case, store) -> None:
    """Before the decree the portal looks nothing up: only the paper counts."""
    proc, group, filing = case
    filing[group]["cham_dut_hon_nhan"]["so"] = "99/2020/HNGĐ-ST"
    filing["giay_to"] = ["ban_an_ly_hon"]
    assert check(proc, filing, DAY_BEFORE, store).valid
    assert errors_of(check(proc, filing, IN_FORCE, store)) == [
        (f"{group}.cham_dut_hon_nhan", "cham_dut_hon_nhan_khong_khop")]


def test_the_wrong_paper_is_refused_on_both_sides(case, store) -> None:
    proc, group, filing = case
    del filing[group]["cham_dut_hon_nhan"]
    filing["giay_to"] = ["trich_luc_khai_tu"]
    before = check(proc, filing, DAY_BEFORE, store)
    assert errors_of(before) == [("giay_to", "giay_to_hon_nhan_truoc_sai_chi_giay")]
    assert "tra cứu" not in before.errors[0].message  # nothing is looked up before the decree
    after = check(proc, filing, IN_FORCE, store)
    assert errors_of(after) == [("giay_to", "giay_to_hon_nhan_truoc_sai")]
    for result in (before, after):
        assert "Bản án hoặc quyết định ly hôn" in result.errors[0].message
