"""Dates and times as the course writes them in data and shows them on screen.

Data and APIs use ISO (`YYYY-MM-DD`, `YYYY-MM-DDTHH:MM`, local time Asia/Ho_Chi_Minh); screens
use `dd/mm/yyyy` and accept `d/m/yyyy` because that is how residents write dates. The parsers
return `None` instead of raising so that a validator can turn any bad value into one
Vietnamese message at the right field, whatever was typed.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

LOCAL_TZ = ZoneInfo("Asia/Ho_Chi_Minh")
"""The course's only time zone: every stored time is naive local time in this zone."""

# [0-9], not \d: \d also matches Arabic-Indic and other Unicode digits, which int() accepts.
_ISO_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_ISO_AT = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2})(?::([0-9]{2}))?")
# The same separator twice: "1/2-2026" is more likely a typo than a date.
_SCREEN_DATE = re.compile(r"([0-9]{1,2})([/.\-])([0-9]{1,2})\2([0-9]{4})")


def _make_date(year: str, month: str, day: str) -> date | None:
    try:
        return date(int(year), int(month), int(day))
    except ValueError:  # 31/02, month 13, year 0000
        return None


def parse_iso_date(s: object) -> date | None:
    """`YYYY-MM-DD` exactly, and a real calendar date; `None` for anything else, never raises."""
    if not isinstance(s, str):
        return None
    m = _ISO_DATE.fullmatch(s)
    return _make_date(*m.groups()) if m else None


def parse_screen_date(s: object) -> date | None:
    """`dd/mm/yyyy` or `d/m/yyyy` as typed on screen; `-` and `.` separators and surrounding
    spaces are tolerated. Four-digit years only: `1/2/26` is ambiguous, so `None`."""
    if not isinstance(s, str):
        return None
    m = _SCREEN_DATE.fullmatch(s.strip())
    if not m:
        return None
    day, _sep, month, year = m.groups()
    return _make_date(year, month, day)


def format_screen_date(d: date) -> str:
    """`dd/mm/yyyy`, the form Vietnamese documents and the portal use."""
    return f"{d.day:02d}/{d.month:02d}/{d.year:04d}"


def format_iso_date(d: date) -> str:
    """`YYYY-MM-DD`, the form of dates in files and APIs."""
    return f"{d.year:04d}-{d.month:02d}-{d.day:02d}"


def parse_at(s: object) -> datetime | None:
    """`YYYY-MM-DDTHH:MM` (or `...:SS`) as a naive local (Asia/Ho_Chi_Minh) datetime; `None`
    for anything else, including offsets: stored times carry no zone by convention."""
    if not isinstance(s, str):
        return None
    m = _ISO_AT.fullmatch(s)
    if not m:
        return None
    year, month, day, hour, minute, second = m.groups()
    try:
        return datetime(int(year), int(month), int(day), int(hour), int(minute), int(second or 0))
    except ValueError:
        return None


def format_at(at: datetime) -> str:
    """`YYYY-MM-DDTHH:MM`, the stored form of a time (seconds dropped)."""
    return f"{format_iso_date(at)}T{at.hour:02d}:{at.minute:02d}"


def to_local_naive(at: datetime) -> datetime:
    """An aware datetime converted to Asia/Ho_Chi_Minh and stripped of its zone; a naive one is
    taken to be local time already and returned unchanged."""
    if at.tzinfo is None or at.tzinfo.utcoffset(at) is None:
        return at
    return at.astimezone(LOCAL_TZ).replace(tzinfo=None)


def now_local() -> datetime:
    """The current time in Vietnam, naive, whatever zone the machine is set to."""
    return datetime.now(LOCAL_TZ).replace(tzinfo=None)


def full_years(born: date, on: date) -> int:
    """Age in full years on `on` (the marriage-age rule counts full years).

    The birthday is reached when (month, day) of `on` is no earlier than that of `born`. So
    someone born on 29/2 turns a year older on 1/3 in a common year (28/2 is still the day
    before the birthday), the reading that never makes anyone old enough a day early.
    If `on` is before `born` the result is negative, so `full_years(...) >= 18` stays False.
    """
    before_birthday = (on.month, on.day) < (born.month, born.day)
    return on.year - born.year - int(before_birthday)


def format_money(n: int) -> str:
    """Whole đồng with dot thousands separators: `2.000 đ`. Money is an int in data; a float
    here is a bug upstream, so it is refused rather than rounded."""
    if isinstance(n, bool) or not isinstance(n, int):
        raise TypeError(f"format_money expects an int number of đồng, got {type(n).__name__}")
    return f"{n:,}".replace(",", ".") + " đ"


_MONEY_UNIT = re.compile(r"\s*(?:đồng|đ|vnđ|vnd)\.?$")
_MONEY_SCALE = {"nghìn": 1000, "ngàn": 1000, "k": 1000, "triệu": 1_000_000, "tr": 1_000_000}
_MONEY_SCALED = re.compile(r"([0-9]{1,6}(?:[.,][0-9]{1,3})?)\s*(nghìn|ngàn|k|triệu|tr)")
_MONEY_GROUPED = re.compile(r"[0-9]{1,3}(?:[. ,][0-9]{3})+|[0-9]{1,12}")


def parse_money(s: object) -> int | None:
    """Whole đồng as a Vietnamese user types them: `7000`, `7.000`, `7 000`, `7,000`,
    `7.000 đ`, `7000đ`, `7 nghìn`, `7,5 nghìn`, `1 triệu`; an int is taken as is. `None` for
    anything else (a bool, a negative amount, `7.5` đồng), never raises: the caller names
    the field."""
    if isinstance(s, bool):
        return None
    if isinstance(s, int):
        return s if s >= 0 else None
    if not isinstance(s, str):
        return None
    text = _MONEY_UNIT.sub("", " ".join(s.strip().lower().split())).strip()
    scaled = _MONEY_SCALED.fullmatch(text)
    if scaled:
        number, unit = scaled.groups()
        whole, _, part = number.replace(",", ".").partition(".")
        scale = _MONEY_SCALE[unit]
        fraction = int(part) * scale // 10 ** len(part) if part else 0
        if part and int(part) * scale % 10 ** len(part):
            return None  # "1,2345 nghìn" is no whole number of đồng
        return int(whole) * scale + fraction
    if _MONEY_GROUPED.fullmatch(text):
        return int(re.sub(r"[. ,]", "", text))
    return None
