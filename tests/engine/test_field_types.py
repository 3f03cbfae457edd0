"""The field types: each parser round-trips, never raises, and its equal-by-meaning is an
equivalence; limits (length, range, control characters) give coded messages."""

from __future__ import annotations

import re
import string
import unicodedata
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tdp.catalog import load_catalog
from tdp.catalog.models import Choice, FieldSpec
from tdp.dates import format_money, format_screen_date
from tdp.engine import (
    DATE,
    FIELD_TYPES,
    IDENTITY_NUMBER,
    MONEY,
    PERSON_NAME,
    PHONE,
    TEXT,
    WHOLE_NUMBER,
    YES_NO,
    message_codes,
    parse_money,
    parse_whole_number,
    parse_yes_no,
)
from tdp.engine.field_types import INVALID, all_codes
from tdp.messages import FieldError, render
from tdp.registry.idnumber import make_identity_number, province_codes

MESSAGES = load_catalog().messages


class Collect:
    """A reporter that keeps the errors, as the engine's context does."""

    def __init__(self) -> None:
        self.errors: list[FieldError] = []
        self.procedure = load_catalog().procedures["khai_sinh"]

    def report(self, path: str, code: str, wording: str | None = None, **params: Any) -> None:
        self.errors.append(FieldError(path, code, render(MESSAGES, wording or code, "Ô",
                                                         **params)))


def spec_for(kind: str, **extra: Any) -> FieldSpec:
    if kind == "choice":
        extra.setdefault("choices", [Choice(value="nam", label="Nam"),
                                     Choice(value="nu", label="Nữ")])
    if kind in ("group", "list"):
        extra.setdefault("fields", [FieldSpec(id="ten", label="Tên", type="text")])
    return FieldSpec(id="o", label="Ô", type=kind, **extra)


def validate(kind: str, value: Any, **extra: Any) -> tuple[Any, list[FieldError]]:
    ctx = Collect()
    result = FIELD_TYPES[kind].validate(ctx, spec_for(kind, **extra), value, "o", {})
    return result, ctx.errors


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner,
                                                                 max_size=4),
    max_leaves=10,
)
DATES = st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31))


# ----- every type ------------------------------------------------------------------------
def test_every_code_a_type_reports_has_a_wording() -> None:
    assert all_codes() <= message_codes()
    assert all_codes() <= MESSAGES.keys()
    for kind in FIELD_TYPES.values():
        for code in (kind.placeholder_code, kind.hint_code):
            assert code is None or code in MESSAGES, (kind.name, code)


@pytest.mark.parametrize("kind", sorted(FIELD_TYPES))
@given(value=JSON)
def test_validate_never_raises(kind: str, value: Any) -> None:
    result, errors = validate(kind, value)
    assert (result is INVALID) == bool(errors) or kind in ("group", "list", "documents")
    for e in errors:
        assert e.message and not re.search(r"\{[a-z_]+\}", e.message)


@pytest.mark.parametrize("kind", sorted(FIELD_TYPES))
@given(a=JSON, b=JSON, c=JSON)
def test_equal_by_meaning_is_an_equivalence(kind: str, a: Any, b: Any, c: Any) -> None:
    t, spec = FIELD_TYPES[kind], spec_for(kind)
    assert t.same(a, a, spec)
    assert t.same(a, b, spec) == t.same(b, a, spec)
    if t.same(a, b, spec) and t.same(b, c, spec):
        assert t.same(a, c, spec)


@pytest.mark.parametrize("kind", ["text", "person_name", "date", "identity_number", "phone",
                                  "integer", "money", "yes_no"])
@given(text=st.text(max_size=80))
def test_parse_never_raises(kind: str, text: str) -> None:
    FIELD_TYPES[kind].parse(text)


# ----- dates -----------------------------------------------------------------------------
@given(day=DATES)
def test_date_round_trip(day: date) -> None:
    assert DATE.parse(DATE.to_screen(day)) == day
    assert DATE.parse(f"{day.day}/{day.month}/{day.year}") == day
    assert DATE.read(day.isoformat()) == day == DATE.read(format_screen_date(day))
    assert DATE.same(day.isoformat(), f" {day.day}-{day.month}-{day.year} ")
    assert DATE.read_cell(f"{format_screen_date(day)} 00:00:00") == day
    assert DATE.parse(day.isoformat()) is None  # a screen reads dd/mm/yyyy only


def test_excel_day_numbers() -> None:
    assert DATE.read_cell(45721) == date(2025, 3, 5)
    assert DATE.read_cell(45721.5) is None and DATE.read_cell(True) is None


# ----- money and whole numbers -----------------------------------------------------------
@given(n=st.integers(min_value=0, max_value=10**12))
def test_money_round_trip(n: int) -> None:
    for typed in (str(n), format_money(n), format_money(n).replace(" ", ""),
                  format_money(n).replace(" đ", " đồng"), f"{n:,}", f"{n:,}".replace(",", " ")):
        assert parse_money(typed) == n, typed
    assert MONEY.parse(MONEY.to_screen(n)) == n
    if n % 1000 == 0:
        assert parse_money(f"{n // 1000} nghìn") == n == parse_money(f"{n // 1000} ngàn đ")


@pytest.mark.parametrize(("typed", "amount"), [
    ("7000", 7000), ("7.000", 7000), ("7.000 đ", 7000), ("7.000đ", 7000), ("7 nghìn", 7000),
    ("7 ngàn", 7000), ("7 NGHÌN ĐỒNG", 7000), ("7k", 7000), ("1,5 triệu", 1_500_000),
    ("1 triệu 200 nghìn", 1_200_000), ("7.000 VND", 7000), ("0", 0),
    ("12,5", None), ("7.00", None), ("bảy nghìn", None), ("7 nghìn 2 triệu", None),
    ("1,2345 nghìn", None), ("-7000", None), ("", None), ("9" * 5000, None),
])
def test_money_forms(typed: str, amount: int | None) -> None:
    assert parse_money(typed) == amount


@given(n=st.integers(min_value=0, max_value=10**15))
def test_whole_number_round_trip(n: int) -> None:
    assert parse_whole_number(str(n)) == n == parse_whole_number(f"{n:,}".replace(",", "."))
    assert parse_whole_number(f"{n} ngày", unit="ngày làm việc") == n
    assert WHOLE_NUMBER.same(n, str(n)) and WHOLE_NUMBER.same(float(n), n)


def test_whole_number_limits() -> None:
    assert validate("integer", Decimal("9" * 5000))[1][0].code == "so_qua_lon"
    assert validate("integer", "9" * 5000)[1][0].code == "so_nguyen_khong_hop_le"
    assert validate("integer", 10**20)[1][0].code == "so_qua_lon"
    assert validate("integer", -(10**20))[1][0].code == "so_qua_nho"
    assert validate("integer", 1e300)[1][0].code == "so_qua_lon"
    assert validate("money", "7 nghìn") == (7000, [])
    assert validate("money", "7 triệu", max=1_000_000)[1][0].message.endswith("1.000.000 đ")


# ----- identity numbers, phones ----------------------------------------------------------
@given(code=st.sampled_from(sorted(province_codes())), born=DATES,
       sex=st.sampled_from(["nam", "nu"]), serial=st.integers(0, 999_999))
def test_identity_number_round_trip(code: str, born: date, sex: str, serial: int) -> None:
    number = make_identity_number(code, born, sex, serial)
    spaced = f" {number[:3]} {number[3:6]} {number[6:]} "
    assert IDENTITY_NUMBER.parse(spaced) == number
    assert IDENTITY_NUMBER.same(spaced, number)
    assert validate("identity_number", spaced) == (number, [])


def test_a_bad_province_code_is_named_not_the_length() -> None:
    _, [error] = validate("identity_number", "999095001234")
    assert error.code == "so_dinh_danh_sai_ma_tinh"  # its own code: the JSON says which
    assert "999" in error.message and "12 chữ số" not in error.message
    _, [short] = validate("identity_number", "06409500123")
    assert "12 chữ số" in short.message


@given(rest=st.text(alphabet=string.digits, min_size=8, max_size=8),
       prefix=st.sampled_from(["03", "05", "07", "08", "09"]))
def test_phone_round_trip(rest: str, prefix: str) -> None:
    number = prefix + rest
    assert PHONE.parse(number) == number
    assert PHONE.parse("+84 " + number[1:4] + "." + number[4:]) == number
    assert PHONE.same("84" + number[1:], number)


def test_the_phone_message_says_what_is_accepted() -> None:
    _, [error] = validate("phone", "12345")
    for accepted in ("10 chữ số", "02", "+84"):
        assert accepted in error.message


# ----- names and text --------------------------------------------------------------------
@pytest.mark.parametrize("name", ["H'Đương Niê", "Nay H’Blơng", "Nguyễn Thị Thu-Hà",
                                  "Rơ Châm Ly"])
def test_names_with_apostrophes_and_hyphens(name: str) -> None:
    assert validate("person_name", name) == (name, [])
    assert PERSON_NAME.same(unicodedata.normalize("NFD", name.upper()), "  " + name)


@pytest.mark.parametrize("name", ["An", "Nguyễn  Văn 2", "Nguyễn -Văn", "'Nguyễn Văn"])
def test_malformed_names(name: str) -> None:
    assert validate("person_name", name)[1][0].code == "ho_ten_khong_hop_le"


def test_length_limits_are_coded() -> None:
    long_name = " ".join(["Nguyễn"] * 44)  # 307 characters
    _, [error] = validate("person_name", long_name)
    assert error.code == "van_ban_qua_dai" and str(PERSON_NAME.max_length()) in error.message
    assert validate("text", "x" * 50_000_000)[1][0].code == "van_ban_qua_dai"
    assert validate("text", "Kinh" * 20, max_length=50)[1][0].code == "van_ban_qua_dai"
    assert validate("text", "x" * TEXT.max_length()) == ("x" * TEXT.max_length(), [])


@pytest.mark.parametrize("bad", ["Bệnh viện\x00", "Trạm y tế\x1b[31m", "Nhà\u202eriêng",
                                 "Lô \ud800"])
def test_control_characters_are_refused(bad: str) -> None:
    assert validate("text", bad)[1][0].code == "ky_tu_khong_hop_le"


@given(text=st.text(max_size=60))
def test_text_normalises_to_a_fixed_point(text: str) -> None:
    once = TEXT.normalise(text)
    assert TEXT.normalise(once) == once and TEXT.same(text, once)


# ----- yes / no ----------------------------------------------------------------------------
@given(answer=st.booleans())
def test_yes_no_round_trip(answer: bool) -> None:
    assert parse_yes_no(YES_NO.to_screen(answer)) is answer
    assert YES_NO.parse("CÓ" if answer else "Không") is answer
    assert validate("yes_no", "đúng" if answer else "sai") == (answer, [])


def test_placeholders_and_hints_come_from_the_catalog() -> None:
    assert DATE.placeholder(MESSAGES) == MESSAGES["mau_nhap_ngay"]
    assert DATE.hint(MESSAGES) == MESSAGES["goi_y_ngay"]
    assert DATE.hint(MESSAGES, spec_for("date", hint="Theo giấy chứng sinh")) == (
        "Theo giấy chứng sinh")
    assert TEXT.placeholder(MESSAGES) == ""
