"""Full years and birthdays: one 29/2 rule (1/3 in a common year) for everything."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from tdp.registry.ages import birthday, full_years, full_years_iso, is_of_age

births = st.dates(min_value=date(1900, 1, 1), max_value=date(2030, 12, 31))
days = st.integers(min_value=0, max_value=120 * 366)


@given(births, days, days)
def test_full_years_never_decreases(born: date, d1: int, d2: int) -> None:
    a, b = sorted((d1, d2))
    assert full_years(born, born + timedelta(days=a)) <= full_years(born, born + timedelta(days=b))


@given(births, st.integers(min_value=1, max_value=110))
def test_the_birthday_is_the_first_day_of_the_new_age(born: date, years: int) -> None:
    day = birthday(born, years)
    assert full_years(born, day) == years
    assert full_years(born, day - timedelta(days=1)) == years - 1
    assert is_of_age(born, day, years) and not is_of_age(born, day - timedelta(days=1), years)


@given(births, days)
def test_one_rule_everywhere(born: date, offset: int) -> None:
    on = born + timedelta(days=offset)
    assert full_years_iso(born.isoformat(), on) == full_years(born, on)


@given(st.integers(min_value=1904, max_value=2096).filter(lambda y: y % 4 == 0),
       st.integers(min_value=1, max_value=30))
def test_born_on_29_february(leap_year: int, years: int) -> None:
    born = date(leap_year, 2, 29)
    target = leap_year + years
    common = not (target % 4 == 0 and (target % 100 != 0 or target % 400 == 0))
    expected = date(target, 3, 1) if common else date(target, 2, 29)
    assert birthday(born, years) == expected
    if common:
        assert full_years(born, date(target, 2, 28)) == years - 1


def test_the_examples_the_engine_tests_pin() -> None:
    # A woman born 29/2/2008 may marry from 1/3/2026; on 28/2/2026 she is still 17.
    assert full_years(date(2008, 2, 29), date(2026, 2, 28)) == 17
    assert full_years(date(2008, 2, 29), date(2026, 3, 1)) == 18
    assert birthday(date(2008, 2, 29), 18) == date(2026, 3, 1)
    assert birthday(date(2004, 2, 29), 20) == date(2024, 2, 29)  # a leap year: the day itself
    assert full_years(date(2000, 5, 1), date(1999, 1, 1)) < 0
