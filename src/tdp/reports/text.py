"""The monthly report as plain text for the terminal (Vietnamese)."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from typing import TYPE_CHECKING

from tdp.reports.metrics import DEFINITIONS, METRICS, format_change

if TYPE_CHECKING:
    from tdp.reports.monthly import MonthlyReport


def _width(text: str) -> int:
    return sum(0 if unicodedata.combining(c) else 1 for c in unicodedata.normalize("NFC", text))


def _pad(text: str, width: int, right: bool) -> str:
    gap = " " * max(0, width - _width(text))
    return gap + text if right else text + gap


def table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    """Columns sized to fit; the first left-aligned, the others right-aligned."""
    widths = [max(_width(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    lines = []
    for n, row in enumerate([header, *rows]):
        cells = [_pad(str(v), widths[i], right=i > 0) for i, v in enumerate(row)]
        lines.append("  ".join(cells).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return lines


def render_text(report: MonthlyReport) -> str:
    c = report.choices
    this, before = f"Tháng {report.month.label}", f"Tháng {report.month.shift(-1).label}"
    out = [
        "BÁO CÁO HỖ TRỢ NGƯỜI DÂN THỰC HIỆN DỊCH VỤ CÔNG TRỰC TUYẾN",
        report.title,
        "",
    ]
    out += table(
        ["Chỉ tiêu", this, before, "Tăng/giảm"],
        [[METRICS[k], str(report.metrics[k]), str(report.previous[k]),
          format_change(report.metrics[k], report.previous[k])] for k in METRICS],
    )
    channels = list(report.by_channel.index)
    out += ["", "Theo thủ tục và hình thức hỗ trợ:"]
    rows = []
    for ident, row in report.by_procedure.iterrows():
        rows.append([c.procedures.label(str(ident)), *(str(int(row[ch])) for ch in channels),
                     str(int(row["tong"])), str(int(row["thang_truoc"])),
                     format_change(int(row["tong"]), int(row["thang_truoc"]))])
    totals = report.by_procedure.sum()
    rows.append(["Tổng cộng", *(str(int(totals[ch])) for ch in channels), str(int(totals["tong"])),
                 str(int(totals["thang_truoc"])),
                 format_change(int(totals["tong"]), int(totals["thang_truoc"]))])
    out += table(["Thủ tục", *(c.channels.label(ch) for ch in channels), "Tổng",
                  "Tháng trước", "Tăng/giảm"], rows)
    for title, frame, choice in (
        ("Theo kết quả:", report.by_outcome, c.outcomes),
        ("Theo nhóm tuổi người dân:", report.by_age_group, c.age_groups),
    ):
        out += ["", title]
        out += table(
            ["", this, before, "Tăng/giảm"],
            [[choice.label(str(i)), str(int(r["thang"])), str(int(r["thang_truoc"])),
              format_change(int(r["thang"]), int(r["thang_truoc"]))] for i, r in frame.iterrows()],
        )
    out += ["", f"Ghi chú: {DEFINITIONS}"]
    return "\n".join(out) + "\n"
