"""The dashboard's paper-test tab: the gain per trainee and per question, from the kept
scores (`var/kiem_tra/`), computed by hand here."""

from __future__ import annotations

import json
from typing import Any

from tdp.paths import var_dir


def _scores(form: str, rows: dict[str, list[bool]]) -> None:
    folder = var_dir() / "kiem_tra"
    folder.mkdir(parents=True, exist_ok=True)
    data = {"de": form, "so_cau": 2,
            "cau_hoi": [{"so": 1, "ky_nang": "han_khai_sinh", "dap_an": "B"},
                        {"so": 2, "ky_nang": "han_khai_tu", "dap_an": "A"}],
            "hoc_vien": {k: {"ho_ten": k.title(), "tra_loi": [], "dung": v, "diem": sum(v)}
                         for k, v in rows.items()}}
    (folder / f"{form}.json").write_text(json.dumps(data), encoding="utf-8")


def test_the_tab_before_and_after_the_tests(filled: dict[str, Any]) -> None:
    from tdp.dashboard.view import Dashboard

    dash = Dashboard(store=filled["store"])
    assert dash.tabs.titles[-1] == "Kiểm tra đầu/cuối khóa"
    assert "Chưa chấm bài kiểm tra nào" in dash.tests.value
    # pre: an 1/2, binh 0/2; post: an 2/2, binh 1/2 → gains +1, +1
    # question 1: pre 50 % → post 100 % (+50); question 2: pre 0 % → post 50 % (+50)
    _scores("pre", {"an": [True, False], "binh": [False, False]})
    _scores("post", {"an": [True, True], "binh": [True, False]})
    dash.refresh()
    html = dash.tests.value
    assert "tdp-dash-test-trainees" in html and "tdp-dash-test-questions" in html
    assert "Biết hạn khai sinh đúng hạn" in html  # the skill's words from the bank
    from tdp.classroom.papertest import read_scores
    from tdp.dashboard.paper_tests import gain_per_question, gain_per_trainee

    pre, post = read_scores("pre"), read_scores("post")
    assert list(gain_per_trainee(pre, post)["tien_bo"]) == [1.0, 1.0]
    q = gain_per_question(pre, post)
    assert list(q["dau_khoa"]) == [50.0, 0.0] and list(q["cuoi_khoa"]) == [100.0, 50.0]
    assert list(q["tien_bo"]) == [50.0, 50.0]
