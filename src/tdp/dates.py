"""Dates and times as the course writes them in data and shows them on screen.

Data and APIs use ISO (`YYYY-MM-DD`, `YYYY-MM-DDTHH:MM`, local time Asia/Ho_Chi_Minh); screens
use `dd/mm/yyyy` and accept `d/m/yyyy` because that is how residents write dates. The parsers
return `None` instead of raising so that a validator can turn any bad value into one
Vietnamese message at the right field, whatever was typed.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from tdp.text import clean

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



def format_money(n: int) -> str:
    """Whole đồng with dot thousands separators: `2.000 đ`. Money is an int in data; a float
    here is a bug upstream, so it is refused rather than rounded."""
    if isinstance(n, bool) or not isinstance(n, int):
        raise TypeError(f"format_money expects an int number of đồng, got {type(n).__name__}")
    return f"{n:,}".replace(",", ".") + " đ"


MONEY_LIMIT = 999_999_999_999_999
"""The largest sum (or whole number) any field takes: 15 digits, within a 64-bit integer."""
_MAX_TYPED = 60  # longer text cannot be an amount anyone types; int() refuses 4,300+ digits
_GROUPED = re.compile(r"([0-9]+)|([0-9]{1,3}(?:([., ])[0-9]{3})(?:\3[0-9]{3})*)")
_DECIMAL = re.compile(r"([0-9]+)[.,]([0-9]+)")
_CURRENCY = re.compile(r"\s*(?:đồng|đ|vnđ|vnd|₫)\.?$")
_MULTIPLIERS: dict[str, int] = {
    "nghìn": 1_000, "ngàn": 1_000, "k": 1_000, "triệu": 1_000_000, "tr": 1_000_000,
    "tỷ": 1_000_000_000, "tỉ": 1_000_000_000,
}
_WORDS = "|".join(sorted(_MULTIPLIERS, key=len, reverse=True))
_PART = re.compile(rf"([0-9][0-9., ]*?)\s*({_WORDS})(?![^\W\d_])\s*")


def parse_grouped(text: str) -> int | None:
    """`7000`, `7.000`, `7 000`, `7,000` → 7000: ASCII digits, optionally grouped by three
    with one kind of separator (`12,5` is twelve and a half, not 125: None)."""
    if len(text) > _MAX_TYPED or not _GROUPED.fullmatch(text):
        return None
    return int(re.sub(r"[., ]", "", text))


def _with_decimals(text: str) -> Decimal | None:
    grouped = parse_grouped(text)
    if grouped is not None:
        return Decimal(grouped)
    m = _DECIMAL.fullmatch(text)
    return Decimal(f"{m.group(1)}.{m.group(2)}") if m else None


def parse_money(s: object) -> int | None:
    """Whole đồng as a Vietnamese user types them — the course's one money parser:
    `7000`, `7.000`, `7 000`, `7,000`, `7.000 đ`, `7.000đ`, `7.000 đồng`, `7 nghìn`, `7 ngàn`,
    `7k`, `7,5 nghìn`, `1 triệu`, `1 triệu 200 nghìn`; an int is taken as is. `None` for
    anything else (a bool, a float, a negative amount, `7.5` đồng, `12,5`), never raises."""
    if isinstance(s, bool):
        return None
    if isinstance(s, int):
        return s if 0 <= s <= MONEY_LIMIT else None
    if not isinstance(s, str) or len(s) > _MAX_TYPED:
        return None
    text = _CURRENCY.sub("", clean(s).casefold()).strip()
    if not text:
        return None
    plain = parse_grouped(text)
    if plain is not None:
        return plain if plain <= MONEY_LIMIT else None
    total, position, last = Decimal(0), 0, 0
    for m in _PART.finditer(text):
        amount = _with_decimals(m.group(1).strip())
        multiplier = _MULTIPLIERS[m.group(2)]
        if m.start() != position or amount is None or (last and multiplier >= last):
            return None  # a gap, or "7 nghìn 2 triệu": not how a sum is said
        total += amount * multiplier
        last, position = multiplier, m.end()
    if not last or position != len(text) or total != total.to_integral_value():
        return None
    return int(total) if total <= MONEY_LIMIT else None
