"""Fixture data for the dashboard tests, small enough to compute every figure by hand.

Support log (3 records):
  2025-03-05 thong_nhat    khai_sinh  da_nop         Nguyễn Văn An
  2025-03-20 thong_nhat    khai_tu    thieu_giay_to  Nguyễn Văn An
  2025-04-02 pleiku khai_sinh  da_nop         Trần Thị Bình
Practice attempts (3):
  An    SCEN_A (module 1) 2025-03-10  c1 ok 6/6, c2 missed 0/4  → 6/10 = 60 %
  An    SCEN_A            2025-03-11  c1 ok, c2 ok              → 10/10 = 100 %
  Bình  SCEN_B (module 2) 2025-04-01  c1 ok 3/3, c3 missed 0/2  → 3/5 = 60 %
Class list: an, binh, chi (Lê Thị Chi never practised).
Gradebook: bai_1 (max 10): an 8, binh 6; bai_2 (max 5): an 5; chi submitted nothing.
"""

from __future__ import annotations

import warnings
from datetime import date, datetime
from pathlib import Path

SCEN_A = "m1_tim_thu_tuc_khai_sinh"
SCEN_B = "m2_nho_giu_mat_khau"
AN, BINH, CHI = "Nguyễn Văn An", "Trần Thị Bình", "Lê Thị Chi"
TODAY = date(2025, 6, 30)

SUPPORT = [
    ("05/03/2025", "thong_nhat", "khai_sinh", "da_nop", AN),
    ("20/03/2025", "thong_nhat", "khai_tu", "thieu_giay_to", AN),
    ("02/04/2025", "pleiku", "khai_sinh", "da_nop", BINH),
]


def _result(scenario: str, items: list[tuple[str, bool, int]]):
    from tdp.practice import Item, ScoreResult

    made = [Item(criterion=c, label=f"Tiêu chí {c}", ok=ok, points=pts if ok else 0,
                 max_points=pts, feedback="") for c, ok, pts in items]
    return ScoreResult(scenario, sum(i.points for i in made), sum(i.max_points for i in made),
                       made)


ATTEMPTS = [
    (AN, SCEN_A, [("c1", True, 6), ("c2", False, 4)], datetime(2025, 3, 10, 9, 0)),
    (AN, SCEN_A, [("c1", True, 6), ("c2", True, 4)], datetime(2025, 3, 11, 9, 0)),
    (BINH, SCEN_B, [("c1", True, 3), ("c3", False, 2)], datetime(2025, 4, 1, 14, 30)),
]


def add_support(store) -> None:
    from tdp.support import add_record

    for day, ward, proc, outcome, volunteer in SUPPORT:
        add_record({"ngay": day, "xa_phuong": ward, "to_dan_pho": "to_1", "thu_tuc": proc,
                    "hinh_thuc": "tai_nha", "nhom_tuoi": "tu_60", "ket_qua": outcome,
                    "tinh_nguyen_vien": volunteer}, store=store, today=TODAY)


def add_attempts(store) -> None:
    from datetime import timedelta

    from tdp.practice import record_attempt

    for trainee, scenario, items, started in ATTEMPTS:
        record_attempt(trainee, scenario, {}, _result(scenario, items), started,
                       started + timedelta(minutes=10), store=store)


def write_trainees(path: Path) -> Path:
    path.write_text(f"ma_hoc_vien,ho_ten\nan,{AN}\nbinh,{BINH}\nchi,{CHI}\n", encoding="utf-8")
    return path


def make_gradebook(path: Path) -> str:
    """A tiny nbgrader gradebook; returns its URL."""
    from nbgrader.api import Gradebook

    from tdp.grading.course import ensure_tools_on_path

    ensure_tools_on_path()
    url = f"sqlite:///{path}"
    with warnings.catch_warnings(), Gradebook(url) as gb:
        warnings.simplefilter("ignore")  # nbgrader's own SAWarnings on add_submission
        for name, max_score in (("bai_1", 10), ("bai_2", 5)):
            gb.add_assignment(name)
            gb.add_notebook("bai", name)
            gb.add_grade_cell("cau_1", "bai", name, max_score=max_score, cell_type="code")
        for sid, last, first in (("an", "Nguyễn Văn", "An"), ("binh", "Trần Thị", "Bình"),
                                 ("chi", "Lê Thị", "Chi")):
            gb.add_student(sid, last_name=last, first_name=first)
        for assignment, sid, score in (("bai_1", "an", 8), ("bai_1", "binh", 6),
                                       ("bai_2", "an", 5)):
            gb.add_submission(assignment, sid)
            grade = gb.find_grade("cau_1", "bai", assignment, sid)
            grade.auto_score = score
            gb.db.commit()
    return url


def populate(store, folder: Path) -> tuple[str, Path]:
    """Everything at once: (gradebook URL, trainees CSV)."""
    add_support(store)
    add_attempts(store)
    folder.mkdir(parents=True, exist_ok=True)
    return make_gradebook(folder / "gradebook.db"), write_trainees(folder / "trainees.csv")
