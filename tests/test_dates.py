"""Parsing and formatting dates, times and money (domain.md, "Data conventions")."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tdp.dates import (
    format_at,
    format_iso_date,
    format_money,
    format_screen_date,
    now_local,
    parse_at,
    parse_iso_date,
    parse_screen_date,
)
from tdp.registry.ages import full_years  # the one age rule (29/2 → 1/3)

PARSERS = [parse_iso_date, parse_screen_date, parse_at]


# --- ISO dates -----------------------------------------------------------------------------


def test_parse_iso_date() -> None:
    assert parse_iso_date("2026-02-17") == date(2026, 2, 17)
    assert parse_iso_date("2028-02-29") == date(2028, 2, 29)


@pytest.mark.parametrize(
    "text",
    [
        "2026-02-31",
        "2025-02-29",
        "2026-13-01",
        "2026-00-10",
        "0000-01-01",
        "2026-2-17",
        "26-02-17",
        " 2026-02-17",
        "2026-02-17\n",
        "2026-02-17T10:00",
        "2026/02/17",
        "17/02/2026",
        "٢٠٢٦-٠٢-١٧",  # Arabic-Indic digits: int() would take them
        "",
    ],
)
def test_parse_iso_date_rejects(text: str) -> None:
    assert parse_iso_date(text) is None


@pytest.mark.parametrize("value", [None, 20260217, date(2026, 2, 17), b"2026-02-17", ["x"]])
def test_parsers_return_none_for_non_strings(value: object) -> None:
    for parse in PARSERS:
        assert parse(value) is None


# --- Screen dates --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("17/02/2026", date(2026, 2, 17)),
        ("1/2/2026", date(2026, 2, 1)),
        ("01/2/2026", date(2026, 2, 1)),
        ("  5/9/2026 ", date(2026, 9, 5)),
        ("05-09-2026", date(2026, 9, 5)),
        ("5.9.2026", date(2026, 9, 5)),
        ("29/02/2028", date(2028, 2, 29)),
    ],
)
def test_parse_screen_date(text: str, expected: date) -> None:
    assert parse_screen_date(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "31/02/2026",
        "29/02/2026",
        "32/01/2026",
        "01/13/2026",
        "1/2/26",  # two-digit year: ambiguous
        "1/2/02026",
        "1/2-2026",  # mixed separators
        "2026-02-17",  # ISO is for data, not for the screen
        "1 / 2 / 2026",
        "001/2/2026",
        "",
        "   ",
    ],
)
def test_parse_screen_date_rejects(text: str) -> None:
    assert parse_screen_date(text) is None


def test_format_screen_date() -> None:
    assert format_screen_date(date(2026, 2, 1)) == "01/02/2026"
    assert format_screen_date(date(2026, 12, 31)) == "31/12/2026"


# --- Times ---------------------------------------------------------------------------------


def test_parse_at() -> None:
    assert parse_at("2026-11-26T14:59") == datetime(2026, 11, 26, 14, 59)
    assert parse_at("2026-11-26T14:59:30") == datetime(2026, 11, 26, 14, 59, 30)
    assert parse_at("2026-11-26T00:00").tzinfo is None


@pytest.mark.parametrize(
    "text",
    [
        "2026-11-26",
        "2026-11-26 14:59",
        "2026-11-26T24:00",
        "2026-11-26T14:60",
        "2026-11-26T14:59:60",
        "2026-11-26T14:59+07:00",
        "2026-11-26T14:59Z",
        "2026-11-26T14:59:30.5",
        "2026-02-30T10:00",
        "2026-11-26T9:05",
    ],
)
def test_parse_at_rejects(text: str) -> None:
    assert parse_at(text) is None


def test_now_local_is_naive_vietnam_time() -> None:
    now = now_local()
    assert now.tzinfo is None
    expected = datetime.now(UTC).replace(tzinfo=None) + timedelta(hours=7)
    assert abs(now - expected) < timedelta(minutes=1)


# --- Properties ----------------------------------------------------------------------------


@given(st.dates())
def test_screen_date_round_trip(d: date) -> None:
    assert parse_screen_date(format_screen_date(d)) == d
    assert parse_screen_date(f"{d.day}/{d.month}/{d.year:04d}") == d  # d/m/yyyy


@given(st.dates())
def test_iso_date_round_trip(d: date) -> None:
    assert format_iso_date(d) == d.isoformat()
    assert parse_iso_date(format_iso_date(d)) == d


@given(st.datetimes())
def test_at_round_trip(moment: datetime) -> None:
    minute = moment.replace(second=0, microsecond=0)
    assert parse_at(format_at(moment)) == minute


@given(st.text())
def test_random_text_never_raises(text: str) -> None:
    for parse in PARSERS:
        result = parse(text)
        assert result is None or isinstance(result, date)


@given(st.from_regex(r"[0-9 /.\-T:]{0,20}", fullmatch=True))
def test_date_like_text_never_raises(text: str) -> None:
    for parse in PARSERS:
        parse(text)


# --- Age -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("born", "on", "age"),
    [
        # The woman's minimum marriage age: 18 full years.
        (date(2008, 6, 15), date(2026, 6, 14), 17),
        (date(2008, 6, 15), date(2026, 6, 15), 18),
        # The man's: 20 full years.
        (date(2006, 6, 15), date(2026, 6, 14), 19),
        (date(2006, 6, 15), date(2026, 6, 15), 20),
        (date(2006, 12, 31), date(2027, 1, 1), 20),
        # Born 29/2: in a common year the birthday is reached on 1/3, not on 28/2.
        (date(2008, 2, 29), date(2026, 2, 28), 17),
        (date(2008, 2, 29), date(2026, 3, 1), 18),
        (date(2008, 2, 29), date(2028, 2, 28), 19),
        (date(2008, 2, 29), date(2028, 2, 29), 20),
        (date(2026, 5, 1), date(2026, 5, 1), 0),
        (date(2026, 5, 2), date(2026, 5, 1), -1),  # not yet born: never old enough
    ],
)
def test_full_years(born: date, on: date, age: int) -> None:
    assert full_years(born, on) == age


@given(born=st.dates(), days=st.integers(min_value=0, max_value=80_000))
def test_full_years_grows_by_at_most_one_a_day(born: date, days: int) -> None:
    try:
        on = born + timedelta(days=days)
        nxt = on + timedelta(days=1)
    except OverflowError:
        return
    age = full_years(born, on)
    assert 0 <= age <= days // 365
    assert full_years(born, nxt) - age in (0, 1)


# --- Money ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("n", "text"),
    [
        (0, "0 đ"),
        (999, "999 đ"),
        (1000, "1.000 đ"),
        (2000, "2.000 đ"),
        (7000, "7.000 đ"),
        (200000, "200.000 đ"),
        (1234567, "1.234.567 đ"),
        (-2000, "-2.000 đ"),
    ],
)
def test_format_money(n: int, text: str) -> None:
    assert format_money(n) == text


@pytest.mark.parametrize("value", [2000.0, True, "2000", None])
def test_format_money_refuses_non_integers(value: object) -> None:
    with pytest.raises(TypeError):
        format_money(value)  # type: ignore[arg-type]
