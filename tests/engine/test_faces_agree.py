"""The same date, money and late-filing questions asked through the engine (and the portal's
screens), the scoring and the lessons give the same answers: they all ask the field types."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from builders import error_at, khai_sinh

from tdp.catalog import load_catalog
from tdp.engine import DATE, MONEY, check, parse_money
from tdp.lessons import questions
from tdp.lessons.quick import Question
from tdp.practice import comparable
from tdp.screens.declaration import Declaration

AT = datetime(2026, 11, 27, 10, 0)
BORN = date(2026, 11, 2)
CHILD_BIRTHDAY = load_catalog().procedures["khai_sinh"].field("tre.ngay_sinh")

DATES = [  # as typed on a screen → the day it means (None: not a date)
    ("02/11/2026", BORN), ("2/11/2026", BORN), (" 2-11-2026 ", BORN), ("02.11.2026", BORN),
    ("31/11/2026", None), ("2/11/26", None), ("2/11-2026", None), ("hôm qua", None),
]


@pytest.mark.parametrize(("typed", "meant"), DATES)
def test_a_typed_date_means_the_same_everywhere(people, store, typed, meant) -> None:
    # the portal: the declaration turns the typed text into the engine's JSON
    filing = khai_sinh(people, born="2026-11-01")
    filing["tre"]["ngay_sinh"] = Declaration._scalar(CHILD_BIRTHDAY, typed)
    result = check("khai_sinh", filing, AT, store)
    engine_ok = not any(e.field == "tre.ngay_sinh" for e in result.errors)
    # the scoring: a trainee's answer compared with the expected day
    scoring_ok = comparable(CHILD_BIRTHDAY, typed) == comparable(CHILD_BIRTHDAY, BORN.isoformat())
    # the lessons: a quick check whose answer is that day
    lesson_ok = Question("Ngày sinh?", "date", BORN).check(typed).correct
    assert engine_ok == scoring_ok == lesson_ok == (meant == BORN)
    assert DATE.parse(typed) == meant
    if meant is None:
        assert error_at(result, "tre.ngay_sinh").code == "ngay_khong_hop_le"


MONEY_TYPED = [
    ("7000", 7000), ("7.000", 7000), ("7.000 đ", 7000), ("7.000đ", 7000), ("7 nghìn", 7000),
    ("7 ngàn", 7000), ("7 000 đồng", 7000), ("70.000", 70000), ("7,5", None), ("bảy", None),
]


@pytest.mark.parametrize(("typed", "amount"), MONEY_TYPED)
def test_a_typed_sum_means_the_same_everywhere(typed, amount) -> None:
    lesson = Question("Lệ phí?", "money", 7000).check(typed)
    assert parse_money(typed) == MONEY.parse(typed) == amount
    assert lesson.correct == (amount == 7000)
    if amount is None:
        assert "số nguyên" in lesson.message


@pytest.mark.parametrize("days", [0, 1, 59, 60, 61, 75])
def test_late_filing_fees_agree(people, store, days) -> None:
    deadline = load_catalog().procedures["khai_sinh"].deadline.days
    born = AT.date() - timedelta(days=days)
    result = check("khai_sinh", khai_sinh(people, born=born.isoformat()), AT, store)
    assert result.valid, result.errors
    assert result.late == (days > deadline)
    assert questions.late_fee_question("khai_sinh", days).answer == result.fee
