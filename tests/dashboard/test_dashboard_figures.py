"""The dashboard's figures against the hand-computed fixture (see dashboard_data.py)."""

from __future__ import annotations

import math
from datetime import date
from typing import Any

import pytest
from dashboard_data import AN, BINH, SCEN_A, SCEN_B

from tdp.classlist import read_trainees
from tdp.dashboard import grades as gr
from tdp.dashboard import practice as pr
from tdp.dashboard import support as sp
from tdp.practice import list_scenarios, load_modules
from tdp.support import load_support_choices, records_frame

MARCH = (date(2025, 3, 1), date(2025, 3, 31))
APRIL = (date(2025, 4, 1), date(2025, 4, 30))


@pytest.fixture
def attempts(filled: dict[str, Any]):
    return pr.read_attempts(filled["store"])


def test_attempts_frame(attempts) -> None:
    assert list(attempts["trainee"]) == [AN, AN, BINH]
    assert list(attempts["score"]) == [6, 10, 3]
    assert list(attempts["max_score"]) == [10, 10, 5]


def test_attempts_per_trainee(attempts) -> None:
    table = pr.attempts_per_trainee(attempts)
    assert table.to_dict("records") == [
        {"hoc_vien": AN, "so_luot": 2, "so_tinh_huong": 1, "ty_le_tb": 80.0,
         "lan_cuoi": "2025-03-11 09:00"},
        {"hoc_vien": BINH, "so_luot": 1, "so_tinh_huong": 1, "ty_le_tb": 60.0,
         "lan_cuoi": "2025-04-01 14:30"},
    ]


def test_period_filter(attempts) -> None:
    assert len(pr.filter_attempts(attempts, *MARCH)) == 2
    april = pr.filter_attempts(attempts, *APRIL)
    assert list(april["trainee"]) == [BINH]


def test_scenario_and_module_scores(attempts) -> None:
    scenarios = list_scenarios()
    by_scenario = pr.scenario_scores(attempts, scenarios).set_index("tinh_huong")
    assert by_scenario.loc[SCEN_A, ["so_luot", "diem_tb", "diem_toi_da", "ty_le_tb"]].tolist() \
        == [2, 8.0, 10, 80.0]
    assert by_scenario.loc[SCEN_B, ["so_luot", "diem_tb", "ty_le_tb"]].tolist() == [1, 3.0, 60.0]
    assert by_scenario.loc[SCEN_A, "hoc_phan"] == 1
    modules = pr.module_scores(attempts, scenarios, load_modules().modules)
    assert modules[["hoc_phan", "so_luot", "ty_le_tb"]].values.tolist() == [[1, 2, 80.0],
                                                                            [2, 1, 60.0]]
    assert modules["ten"].iloc[0] == load_modules().modules[0].title


def test_missed_items_most_missed_first(attempts) -> None:
    missed = pr.missed_items(attempts)
    assert missed[["tinh_huong", "tieu_chi", "so_lan_cham", "so_lan_sai", "ty_le_sai"]] \
        .values.tolist() == [[SCEN_B, "c3", 1, 1, 100.0], [SCEN_A, "c2", 2, 1, 50.0]]
    assert missed["noi_dung"].tolist() == ["Tiêu chí c3", "Tiêu chí c2"]


def test_not_practised(attempts, filled: dict[str, Any]) -> None:
    trainees = read_trainees(filled["trainees"])
    assert pr.not_practised(attempts, trainees)["ma_hoc_vien"].tolist() == ["chi"]
    april = pr.filter_attempts(attempts, *APRIL)
    assert pr.not_practised(april, trainees)["ma_hoc_vien"].tolist() == ["an", "chi"]


def test_grades(filled: dict[str, Any]) -> None:
    long = gr.read_gradebook(filled["gradebook"], read_trainees(filled["trainees"]))
    assert len(long) == 6  # 2 assignments × 3 students
    wide = gr.grades_table(long).set_index("ma_hoc_vien")
    assert wide.loc["an", ["bai_1", "bai_2", "tong", "so_bai_nop"]].tolist() == [8, 5, 13, 2]
    assert wide.loc["binh", "bai_1"] == 6 and math.isnan(wide.loc["binh", "bai_2"])
    assert wide.loc["chi", ["tong", "so_bai_nop"]].tolist() == [0, 0]
    assert wide.loc["chi", "ho_ten"] == "Lê Thị Chi"
    summary = gr.assignment_summary(long)
    assert summary.values.tolist() == [["bai_1", 10.0, 2, 3, 7.0], ["bai_2", 5.0, 1, 3, 5.0]]


def test_missing_gradebook_is_no_data(tmp_path) -> None:
    url = f"sqlite:///{tmp_path / 'none.db'}"
    assert gr.read_gradebook(url).empty
    assert not (tmp_path / "none.db").exists()
    assert gr.grades_table(gr.empty_grades()).empty
    assert gr.assignment_summary(gr.empty_grades()).empty


def test_support_figures(filled: dict[str, Any]) -> None:
    frame = records_frame(store=filled["store"])
    choices = load_support_choices()
    assert sp.totals(frame) == {"luot_ho_tro": 3, "da_nop": 2, "ngay_cong": 3,
                                "ngay_hoat_dong": 3, "tinh_nguyen_vien": 2}
    assert sp.totals(frame, wards="thong_nhat")["luot_ho_tro"] == 2
    assert sp.totals(frame, wards="thong_nhat")["tinh_nguyen_vien"] == 1
    assert sp.totals(frame, start=APRIL[0], end=APRIL[1])["luot_ho_tro"] == 1
    months = sp.ward_months(frame, choices)
    assert months[["xa_phuong", "thang", "luot_ho_tro"]].values.tolist() == [
        ["pleiku", "2025-03", 0], ["pleiku", "2025-04", 1],
        ["thong_nhat", "2025-03", 2], ["thong_nhat", "2025-04", 0]]
    assert months["ten_xa_phuong"].iloc[-1] == "Phường Thống Nhất"
    procs = sp.procedure_totals(frame, choices)
    assert procs[["thu_tuc", "so_luot"]].values.tolist() == [["khai_sinh", 2], ["khai_tu", 1]]
    png = sp.activity_png(months, choices)
    assert png.startswith(b"\x89PNG")


def test_empty_store_shows_no_data(store) -> None:
    """No attempts table, no records, no gradebook: every function returns an empty frame
    and the view says "Chưa có dữ liệu" instead of failing."""
    attempts = pr.read_attempts(store)
    assert attempts.empty
    for table in (pr.attempts_per_trainee(attempts), pr.scenario_scores(attempts),
                  pr.module_scores(attempts), pr.missed_items(attempts)):
        assert table.empty
    frame = records_frame(store=store)
    assert sp.totals(frame)["luot_ho_tro"] == 0
    assert sp.procedure_totals(frame, load_support_choices()).empty


def test_view_renders_fixture_and_filters(filled: dict[str, Any]) -> None:
    from tdp.dashboard.view import Dashboard

    dash = Dashboard(store=filled["store"])
    assert dash.first.value == "2025-03" and dash.last.value == "2025-04"
    assert "tdp-dash-support-visits" in dash.support.value
    assert '<b class="tdp-dash-value">3</b></div>' in dash.support.value
    assert "Lê Thị Chi" in dash.practice.value and "Tiêu chí c3" in dash.practice.value
    assert "Nguyễn Văn An" in dash.grades.value and "13" in dash.grades.value
    dash.ward.value = "thong_nhat"
    assert ('tdp-dash-support-visits">Lượt hỗ trợ<b class="tdp-dash-value">2</b>'
            in dash.support.value)
    dash.ward.value = ""
    dash.first.value = "2025-04"
    assert ('tdp-dash-support-visits">Lượt hỗ trợ<b class="tdp-dash-value">1</b>'
            in dash.support.value)
    assert 'tdp-dash-practice-attempts">Lượt luyện tập<b class="tdp-dash-value">1</b>' \
        in dash.practice.value
    for box in (dash.practice, dash.grades, dash.support):
        assert "tdp-problem" not in box.value


def test_view_empty(store, tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tdp.dashboard.view import Dashboard

    monkeypatch.setenv("TDP_GRADEBOOK_URL", f"sqlite:///{tmp_path / 'none.db'}")
    monkeypatch.setenv("TDP_TRAINEES_CSV", str(tmp_path / "none.csv"))
    dash = Dashboard(store=store)
    for box in (dash.practice, dash.grades, dash.support):
        assert "Chưa có dữ liệu" in box.value
        assert "tdp-problem" not in box.value
