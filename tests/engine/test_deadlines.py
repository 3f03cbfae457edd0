"""Deadlines counted in days (60 for a birth, 15 for a death): the event day is not counted,
and a last day that is a weekend or holiday moves to the end of the next working day (Bộ luật
Dân sự 2015, Điều 147–148). domain.md: birth 22/07/2026, registered Monday 21/09/2026 → on
time and free."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from builders import errors_of, khai_sinh, khai_tu
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tdp.catalog import load_catalog
from tdp.engine import check

CATALOG = load_catalog()
FEES = CATALOG.wards.province("gia_lai")


def at(day: date, hour: int = 10) -> datetime:
    return datetime.combine(day, time(hour, 0))


def birth(people, born: date, on: date, store, hour: int = 10):
    result = check("khai_sinh", khai_sinh(people, born=born.isoformat()), at(on, hour), store)
    assert result.valid, errors_of(result)
    return result


def test_domain_md_example_day_60_on_a_sunday_ends_on_monday(people, store) -> None:
    born = date(2026, 7, 22)
    assert born + timedelta(days=60) == date(2026, 9, 20)
    assert date(2026, 9, 20).weekday() == 6  # Sunday
    monday = birth(people, born, date(2026, 9, 21), store, hour=16)  # any hour of that day
    assert (monday.late, monday.fee) == (False, 0)
    sunday = birth(people, born, date(2026, 9, 20), store)
    assert (sunday.late, sunday.fee) == (False, 0)
    tuesday = birth(people, born, date(2026, 9, 22), store)
    assert (tuesday.late, tuesday.fee) == (True, FEES.fee("khai_sinh_qua_han", date(2026, 9, 22)))


def test_day_60_on_a_working_day_ends_that_day(people, store) -> None:
    born = date(2026, 9, 4)  # day 60 = Tuesday 3/11
    last = born + timedelta(days=60)
    assert CATALOG.calendar.is_working_day(last)
    assert not birth(people, born, last, store).late
    assert birth(people, born, last + timedelta(days=1), store).late


def test_day_60_in_tet_ends_after_the_whole_holiday(people, store) -> None:
    last = date(2027, 2, 6)  # Tết Nguyên Đán 2027 (holiday 5/2–10/2)
    born = last - timedelta(days=60)
    assert not CATALOG.calendar.is_working_day(last)
    first_open = CATALOG.calendar.next_working_day(last)
    assert first_open == date(2027, 2, 11)
    assert not birth(people, born, date(2027, 2, 10), store).late
    assert not birth(people, born, first_open, store).late
    assert birth(people, born, first_open + timedelta(days=1), store).late


def test_day_60_on_a_saturday_holiday_skips_the_observed_monday(people, store) -> None:
    last = date(2027, 5, 1)  # Saturday, 1/5; observed day off Monday 3/5
    born = last - timedelta(days=60)
    assert CATALOG.calendar.holiday_name(date(2027, 5, 3))  # the observed day is a day off
    assert not birth(people, born, date(2027, 5, 4), store).late  # Tuesday: still on time
    assert birth(people, born, date(2027, 5, 5), store).late


@pytest.mark.parametrize(("days_after_last", "late"), [(0, False), (1, True)])
def test_a_death_whose_15th_day_is_a_sunday(people, store, days_after_last, late) -> None:
    died = date(2026, 11, 7)  # day 15 = Sunday 22/11 → Monday 23/11
    assert (died + timedelta(days=15)).weekday() == 6
    monday = date(2026, 11, 23)
    result = check("khai_tu", khai_tu(people, died=died.isoformat()),
                   at(monday + timedelta(days=days_after_last)), store)
    assert result.valid, errors_of(result)
    assert result.late is late
    assert result.fee == (FEES.fee("khai_tu_qua_han", monday) if late else 0)


# --- properties ----------------------------------------------------------------------------

PROPERTY = settings(deadline=None, max_examples=40,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])


@given(event=st.dates(date(2025, 1, 1), date(2027, 2, 1)), days=st.sampled_from([15, 60]))
@settings(deadline=None, max_examples=300)
def test_the_last_day_is_the_first_working_day_from_day_n(event: date, days: int) -> None:
    calendar = CATALOG.calendar
    last = calendar.deadline_end(event, days)
    assert last >= event + timedelta(days=days)
    assert calendar.is_working_day(last)
    day = event + timedelta(days=days)
    while day < last:  # every day skipped is a day off
        assert not calendar.is_working_day(day)
        day += timedelta(days=1)


@PROPERTY
@given(offset=st.integers(50, 75), born=st.dates(date(2026, 6, 1), date(2026, 9, 30)))
def test_a_birth_is_late_exactly_after_the_last_day(people, store, offset, born) -> None:
    on = born + timedelta(days=offset)
    result = birth(people, born, on, store)
    assert result.late is (on > CATALOG.calendar.deadline_end(born, 60))
