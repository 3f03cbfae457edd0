"""Working days and the appointment date (ngày hẹn trả kết quả).

Rules (see `domain.md`, "Working days and the appointment date"):

- A working day is Monday–Friday that is not a public holiday. Public holidays come from the
  `holidays` package (country VN: Bộ luật Lao động 2019, Điều 112, with the observed days and
  the swap decisions the package knows), plus what a trainer writes in `course/calendar.yaml`:
  `extra_days_off` (days off added by a Prime-Minister swap decision the package does not
  know yet) and `extra_working_days` (the Saturdays worked in exchange).
- Day 0 is the day of submission if it is a working day and the time is before 15:00;
  otherwise the next working day. The appointment is day 0 plus N working days.

Times are naive local time (Asia/Ho_Chi_Minh), the course's convention; an aware datetime is
converted to that zone first. The package covers the years 1901–2100: outside them only
weekends and the course file count.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

from tdp.dates import parse_iso_date, to_local_naive
from tdp.errors import CatalogError, CatalogProblem

CUTOFF = time(15, 0)
"""Filings received at or after 15:00 count from the next working day."""

_LIST_KEYS = ("extra_days_off", "extra_working_days")
_ENTRY_KEYS = ("ngay", "ghi_chu")
_FALLBACK_DAY_OFF_NAME = "Ngày nghỉ theo quyết định hoán đổi (lịch khóa học)"


@lru_cache(maxsize=256)
def _package_year(year: int) -> tuple[Mapping[date, str], frozenset[date]]:
    """The package's VN holidays (Vietnamese names) and swapped-in working Saturdays for one
    year. Cached by year: a year's holidays never change while the program runs."""
    import holidays  # imported here: `import tdp.calendar` stays cheap for the CLI

    h = holidays.country_holidays("VN", years=year, language="vi")
    return MappingProxyType(dict(h)), frozenset(h.weekend_workdays)


def _package_holiday(d: date) -> str | None:
    # A swap can cross New Year (2018: 31/12 off, Saturday 5/1/2019 worked), so look at the
    # neighbouring years too.
    for year in (d.year, d.year - 1, d.year + 1):
        if 1 <= year <= 9999:
            name = _package_year(year)[0].get(d)
            if name is not None:
                return name
    return None


def _package_weekend_workday(d: date) -> bool:
    return any(
        d in _package_year(year)[1]
        for year in (d.year, d.year - 1, d.year + 1)
        if 1 <= year <= 9999
    )


@dataclass(frozen=True)
class WorkCalendar:
    """Which days the commune office works. Immutable; build it with `load_calendar`.

    `extra_working_days` wins over everything (a trainer can also use it to cancel a package
    holiday that the Government did not in fact give); then `extra_days_off`; then the
    package's holidays; then its swapped-in Saturdays; then Monday–Friday.
    """

    extra_days_off: frozenset[date] = frozenset()
    extra_working_days: frozenset[date] = frozenset()
    notes: Mapping[date, str] = field(
        default_factory=lambda: MappingProxyType({}), compare=False, hash=False, repr=False
    )
    """`ghi_chu` of each course-file entry; `holiday_name` shows it for a day the package
    does not name."""

    def is_working_day(self, d: date) -> bool:
        """True if the commune office is open on `d`."""
        d = _as_date(d)
        if d in self.extra_working_days:
            return True
        if d in self.extra_days_off or _package_holiday(d) is not None:
            return False
        if d.weekday() >= 5:
            return _package_weekend_workday(d)
        return True

    def next_working_day(self, d: date) -> date:
        """The first working day strictly after `d`."""
        d = _as_date(d) + timedelta(days=1)
        while not self.is_working_day(d):
            d += timedelta(days=1)
        return d

    def add_working_days(self, d: date, n: int) -> date:
        """The n-th working day after working day `d` (`n = 0` gives `d`).

        `d` must be a working day: counting from a holiday has no meaning in the rules, and
        silently moving it would hide a caller's mistake.
        """
        d = _as_date(d)
        if n < 0:
            raise ValueError(f"n must be >= 0, got {n}")
        if not self.is_working_day(d):
            raise ValueError(f"{d.isoformat()} is not a working day")
        for _ in range(n):
            d = self.next_working_day(d)
        return d

    def deadline_end(self, event: date, days: int) -> date:
        """The last day of a deadline of `days` days counted from `event` (Bộ luật Dân sự
        2015, Điều 147–148): the event day is not counted, and a last day that falls on a
        weekend or holiday moves to the next working day."""
        last = _as_date(event) + timedelta(days=days)
        return last if self.is_working_day(last) else self.next_working_day(last)

    def day_zero(self, at: datetime) -> date:
        """Day 0 of a filing submitted at `at` (naive local time, or aware: converted).

        The submission day itself if it is a working day and the time is before 15:00,
        otherwise the next working day.
        """
        local = to_local_naive(at)
        d = local.date()
        if self.is_working_day(d) and local.time() < CUTOFF:
            return d
        return self.next_working_day(d)

    def appointment(self, at: datetime, working_days: int) -> date:
        """The appointment date (ngày hẹn trả kết quả): day 0 plus `working_days`."""
        return self.add_working_days(self.day_zero(at), working_days)

    def working_days_between(self, start: date, end: date) -> int:
        """Working days d with start < d <= end (0 if end <= start).

        The inverse of `add_working_days`: `working_days_between(d, add_working_days(d, n))`
        is n. Useful to tell how late a result is.
        """
        start, end = _as_date(start), _as_date(end)
        count = 0
        d = start + timedelta(days=1)
        while d <= end:
            count += self.is_working_day(d)
            d += timedelta(days=1)
        return count

    def holiday_name(self, d: date) -> str | None:
        """The Vietnamese name of the holiday on `d`, for display; None on a working day and on
        an ordinary Saturday or Sunday."""
        d = _as_date(d)
        if d in self.extra_working_days:
            return None
        name = _package_holiday(d)
        if name is None and d in self.extra_days_off:
            # The package's short name wins when it knows the day; else the trainer's note.
            name = self.notes.get(d) or _FALLBACK_DAY_OFF_NAME
        return name


def _as_date(d: date) -> date:
    # datetime is a subclass of date; compare by calendar day, not by instant.
    return d.date() if isinstance(d, datetime) else d


def default_calendar_path() -> Path:
    """`course/calendar.yaml` (or under `TDP_COURSE_DIR`)."""
    from tdp.paths import course_dir

    return course_dir() / "calendar.yaml"


def load_calendar(path: Path | None = None) -> WorkCalendar:
    """Read the trainer's calendar file and return the calendar.

    Without `path`, `course/calendar.yaml` is read; that file is optional (a course without it
    uses the package's holidays only). A `path` given explicitly must exist. Any problem in
    the file raises `CatalogError` listing every problem found, in Vietnamese.
    """
    explicit = path is not None
    path = Path(path) if path is not None else default_calendar_path()
    if not path.exists():
        if not explicit:
            return WorkCalendar()
        raise CatalogError(
            [
                CatalogProblem(
                    str(path),
                    "",
                    "Không tìm thấy tệp lịch làm việc. Kiểm tra lại đường dẫn, hoặc tạo tệp "
                    "với hai danh sách extra_days_off và extra_working_days (có thể để trống).",
                )
            ]
        )
    import yaml

    try:
        text = path.read_text(encoding="utf-8")
        data = yaml.load(text, Loader=_loader())  # a SafeLoader subclass: safe
    except (OSError, UnicodeDecodeError) as exc:
        raise CatalogError(
            [CatalogProblem(str(path), "", f"Không đọc được tệp ({exc}). Lưu lại tệp dạng UTF-8.")]
        ) from exc
    except yaml.YAMLError as exc:
        where = ""
        mark = getattr(exc, "problem_mark", None)
        if mark is not None:
            where = f" ở dòng {mark.line + 1}, cột {mark.column + 1}"
        raise CatalogError(
            [
                CatalogProblem(
                    str(path),
                    "",
                    f"Tệp không đúng cú pháp YAML{where}. Sửa lại thụt lề, dấu ':' và dấu '-'.",
                )
            ]
        ) from exc
    return parse_calendar(data, str(path))


def parse_calendar(data: Any, file: str = "calendar.yaml") -> WorkCalendar:
    """Build a `WorkCalendar` from the parsed YAML; `CatalogError` lists every problem."""
    problems: list[CatalogProblem] = []

    def problem(key: str, message: str) -> None:
        problems.append(CatalogProblem(file, key, message))

    if data is None:
        data = {}
    if not isinstance(data, dict):
        problem("", "Tệp phải là một bảng có hai khóa extra_days_off và extra_working_days.")
        raise CatalogError(problems)
    for key in data:
        if key not in _LIST_KEYS:
            problem(
                str(key),
                "Khóa không được hỗ trợ. Chỉ dùng extra_days_off (ngày nghỉ thêm) và "
                "extra_working_days (ngày làm bù).",
            )

    parsed: dict[str, dict[date, str]] = {}
    position: dict[date, int] = {}  # index of each working-day entry, for error keys
    for list_key in _LIST_KEYS:
        entries = data.get(list_key)
        parsed[list_key] = {}
        if entries is None:
            continue
        if not isinstance(entries, list):
            problem(
                list_key, "Phải là một danh sách, mỗi mục có dạng {ngay: YYYY-MM-DD, ghi_chu: …}."
            )
            continue
        for i, entry in enumerate(entries):
            key = f"{list_key}.{i}"
            if not isinstance(entry, dict):
                problem(key, 'Mỗi mục phải có dạng {ngay: YYYY-MM-DD, ghi_chu: "…"}.')
                continue
            for extra in entry:
                if extra not in _ENTRY_KEYS:
                    problem(
                        f"{key}.{extra}", "Khóa không được hỗ trợ. Mỗi mục chỉ có ngay và ghi_chu."
                    )
            day = _entry_date(entry.get("ngay"))
            if day is None:
                problem(
                    f"{key}.ngay",
                    "Thiếu ngày hoặc ngày không hợp lệ. Ghi ngày có thật theo dạng YYYY-MM-DD, "
                    "ví dụ 2026-01-02.",
                )
            note = entry.get("ghi_chu")
            if not isinstance(note, str) or not note.strip():
                problem(
                    f"{key}.ghi_chu",
                    "Thiếu ghi chú. Ghi lý do và văn bản quyết định, ví dụ "
                    '"Nghỉ bù Tết Dương lịch theo Công văn số …/VPCP-KGVX".',
                )
                note = ""
            if day is not None:
                if day in parsed[list_key]:
                    problem(
                        f"{key}.ngay", f"Ngày {day.isoformat()} bị ghi hai lần. Xóa bớt một mục."
                    )
                parsed[list_key][day] = note.strip()
                if list_key == "extra_working_days":
                    position.setdefault(day, i)

    days_off, working = parsed["extra_days_off"], parsed["extra_working_days"]
    for day in sorted(days_off.keys() & working.keys()):
        problem(
            "extra_working_days",
            f"Ngày {day.isoformat()} vừa là ngày nghỉ vừa là ngày làm bù. Giữ lại một trong hai.",
        )
    for day in working:
        if day.weekday() < 5 and _package_holiday(day) is None and day not in days_off:
            problem(
                f"extra_working_days.{position[day]}.ngay",
                f"Ngày {day.isoformat()} vốn đã là ngày làm việc (thứ Hai–thứ Sáu, không phải "
                "ngày lễ). Kiểm tra lại: ngày làm bù thường là một ngày thứ Bảy.",
            )
    if problems:
        raise CatalogError(problems)
    return WorkCalendar(
        extra_days_off=frozenset(days_off),
        extra_working_days=frozenset(working),
        notes=MappingProxyType({**days_off, **working}),
    )


@lru_cache(maxsize=1)
def _loader() -> type:
    """A SafeLoader that leaves dates as text, so that one strict parser checks every date.

    PyYAML turns an unquoted `2026-01-02` into a date itself and raises a bare ValueError on
    `2026-02-31`; reading it as text lets us say which entry is wrong instead.
    """
    import yaml

    class _TextDatesLoader(yaml.SafeLoader):
        pass

    _TextDatesLoader.yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    return _TextDatesLoader


def _entry_date(value: Any) -> date | None:
    # Text from the file; a date object only when `parse_calendar` is given parsed data.
    if isinstance(value, datetime):
        return None
    if isinstance(value, date):
        return value
    return parse_iso_date(value)
