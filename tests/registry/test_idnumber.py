"""The identity-number structure (Thông tư 07/2016/TT-BCA, Điều 7 and Phụ lục 1)."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tdp.registry.idnumber import (
    IdentityParts,
    century_digit,
    is_consistent,
    make_identity_number,
    parse_identity_number,
    province_codes,
)

KNOWN = province_codes()
sexes = st.sampled_from(["nam", "nu"])
supported_dates = st.dates(min_value=date(1900, 1, 1), max_value=date(2399, 12, 31))
province = st.sampled_from(sorted(KNOWN))
serials = st.integers(min_value=0, max_value=999_999)


def test_province_table_is_the_circulars_63_codes() -> None:
    assert len(KNOWN) == 63
    assert all(len(code) == 3 and code.isdigit() for code in KNOWN)
    assert KNOWN["001"] == "Hà Nội"
    assert KNOWN["064"] == "Gia Lai"
    assert KNOWN["052"] == "Bình Định"
    assert KNOWN["062"] == "Kon Tum"
    assert KNOWN["066"] == "Đắk Lắk"
    assert KNOWN["048"] == "Đà Nẵng"
    assert KNOWN["079"] == "Hồ Chí Minh"
    assert KNOWN["096"] == "Cà Mau"
    assert "003" not in KNOWN and "063" not in KNOWN


@pytest.mark.parametrize(
    ("year", "sex", "digit"),
    [
        (1900, "nam", 0), (1999, "nu", 1), (2000, "nam", 2), (2099, "nu", 3),
        (2100, "nam", 4), (2150, "nu", 5), (2200, "nam", 6), (2299, "nu", 7),
        (2300, "nam", 8), (2399, "nu", 9),
    ],
)  # fmt: skip
def test_century_digits_follow_the_circular(year: int, sex: str, digit: int) -> None:
    assert century_digit(year, sex) == digit


def test_make_examples() -> None:
    assert make_identity_number("064", date(1992, 5, 3), "nam", 123) == "064092000123"
    assert make_identity_number("052", date(2005, 12, 31), "nu", 987654) == "052305987654"
    assert make_identity_number("001", date(1931, 1, 1), "nu", 0) == "001131000000"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("063", date(1990, 1, 1), "nam", 1), "province"),
        (("064", date(1990, 1, 1), "nam", 1_000_000), "serial"),
        (("064", date(1990, 1, 1), "nam", -1), "serial"),
        (("064", date(1899, 12, 31), "nam", 1), "century"),
        (("064", date(2400, 1, 1), "nu", 1), "century"),
        (("064", date(1990, 1, 1), "x", 1), "sex"),
    ],
)
def test_make_rejects_what_cannot_be_encoded(args: tuple, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        make_identity_number(*args)


def test_parse_example() -> None:
    parts = parse_identity_number("064305987654")
    assert parts == IdentityParts("064", 3, "nu", 5, 987654)
    assert parts.birth_year == 2005
    assert parts.province_name == "Gia Lai"


@pytest.mark.parametrize(
    "text",
    [
        "", "06409200012", "0640920001234", "06409200012a", " 64092000123", "064092000123 ",
        "063092000123", "000092000123", "099092000123",
        "０６４０９２０００１２３",  # full-width digits are str.isdigit() but not ASCII
        "٠٦٤٠٩٢٠٠٠١٢٣",  # Arabic-Indic digits
        "064-09200012",
    ],
)  # fmt: skip
def test_parse_rejects_malformed(text: str) -> None:
    assert parse_identity_number(text) is None


@pytest.mark.parametrize("value", [None, 64092000123, b"064092000123", ["064092000123"]])
def test_parse_rejects_non_strings(value: object) -> None:
    assert parse_identity_number(value) is None


@given(st.text(alphabet="0123456789", min_size=12, max_size=12))
def test_any_twelve_digits_parse_or_none(text: str) -> None:
    parts = parse_identity_number(text)
    if text[:3] not in KNOWN:
        assert parts is None
        return
    assert parts is not None  # every century digit 0-9 is defined
    rebuilt = (
        f"{parts.province_code}{parts.century_digit}"
        f"{parts.birth_year_2digits:02d}{parts.serial:06d}"
    )
    assert rebuilt == text
    assert 1900 <= parts.birth_year <= 2399


@given(st.text(max_size=20))
def test_arbitrary_text_never_crashes(text: str) -> None:
    parse_identity_number(text)
    assert is_consistent(text, date(2000, 1, 1), "nam") in (True, False)


@given(province, supported_dates, sexes, serials)
def test_make_parse_round_trip(code: str, born: date, sex: str, serial: int) -> None:
    number = make_identity_number(code, born, sex, serial)
    assert len(number) == 12 and number.isascii() and number.isdigit()
    parts = parse_identity_number(number)
    assert parts is not None
    assert parts.province_code == code
    assert parts.sex == sex
    assert parts.birth_year == born.year
    assert parts.serial == serial
    assert is_consistent(number, born, sex)


@given(st.dates(min_value=date(1850, 1, 1), max_value=date(1899, 12, 31)), sexes)
def test_nineteenth_century_has_no_digit(born: date, sex: str) -> None:
    """The circular's digits start at 1900 (8/9 are the 2300s, not the 1800s)."""
    with pytest.raises(ValueError):
        make_identity_number("064", born, sex, 1)
    assert not is_consistent("064099000001", born, sex)


@given(province, supported_dates, sexes, serials, supported_dates, sexes)
def test_consistent_exactly_for_same_year_and_sex(
    code: str, born: date, sex: str, serial: int, other: date, other_sex: str
) -> None:
    number = make_identity_number(code, born, sex, serial)
    expected = other.year == born.year and other_sex == sex
    assert is_consistent(number, other, other_sex) == expected


def test_consistency_ignores_day_and_month_but_not_century() -> None:
    number = make_identity_number("064", date(1992, 5, 3), "nam", 42)
    assert is_consistent(number, date(1992, 12, 31), "nam")
    assert not is_consistent(number, date(2092, 5, 3), "nam")
    assert not is_consistent(number, date(1992, 5, 3), "nu")
    assert not is_consistent("063092000042", date(1992, 5, 3), "nam")
