"""Structure of the 12-digit identity number (số định danh cá nhân).

`PPP C YY RRRRRR` (Thông tư 07/2016/TT-BCA, Điều 7): PPP the province where the birth was
registered (Phụ lục 1), C century and sex, YY the last two digits of the birth year, then six
random digits. There is no check digit, so a "valid" number is only a well-formed one; whether
it belongs to anybody is the registry's business, not this module's.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import date
from importlib import resources
from typing import Literal

import yaml

Sex = Literal["nam", "nu"]

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# Century (year // 100) -> (digit for men, digit for women), as in Điều 7 of the circular:
# 20th century 0/1, 21st 2/3, 22nd 4/5, 23rd 6/7, 24th (2300-2399) 8/9.
_CENTURY_DIGITS: dict[int, tuple[int, int]] = {
    19: (0, 1),
    20: (2, 3),
    21: (4, 5),
    22: (6, 7),
    23: (8, 9),
}
_SEXES: tuple[Sex, Sex] = ("nam", "nu")
_DIGIT_CENTURY: dict[int, tuple[int, Sex]] = {
    digit: (century, sex)
    for century, pair in _CENTURY_DIGITS.items()
    for digit, sex in zip(pair, _SEXES, strict=True)
}
MIN_YEAR = 1900
MAX_YEAR = 2399


@functools.cache
def province_codes() -> dict[str, str]:
    """Code -> province name (63 entries), loaded once from package data."""
    text = resources.files("tdp").joinpath("data/province_codes.yaml").read_text("utf-8")
    data = yaml.load(text, Loader=_Loader)
    return {str(code): str(name) for code, name in data.items()}


@dataclass(frozen=True)
class IdentityParts:
    """The fields an identity number encodes; nothing else can be read from it."""

    province_code: str
    century_digit: int
    sex: Sex
    birth_year_2digits: int
    serial: int

    @property
    def birth_year(self) -> int:
        """Full birth year: the century digit tells which century the two digits are in."""
        century, _ = _DIGIT_CENTURY[self.century_digit]
        return century * 100 + self.birth_year_2digits

    @property
    def province_name(self) -> str:
        return province_codes()[self.province_code]


def century_digit(year: int, sex: Sex) -> int:
    """The C digit for a birth year and sex; ValueError outside 1900-2399 (no digit exists)."""
    pair = _CENTURY_DIGITS.get(year // 100)
    if pair is None:
        raise ValueError(f"no century digit for birth year {year} ({MIN_YEAR}-{MAX_YEAR})")
    if sex not in ("nam", "nu"):
        raise ValueError(f"sex must be 'nam' or 'nu', not {sex!r}")
    return pair[0] if sex == "nam" else pair[1]


def make_identity_number(province_code: str, birth_date: date, sex: Sex, serial: int) -> str:
    """Compose a number; raises ValueError for an unknown province or out-of-range serial."""
    if province_code not in province_codes():
        raise ValueError(f"unknown province code {province_code!r}")
    if not 0 <= serial <= 999_999:
        raise ValueError(f"serial must be 0..999999, not {serial}")
    digit = century_digit(birth_date.year, sex)
    return f"{province_code}{digit}{birth_date.year % 100:02d}{serial:06d}"


def parse_identity_number(s: object) -> IdentityParts | None:
    """Split a number into its parts, or None when it cannot be one (never raises)."""
    if not isinstance(s, str) or len(s) != 12 or not s.isascii() or not s.isdigit():
        return None
    province = s[:3]
    if province not in province_codes():
        return None
    digit = int(s[3])
    if digit not in _DIGIT_CENTURY:
        return None
    _, sex = _DIGIT_CENTURY[digit]
    return IdentityParts(
        province_code=province,
        century_digit=digit,
        sex=sex,
        birth_year_2digits=int(s[4:6]),
        serial=int(s[6:]),
    )


def is_consistent(number: str, birth_date: date, sex: Sex) -> bool:
    """True when the number is well formed and encodes exactly this birth year and sex."""
    parts = parse_identity_number(number)
    if parts is None:
        return False
    try:
        expected = century_digit(birth_date.year, sex)
    except ValueError:
        return False
    return parts.century_digit == expected and parts.birth_year_2digits == birth_date.year % 100
