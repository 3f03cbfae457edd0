"""`tdp grade export`: the gradebook as CSV, and as Excel (one sheet per assignment and a
summary), with Vietnamese headers."""

from __future__ import annotations

from pathlib import Path

from tdp.grading.autograde import STATUS_LABELS, load_report
from tdp.grading.course import Course, read_trainees

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

    names = {t.id: t.name for t in read_trainees(course.trainees_csv)}
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
    table = grades(course).rename(columns=COLUMNS)
    text = table.to_csv(index=False)
    if path is not None:
        path.write_text(text, encoding="utf-8-sig")  # Excel opens UTF-8 with BOM correctly
    return text


def to_xlsx(course: Course, path: Path) -> None:
    import pandas as pd

    table = grades(course)
    with pd.ExcelWriter(path, engine="openpyxl") as writer:
        if table.empty:
            pd.DataFrame(columns=list(COLUMNS.values())).to_excel(
                writer, sheet_name="Tổng hợp", index=False)
            return
        summary = table.pivot_table(index=["ma_hoc_vien", "ho_ten"], columns="bai",
                                    values="diem", aggfunc="sum", fill_value=0)
        summary["Tổng điểm"] = summary.sum(axis=1)
        summary = summary.reset_index().rename(columns=COLUMNS)
        summary.columns.name = None
        summary.to_excel(writer, sheet_name="Tổng hợp", index=False)
        for assignment, part in table.groupby("bai", sort=True):
            part.drop(columns=["bai"]).rename(columns=COLUMNS).to_excel(
                writer, sheet_name=str(assignment)[:31], index=False)
