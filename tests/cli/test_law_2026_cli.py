"""The 2026 rules of domain.md through the real `tdp check` / `tdp submit` contract."""

from __future__ import annotations

from pathlib import Path

import builders
import pytest
from test_check_submit_cli import (
    AGENCY,
    CHECK_KEYS,
    assert_check_shape,
    json_out,
    registry,
    tdp,
    write_json,
)


def test_domain_md_sunday_example_is_on_time_and_free(db_url, people, tmp_path: Path) -> None:
    path = write_json(tmp_path / "f.json", builders.khai_sinh(people, born="2026-07-22"))
    monday = tdp("check", "khai_sinh", path, "--at", "2026-09-21T16:30")
    data = json_out(monday)
    assert_check_shape(data)
    assert (monday.returncode, data["valid"], data["late"], data["fee"]) == (0, True, False, 0)
    tuesday = json_out(tdp("check", "khai_sinh", path, "--at", "2026-09-22T08:00"))
    assert (tuesday["valid"], tuesday["late"]) == (True, True)
    assert tuesday["fee"] > 0


def test_copies_are_charged_even_on_a_free_registration(db_url, people, tmp_path: Path) -> None:
    fees = {}
    for copies in (0, 1, 3):
        filing = {**builders.khai_sinh(people), "so_ban_sao": copies}
        path = write_json(tmp_path / f"f{copies}.json", filing)
        fees[copies] = json_out(tdp("check", "khai_sinh", path, "--at", "2026-11-27T09:00"))["fee"]
    assert fees[0] == 0
    assert fees[1] > 0 and fees[3] == 3 * fees[1]


@pytest.mark.parametrize("value", [True, "ho_ngheo"])
def test_the_old_exemption_box_is_an_error_never_ignored(db_url, people, tmp_path, value) -> None:
    filing = {**builders.khai_sinh(people, born="2025-01-15"), "mien_le_phi": value}
    proc = tdp("check", "khai_sinh", write_json(tmp_path / "f.json", filing), "--at",
               "2026-11-27T09:00")
    data = json_out(proc)
    assert proc.returncode == 1
    assert [(e["field"], e["code"]) for e in data["errors"]] == [
        ("mien_le_phi", "mien_le_phi_khong_con_dung")]
    assert data["fee"] > 0


def test_submit_a_copy_of_an_extract(db_url, people, tmp_path: Path) -> None:
    filing = builders.trich_luc(people, so_ban=2)
    filing["co_quan"] = "pleiku"
    proc = tdp("submit", "trich_luc_ban_sao", write_json(tmp_path / "f.json", filing),
               "--at", "2026-11-27T09:00")
    data = json_out(proc)
    assert proc.returncode == 0, data
    assert set(data) == CHECK_KEYS | {"receipt"}
    assert data["receipt"].startswith(AGENCY["pleiku"] + "-261127-")
    assert data["fee"] > 0 and data["fee"] % 2 == 0
    assert data["appointment"] == "2026-11-27"


def test_a_married_mother_must_name_her_husband(db_url, people, tmp_path: Path) -> None:
    filing = {**builders.khai_sinh(people), "cha": None}
    proc = tdp("submit", "khai_sinh", write_json(tmp_path / "f.json", filing),
               "--at", "2026-11-27T09:00")
    data = json_out(proc)
    assert proc.returncode == 1
    assert "receipt" not in data and "so_dinh_danh" not in data
    assert [e["field"] for e in data["errors"]] == ["cha"]


def test_the_registry_lists_the_new_keys(db_url) -> None:
    person = registry()[0]
    assert {"uu_dai", "cham_dut_hon_nhan", "so_dinh_danh_cha", "so_dinh_danh_me"} <= set(person)


def test_status_tells_what_the_receipt_tells(db_url, people, tmp_path: Path) -> None:
    """domain.md: recognition needs the father in person, "the receipt says so"; `tdp status`
    gives the receipt's words for a stored filing, as the printed slip does."""
    mother = builders.unmarried_mother(people)
    father = builders.find(people, lambda p: p["gioi_tinh"] == "nam" and builders.alive(p)
                           and p["ngay_sinh"] < "2000-01-01")
    filing = builders.khai_sinh_for(mother, father, nhan_cha_con=True,
                                    giay_to=("giay_chung_sinh", "chung_cu_cha_con"))
    submitted = json_out(tdp("submit", "khai_sinh", write_json(tmp_path / "f.json", filing),
                             "--at", "2026-11-27T09:00"))
    assert submitted["valid"], submitted
    status = tdp("status", submitted["receipt"])
    steps = json_out(status)["next_steps"]
    assert status.returncode == 0
    assert any("người cha phải trực tiếp có mặt" in step for step in steps)
    assert any(f"(số {submitted['so_dinh_danh']})" in step for step in steps)
