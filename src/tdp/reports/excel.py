"""The monthly report as an Excel workbook (openpyxl): the summary a secretary sends up, the
chart, the six-month trend and the month's records."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from tdp.errors import InputError
from tdp.reports.metrics import DEFINITIONS, METRICS
from tdp.tables import save_workbook, set_cell

if TYPE_CHECKING:
    from tdp.reports.monthly import MonthlyReport

SUMMARY_SHEET = "Báo cáo"
CHART_SHEET = "Biểu đồ"
TREND_SHEET = "6 tháng"
DETAIL_SHEET = "Chi tiết"
TOTAL_LABEL = "Tổng cộng"


def _header(ws: Any, row: int, values: list[str]) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill

    fill = PatternFill("solid", fgColor="DDEBF7")
    for col, value in enumerate(values, start=1):
        cell = set_cell(ws, row, col, value)
        cell.font = Font(bold=True)
        cell.fill = fill
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")


def _pct(current: int, previous: int) -> float | None:
    return (current - previous) / previous if previous else None


def _summary(ws: Any, report: MonthlyReport) -> None:
    from openpyxl.styles import Font

    c = report.choices
    this, before = f"Tháng {report.month.label}", f"Tháng {report.month.shift(-1).label}"
    ws["A1"] = "BÁO CÁO KẾT QUẢ HỖ TRỢ NGƯỜI DÂN THỰC HIỆN DỊCH VỤ CÔNG TRỰC TUYẾN"
    ws["A1"].font = Font(bold=True, size=13)
    ws["A2"] = report.title
    ws["A2"].font = Font(bold=True)
    ws["A3"] = DEFINITIONS
    ws["A3"].font = Font(italic=True, size=9)
    row = 5
    value: object  # each cell's value (text or a number)
    _header(ws, row, ["Chỉ tiêu", this, before, "Tăng/giảm", "Tỉ lệ tăng/giảm"])
    for key, label in METRICS.items():
        row += 1
        cur, prev = report.metrics[key], report.previous[key]
        for col, value in enumerate([label, cur, prev, cur - prev, _pct(cur, prev)], start=1):
            set_cell(ws, row, col, value)
        ws.cell(row=row, column=5).number_format = "0%"

    channels = list(report.by_channel.index)
    row += 2
    _header(ws, row, ["Thủ tục, việc hỗ trợ", *(c.channels.label(ch) for ch in channels),
                      "Tổng", "Tháng trước", "Tăng/giảm"])
    for ident, values in report.by_procedure.iterrows():
        row += 1
        cells = [c.procedures.label(str(ident)), *(int(values[ch]) for ch in channels),
                 int(values["tong"]), int(values["thang_truoc"]), int(values["thay_doi"])]
        for col, value in enumerate(cells, start=1):
            set_cell(ws, row, col, value)
    row += 1
    totals = report.by_procedure.sum()
    cells = [TOTAL_LABEL, *(int(totals[ch]) for ch in channels), int(totals["tong"]),
             int(totals["thang_truoc"]), int(totals["thay_doi"])]
    for col, value in enumerate(cells, start=1):
        set_cell(ws, row, col, value).font = Font(bold=True)

    for title, frame, choice in (
        ("Kết quả", report.by_outcome, c.outcomes),
        ("Nhóm tuổi người dân", report.by_age_group, c.age_groups),
    ):
        row += 2
        _header(ws, row, [title, this, before, "Tăng/giảm"])
        for ident, values in frame.iterrows():
            row += 1
            cells = [choice.label(str(ident)), int(values["thang"]), int(values["thang_truoc"]),
                     int(values["thay_doi"])]
            for col, value in enumerate(cells, start=1):
                set_cell(ws, row, col, value)
    ws.column_dimensions["A"].width = 52
    for letter in "BCDEFGH":
        ws.column_dimensions[letter].width = 15


def _trend(ws: Any, report: MonthlyReport) -> None:
    from tdp.reports.month import Month

    _header(ws, 1, ["Tháng", *METRICS.values()])
    for i, (month, values) in enumerate(report.trend.iterrows(), start=2):
        set_cell(ws, i, 1, Month.parse(str(month)).label)
        for j, key in enumerate(METRICS, start=2):
            set_cell(ws, i, j, int(values[key]))
    ws.column_dimensions["A"].width = 12
    for j in range(2, len(METRICS) + 2):
        ws.column_dimensions[chr(ord("A") + j - 1)].width = 22


def _detail(ws: Any, report: MonthlyReport) -> None:
    from tdp.support.model import FIELDS, LABELS

    c = report.choices
    _header(ws, 1, [LABELS[f] for f in FIELDS])
    ws.freeze_panes = "A2"
    labels = {
        "xa_phuong": c.communes.label, "thu_tuc": c.procedures.label,
        "hinh_thuc": c.channels.label, "nhom_tuoi": c.age_groups.label,
        "ket_qua": c.outcomes.label,
    }
    for i, rec in enumerate(report.records.itertuples(index=False), start=2):
        data = rec._asdict()
        for j, f in enumerate(FIELDS, start=1):
            value = data[f]
            if f == "ngay":
                value = value.date()
            elif f == "to_dan_pho":
                value = c.groups(data["xa_phuong"]).label(value)
            elif f in labels:
                value = labels[f](value)
            cell = set_cell(ws, i, j, value)
            if f == "ngay":
                cell.number_format = "DD/MM/YYYY"
    for letter, width in zip("ABCDEFGH", (12, 20, 15, 44, 20, 20, 24, 26), strict=True):
        ws.column_dimensions[letter].width = width


def write_xlsx(report: MonthlyReport, path: str | Path, *, chart: bool = True) -> Path:
    """Sheets: «Báo cáo» (figures, by procedure × channel, outcome, age group, each with the
    previous month and the change), «Biểu đồ» (the PNG chart), «6 tháng», «Chi tiết»."""
    from openpyxl import Workbook

    path = Path(path)
    wb = Workbook()
    summary = wb.active
    summary.title = SUMMARY_SHEET
    _summary(summary, report)
    if chart:
        from io import BytesIO

        from openpyxl.drawing.image import Image

        from tdp.reports.chart import png_bytes

        image = Image(BytesIO(png_bytes(report)))
        wb.create_sheet(CHART_SHEET).add_image(image, "A1")
    _trend(wb.create_sheet(TREND_SHEET), report)
    _detail(wb.create_sheet(DETAIL_SHEET), report)
    try:
        save_workbook(wb, path)
    except OSError as exc:
        raise InputError(f"Không ghi được tệp '{path}' ({exc.strerror or exc})") from None
    return path

