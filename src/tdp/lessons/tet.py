"""Working days around Tết Nguyên Đán, from the engine's calendar (`catalog.calendar`: the
`holidays` package plus `course/calendar.yaml`). Nothing here knows a holiday by itself."""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import pandas as pd

from tdp.calendar import CUTOFF, WorkCalendar
from tdp.catalog import Catalog, load_catalog
from tdp.dates import format_screen_date, now_local
from tdp.errors import CourseUsageError
from tdp.lessons.questions import weekday_name, when_text
from tdp.lessons.tables import procedure, working_days_text

_SHORT = ("T2", "T3", "T4", "T5", "T6", "T7", "CN")


def _calendar(catalog: Catalog | None) -> WorkCalendar:
    return (catalog if catalog is not None else load_catalog()).calendar


def tet_days(year: int, catalog: Catalog | None = None) -> list[date]:
    """The days off of Tết Nguyên Đán in `year` (always between 10/1 and 1/3)."""
    cal = _calendar(catalog)
    d, end, days = date(year, 1, 10), date(year, 3, 1), []
    while d <= end:
        name = cal.holiday_name(d)
        if name and "Tết" in name and not cal.is_working_day(d):
            days.append(d)
        d += timedelta(days=1)
    return days


def next_tet_year(today: date | None = None, catalog: Catalog | None = None) -> int:
    """The year of the next Tết (this year's if it has not ended yet)."""
    today = today or now_local().date()
    days = tet_days(today.year, catalog)
    return today.year if days and today <= days[-1] else today.year + 1


@dataclass(frozen=True)
class TetWindow:
    year: int
    tet: list[date]
    start: date  # Monday of the week before Tết
    end: date  # Sunday of the week after Tết
    last_before: date  # last working day before Tết
    first_after: date  # first working day after Tết


def window(year: int | None = None, catalog: Catalog | None = None) -> TetWindow:
    cal = _calendar(catalog)
    year = year or next_tet_year(catalog=catalog)
    tet = tet_days(year, catalog)
    if not tet:
        raise CourseUsageError(f"Không tìm thấy Tết Nguyên Đán năm {year} trong lịch")
    start = tet[0] - timedelta(days=tet[0].weekday() + 7)
    end = tet[-1] + timedelta(days=6 - tet[-1].weekday() + 7)
    last_before = tet[0] - timedelta(days=1)
    while not cal.is_working_day(last_before):
        last_before -= timedelta(days=1)
    return TetWindow(year, tet, start, end, last_before, cal.next_working_day(tet[-1]))


def days_table(year: int | None = None, catalog: Catalog | None = None) -> pd.DataFrame:
    """Each day around Tết: working or not, and why not."""
    cal = _calendar(catalog)
    win = window(year, catalog)
    rows, d = [], win.start
    while d <= win.end:
        working = cal.is_working_day(d)
        name = cal.holiday_name(d)
        reason = name or ("" if working else "Nghỉ cuối tuần")
        rows.append({"Ngày": format_screen_date(d), "Thứ": weekday_name(d),
                     "Ngày làm việc?": "Có" if working else "Không", "Lý do nghỉ": reason})
        d += timedelta(days=1)
    return pd.DataFrame(rows)


def calendar_html(year: int | None = None, catalog: Catalog | None = None) -> str:
    """A week-by-week grid: white = working day, grey = weekend, red = holiday / Tết."""
    cal = _calendar(catalog)
    win = window(year, catalog)
    head = "".join(f"<th>{s}</th>" for s in _SHORT)
    rows, d = [], win.start
    while d <= win.end:
        cells = []
        for _ in range(7):
            name = cal.holiday_name(d)
            if cal.is_working_day(d):
                cls, note = "lv", ""
            elif name:
                cls, note = "le", name
            else:
                cls, note = "ct", ""
            label = f"<div class='so'>{d.day}/{d.month}</div>"
            if note:
                label += f"<div class='ten'>{html.escape(note)}</div>"
            cells.append(f"<td class='{cls}' title='{html.escape(note)}'>{label}</td>")
            d += timedelta(days=1)
        rows.append("<tr>" + "".join(cells) + "</tr>")
    legend = ("<div class='chu-giai'><span class='lv'>Ngày làm việc</span> "
              "<span class='ct'>Thứ Bảy, Chủ nhật</span> "
              "<span class='le'>Ngày lễ, Tết (nghỉ)</span></div>")
    return (f"{_CSS}<div class='tdp-lich'><b>Lịch làm việc của UBND xã, phường quanh Tết "
            f"Nguyên Đán {win.year}</b><table><tr>{head}</tr>{''.join(rows)}</table>"
            f"{legend}</div>")


def show_calendar(year: int | None = None, catalog: Catalog | None = None):
    from IPython.display import HTML

    return HTML(calendar_html(year, catalog))


def appointment_examples(procedure_id: str = "xac_nhan_hon_nhan", year: int | None = None,
                         catalog: Catalog | None = None) -> pd.DataFrame:
    """Filings submitted just before, during and after Tết: day 0 and the appointment."""
    cat = catalog if catalog is not None else load_catalog()
    cal = cat.calendar
    proc = procedure(procedure_id, cat)
    win = window(year, cat)
    moments = [
        datetime.combine(win.last_before, time(9, 0)),
        datetime.combine(win.last_before, time(CUTOFF.hour, 30)),
        datetime.combine(win.tet[len(win.tet) // 2], time(10, 0)),
        datetime.combine(win.first_after, time(8, 0)),
    ]
    rows = []
    for at in moments:
        day0 = cal.day_zero(at)
        due = cal.appointment(at, proc.working_days)
        rows.append({
            "Nộp lúc": when_text(at),
            "Ngày 0": f"{weekday_name(day0)} {format_screen_date(day0)}",
            "Thời hạn": working_days_text(proc),
            "Ngày hẹn trả": f"{weekday_name(due)} {format_screen_date(due)}",
            "Số ngày chờ (theo lịch)": (due - at.date()).days,
        })
    return pd.DataFrame(rows)


_CSS = """<style>
.tdp-lich table { border-collapse: collapse; margin: 6px 0; }
.tdp-lich th { padding: 4px; background: #e8f0f8; }
.tdp-lich td { width: 86px; height: 54px; vertical-align: top; border: 1px solid #bbb;
  padding: 3px; font-size: 13px; }
.tdp-lich .so { font-weight: 700; }
.tdp-lich .ten { font-size: 11px; line-height: 1.2; }
.tdp-lich .lv { background: #ffffff; }
.tdp-lich .ct { background: #dddddd; color: #444; }
.tdp-lich .le { background: #f8d7d3; color: #8a1c0e; }
.tdp-lich .chu-giai span { display: inline-block; padding: 2px 8px; margin-right: 6px;
  border: 1px solid #bbb; }
@media (max-width: 600px) { .tdp-lich td { width: 44px; height: 44px; font-size: 11px; }
  .tdp-lich .ten { display: none; } }
</style>"""


def appointment_question(procedure_id: str = "xac_nhan_hon_nhan", year: int | None = None,
                         catalog: Catalog | None = None):
    """"Thử ngay": a filing at 16:00 on the last working day before Tết — when is it due?"""
    from tdp.lessons.questions import appointment

    win = window(year, catalog)
    return appointment(procedure_id, datetime.combine(win.last_before, time(16, 0)), catalog)
