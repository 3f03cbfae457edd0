"""`tdp grade export`: the gradebook as CSV, and as Excel (one sheet per assignment and a
summary), with Vietnamese headers."""

from __future__ import annotations

from pathlib import Path

from tdp.grading.autograde import STATUS_LABELS, load_report
from tdp.grading.course import Course
from tdp.tables import csv_text, save_workbook, write_csv, write_table

COLUMNS = {
    "ma_hoc_vien": "Mã học viên",
    "ho_ten": "Họ và tên",
    "bai": "Bài",
    "diem": "Điểm",
    "diem_toi_da": "Điểm tối đa",
    "diem_tu_dong": "Điểm chấm tự động",
    "diem_tu_luan": "Điểm tự luận",
    "can_cham_tay": "Cần chấm tay",
    "trang_thai": "Trạng thái",
    "ly_do": "Lý do",
}


def grades(course: Course):
    """One row per trainee and assignment (0 where nothing was submitted)."""
    import pandas as pd
    from nbgrader.api import Gradebook, MissingEntry

    names = course.trainee_names()
    rows = []
    with Gradebook(course.db_url) as gb:
        assignments = sorted(a.name for a in gb.assignments)
        students = sorted(s.id for s in gb.students)
        for assignment in assignments:
            report = {o.trainee: o for o in load_report(course, assignment)}
            max_score = gb.find_assignment(assignment).max_score
            for student in students:
                row = {"ma_hoc_vien": student, "ho_ten": names.get(student, student),
                       "bai": assignment, "diem": 0.0, "diem_toi_da": max_score,
                       "diem_tu_dong": 0.0, "diem_tu_luan": 0.0, "can_cham_tay": "",
                       "trang_thai": "chưa nộp", "ly_do": ""}
                try:
                    sub = gb.find_submission(assignment, student)
                    row.update(diem=float(sub.score or 0), diem_tu_dong=float(sub.code_score or 0),
                               diem_tu_luan=float(sub.written_score or 0),
                               can_cham_tay="có" if sub.needs_manual_grade else "",
                               trang_thai="đã nộp")
                except MissingEntry:
                    pass
                if student in report:
                    o = report[student]
                    row["trang_thai"] = STATUS_LABELS.get(o.status, o.status)
                    row["ly_do"] = o.reason
                    if o.status in ("not_notebook", "crashed", "error"):
                        row.update(diem=0.0, diem_tu_dong=0.0)
                rows.append(row)
    return pd.DataFrame(rows, columns=list(COLUMNS))


def to_csv(course: Course, path: Path | None) -> str:
    """The grades as CSV (UTF-8 with a BOM in a file, so Excel reads Vietnamese), every cell
    safe to open in a spreadsheet (`tdp.tables`)."""
    table = grades(course)
    header = [COLUMNS[c] for c in table.columns]
    rows = table.itertuples(index=False)
    if path is not None:
        return write_csv(path, header, rows, bom=True)
    return csv_text(header, rows)


def to_xlsx(course: Course, path: Path) -> None:
    """A summary sheet and one sheet per assignment, written through `tdp.tables`."""
    from openpyxl import Workbook

    table = grades(course)
    wb = Workbook()
    ws = wb.active
    ws.title = "Tổng hợp"
    if table.empty:
        write_table(ws, list(COLUMNS.values()), [])
        save_workbook(wb, path)
        return
    summary = table.pivot_table(index=["ma_hoc_vien", "ho_ten"], columns="bai",
                                values="diem", aggfunc="sum", fill_value=0)
    summary["Tổng điểm"] = summary.sum(axis=1)
    summary = summary.reset_index().rename(columns=COLUMNS)
    write_table(ws, [str(c) for c in summary.columns], summary.itertuples(index=False))
    for assignment, part in table.groupby("bai", sort=True):
        part = part.drop(columns=["bai"]).rename(columns=COLUMNS)
        write_table(wb.create_sheet(str(assignment)[:31]), list(part.columns),
                    part.itertuples(index=False))
    save_workbook(wb, path)
