"""Money as Vietnamese users type it (`tdp.dates.parse_money`), one parser for the course."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tdp.dates import format_money, parse_money

AMOUNTS = st.integers(min_value=0, max_value=10**9)


@given(AMOUNTS)
def test_every_written_form_of_an_amount_reads_back(n):
    forms = [str(n), format_money(n), format_money(n).replace(" đ", ""), f"{n}đ", f"{n} đồng",
             f"{n:,}", f"{n:,} VND".replace(",", " ")]
    assert {parse_money(f) for f in forms} == {n}


@given(st.integers(min_value=0, max_value=999_999))
def test_thousands_in_words(n):
    assert parse_money(f"{n} nghìn") == parse_money(f"{n} ngàn đồng") == n * 1000


def test_examples_and_refusals():
    assert parse_money("7,5 nghìn") == 7500
    assert parse_money("1 triệu") == 1_000_000
    for bad in ["", "bảy nghìn", "7.5", "7.00", "-7000", True, None, 7.0, "1,2345 nghìn"]:
        assert parse_money(bad) is None, bad
