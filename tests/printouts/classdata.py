"""A small class for the classroom printouts, every figure computable by hand.

Class list: an (Phường Thống Nhất), binh (Phường Pleiku), chi (no ward).
Gradebook: bai1 max 10, bai2 max 10 → an 9+9 = 90 %, binh 10+4 = 70 %, chi 2+0 = 10 %.
"""

from __future__ import annotations

import warnings
from pathlib import Path

TRAINEES = [("an", "Nguyễn Văn An", "thong_nhat", "0912345678"),
            ("binh", "Trần Thị Bình", "pleiku", "0987654321"),
            ("chi", "Lê Thị Chi", "", "")]


def write_class(path: Path) -> Path:
    lines = ["ma_hoc_vien,ho_ten,phuong,so_dien_thoai"]  # as `tdp class import` writes it
    lines += [",".join(t) for t in TRAINEES]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def make_gradebook(path: Path, scores: dict[str, tuple[int, int]]) -> str:
    """bai1 and bai2, max 10 each; `scores` trainee → (bai1, bai2)."""
    from nbgrader.api import Gradebook

    from tdp.grading.course import ensure_tools_on_path

    ensure_tools_on_path()
    url = f"sqlite:///{path}"
    with warnings.catch_warnings(), Gradebook(url) as gb:
        warnings.simplefilter("ignore")
        for name in ("bai1", "bai2"):
            gb.add_assignment(name)
            gb.add_notebook("bai", name)
            gb.add_grade_cell("cau_1", "bai", name, max_score=10, cell_type="code")
        for sid, name, _, _ in TRAINEES:
            last, first = name.rsplit(" ", 1)
            gb.add_student(sid, last_name=last, first_name=first)
        for sid, marks in scores.items():
            for assignment, score in zip(("bai1", "bai2"), marks, strict=True):
                gb.add_submission(assignment, sid)
                grade = gb.find_grade("cau_1", "bai", assignment, sid)
                grade.auto_score = score
                gb.db.commit()
    return url


def fill_sheet(path: Path, rows: dict[str, str], first_column: int = 3) -> None:
    """Write answer letters (one string per trainee, by name) into a template's rows."""
    from openpyxl import load_workbook

    wb = load_workbook(path)
    ws = wb.active
    names = {ws.cell(row=r, column=2).value: r for r in range(2, ws.max_row + 1)}
    for name, letters in rows.items():
        for i, letter in enumerate(letters):
            ws.cell(row=names[name], column=first_column + i,
                    value=None if letter == "." else letter)
    wb.save(path)
