"""`tdp registry list --json` and `tdp registry show` carry the registry's new facts
(issue 13): the record that ended a marriage, fee exemptions, parents across households."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

NEW_KEYS = {"cham_dut_hon_nhan", "uu_dai", "so_dinh_danh_cha", "so_dinh_danh_me"}
TDP = str(Path(sys.executable).parent / "tdp")


def tdp(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([TDP, *args], capture_output=True, text=True, encoding="utf-8",
                          timeout=300, check=False)


def test_list_json_has_the_new_keys(db_url: str, people: list[dict]) -> None:
    proc = tdp("registry", "list", "--json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data == people
    assert all(set(p) >= NEW_KEYS for p in data)
    ended = [p for p in data if p["cham_dut_hon_nhan"]]
    assert ended and all(set(p["cham_dut_hon_nhan"]) >= {"loai", "so", "ngay", "co_quan"}
                         for p in ended)
    assert any(p["uu_dai"] for p in data)


def test_show_prints_the_record_and_the_exemption(db_url: str, people: list[dict]) -> None:
    widow = next(p for p in people if p["cham_dut_hon_nhan"]
                 and p["cham_dut_hon_nhan"]["loai"] == "vo_chong_chet"
                 and p["cham_dut_hon_nhan"]["so_dinh_danh_vo_chong_cu"])
    proc = tdp("registry", "show", widow["so_dinh_danh"])
    assert proc.returncode == 0, proc.stderr
    end = widow["cham_dut_hon_nhan"]
    day = "/".join(reversed(end["ngay"].split("-")))
    assert f"Chấm dứt hôn nhân: đăng ký khai tử của vợ/chồng số {end['so']} ngày {day}" in (
        proc.stdout)
    assert end["co_quan"] in proc.stdout and end["so_dinh_danh_vo_chong_cu"] in proc.stdout
    divorced = next(p for p in people if p["cham_dut_hon_nhan"]
                    and p["cham_dut_hon_nhan"]["loai"] == "ly_hon")
    assert "bản án, quyết định ly hôn số " + divorced["cham_dut_hon_nhan"]["so"] in tdp(
        "registry", "show", divorced["so_dinh_danh"]).stdout
    poor = next(p for p in people if "ho_ngheo" in p["uu_dai"])
    assert "Diện ưu đãi (miễn lệ phí): hộ nghèo" in tdp(
        "registry", "show", poor["so_dinh_danh"]).stdout
    as_json = json.loads(tdp("registry", "show", widow["so_dinh_danh"], "--json").stdout)
    assert as_json == widow
