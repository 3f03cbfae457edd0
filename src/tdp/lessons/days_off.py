"""Days off in lessons, from the course calendar: the observed day when a holiday falls on a
weekend (nghỉ bù), and a deadline whose last day is a day off (it moves to the next working
day, Bộ luật Dân sự 2015 Điều 147–148). Examples are found in the calendar, never typed, so
they follow `course/calendar.yaml` and the `holidays` package."""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd

from tdp.catalog import Catalog, load_catalog
from tdp.dates import format_screen_date, now_local
from tdp.errors import CourseUsageError
from tdp.lessons.questions import weekday_name
from tdp.lessons.quick import Question, choice
from tdp.lessons.tables import procedure

_OBSERVED = "(nghỉ bù)"


def _cat(catalog: Catalog | None) -> Catalog:
    return catalog or load_catalog()


def observed_days(year: int, catalog: Catalog | None = None) -> list[tuple[date, date, str]]:
    """(holiday, observed day, name) for each holiday of `year` that falls on a weekend and
    is made up by a day off on a working day."""
    cal = _cat(catalog).calendar
    out = []
    d = date(year, 1, 1)
    while d.year == year:
        name = cal.holiday_name(d) or ""
        if name.endswith(_OBSERVED):
            base = name.removesuffix(_OBSERVED).strip()
            holiday = next((h for h in (d - timedelta(days=k) for k in range(1, 5))
                            if (cal.holiday_name(h) or "") == base), None)
            if holiday is not None:
                out.append((holiday, d, base))
        d += timedelta(days=1)
    return out


def observed_table(year: int | None = None, catalog: Catalog | None = None) -> pd.DataFrame:
    """The year's holidays that fall on a weekend, and the day off that makes up for them."""
    year = year or now_local().year + 1
    rows = [{"Ngày lễ": f"{name} – {weekday_name(h)} {format_screen_date(h)}",
             "Nghỉ bù": f"{weekday_name(o)} {format_screen_date(o)}"}
            for h, o, name in observed_days(year, catalog)]
    return pd.DataFrame(rows or [{"Ngày lễ": f"Năm {year} không có ngày lễ trùng cuối tuần",
                                  "Nghỉ bù": ""}])


def _deadline_days(procedure_id: str, cat: Catalog) -> int:
    deadline = procedure(procedure_id, cat).deadline
    if deadline is None:
        raise CourseUsageError(f"Thủ tục '{procedure_id}' không có hạn đăng ký")
    return deadline.days


def deadline_on_day_off(procedure_id: str = "khai_sinh", after: date | None = None,
                        catalog: Catalog | None = None) -> tuple[date, date, date]:
    """(event, last day counted, end of the deadline): the first event after `after` whose
    last counted day falls on a day off."""
    cat = _cat(catalog)
    days = _deadline_days(procedure_id, cat)
    d = after or now_local().date() - timedelta(days=days + 30)
    for _ in range(400):
        last = d + timedelta(days=days)
        end = cat.calendar.deadline_end(d, days)
        if end != last:
            return d, last, end
        d += timedelta(days=1)
    raise LookupError("no deadline ending on a day off in the next 400 days")


def deadline_table(procedure_id: str = "khai_sinh", catalog: Catalog | None = None
                   ) -> pd.DataFrame:
    cat = _cat(catalog)
    event, last, end = deadline_on_day_off(procedure_id, catalog=cat)
    days = _deadline_days(procedure_id, cat)

    def day(d: date) -> str:
        return f"{weekday_name(d)} {format_screen_date(d)}"

    return pd.DataFrame([
        {"": "Ngày sự kiện (không tính)", "Ngày": day(event)},
        {"": f"Ngày thứ {days}", "Ngày": f"{day(last)} (nghỉ)"},
        {"": "Hạn kết thúc vào cuối ngày", "Ngày": day(end)},
    ])


def deadline_question(procedure_id: str = "khai_sinh", catalog: Catalog | None = None
                      ) -> Question:
    """'Filed on the day after the last counted day (a day off): on time?'"""
    cat = _cat(catalog)
    event, last, end = deadline_on_day_off(procedure_id, catalog=cat)
    proc = procedure(procedure_id, cat)
    days = _deadline_days(procedure_id, cat)
    return choice(
        f"Sự kiện ngày {format_screen_date(event)}; ngày thứ {days} là "
        f"{weekday_name(last)} {format_screen_date(last)}. Nộp hồ sơ {proc.name.lower()} vào "
        f"{weekday_name(end)} {format_screen_date(end)} thì sao?",
        ["Đã quá hạn, vì đã qua ngày thứ " + str(days),
         "Vẫn đúng hạn: ngày cuối rơi vào ngày nghỉ nên hạn kéo đến hết ngày làm việc tiếp theo",
         "Vẫn đúng hạn, vì hạn tính bằng ngày làm việc"],
        1,
        "Hạn không tính ngày xảy ra sự kiện; ngày cuối là ngày nghỉ thì hạn kết thúc vào cuối "
        "ngày làm việc tiếp theo (Bộ luật Dân sự 2015, Điều 147–148).",
        why=["Ngày cuối của hạn là ngày nghỉ: hạn kéo sang ngày làm việc tiếp theo.", "",
             "Hạn tính theo ngày lịch; chỉ ngày cuối mới được kéo khi là ngày nghỉ."],
    )
