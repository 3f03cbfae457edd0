"""Full years of age and birthdays: the one place that decides what 29 February means.

Marriage ages (Luật HN&GĐ 2014, Điều 8) count full years on the day of filing. A person born
on 29/2 has no birthday in a common year; the course takes 1/3 as that birthday (28/2 is still
the day before it), the reading that never makes anyone old enough a day early. So a woman born
on 29/2/2008 turns 18 on 1/3/2026, not on 28/2/2026. Every age in the engine, the generator,
the tests, the lessons and the exercises is computed here.
"""

from __future__ import annotations

from datetime import date

MARRYING_AGE: dict[str, int] = {"nam": 20, "nu": 18}
"""Full years needed to marry (Luật HN&GĐ 2014 Điều 8), by sex, for finding people of
marrying age in the generator and the samples. The engine's rule reads its own numbers from
`course/procedures/ket_hon.yaml`; `samples.marrying_ages(catalog)` reads them there and a
test keeps the two equal."""


def birthday(born: date, years: int) -> date:
    """The day a person born on `born` turns `years` (29/2 → 1/3 in a common year)."""
    try:
        return born.replace(year=born.year + years)
    except ValueError:  # 29 February in a common year
        return date(born.year + years, 3, 1)


def full_years(born: date, on: date) -> int:
    """Age in full years on `on`: the largest n with `birthday(born, n) <= on`.

    Comparing (month, day) gives exactly that: on 28/2 of a common year someone born on 29/2
    is still before the birthday, on 1/3 past it. If `on` is before `born` the result is
    negative, so `full_years(...) >= 18` stays False.
    """
    before_birthday = (on.month, on.day) < (born.month, born.day)
    return on.year - born.year - int(before_birthday)


def full_years_iso(ngay_sinh: str, on: date) -> int:
    """`full_years` for an ISO birth date as the registry stores it."""
    return full_years(date.fromisoformat(ngay_sinh), on)


def is_of_age(born: date, on: date, years: int) -> bool:
    """True from the day the person turns `years` (same as `full_years(born, on) >= years`)."""
    return on >= birthday(born, years)
