"""One row of the class list, checked: a name (required), the ward (a commune of
`course/wards.yaml`, by id or name), a phone (optional). Pure: no files here."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from tdp.text import fold_diacritics, name_key, nfc

MAX_NAME = 100
FORMULA_START = ("=", "+", "-", "@")
PHONE = re.compile(r"^0\d{9}$")  # a Vietnamese number, 10 digits, leading 0
COLUMNS = {"ho_ten": "Họ và tên", "phuong": "Phường/xã", "so_dien_thoai": "Số điện thoại"}


@dataclass(frozen=True)
class ClassRow:
    name: str
    ward: str  # commune id
    phone: str = ""


@dataclass(frozen=True)
class RowProblem:
    row: int  # as the spreadsheet numbers it (header is row 1)
    reason: str

    def __str__(self) -> str:
        return f"Dòng {self.row}: {self.reason}"


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return nfc(str(value)).strip()


def _key(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", fold_diacritics(text).lower()).strip()


def ward_lookup(communes: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Every way a trainer may write a commune ("thong_nhat", "Phường Thống Nhất", "Thống
    Nhất") → its id."""
    found: dict[str, str] = {}
    for commune_id, name in communes:
        for form in (commune_id, name, re.sub(r"^(phường|xã|đặc khu)\s+", "", name,
                                              flags=re.IGNORECASE)):
            found[_key(form)] = commune_id
    return found


def check_name(raw: str) -> str | None:
    """Why `raw` cannot be a trainee's name (None: it can)."""
    if not raw:
        return "thiếu họ và tên"
    if _key(raw).startswith("vi du"):
        return "đây là dòng ví dụ của tệp mẫu: xóa dòng này"
    if len(raw) > MAX_NAME:
        return f"họ và tên dài quá {MAX_NAME} ký tự"
    if raw.startswith(FORMULA_START):
        return "họ và tên không được bắt đầu bằng =, +, - hoặc @"
    if any(unicodedata.category(ch) in ("Cc", "Cf") for ch in raw):
        return "họ và tên có ký tự điều khiển hoặc ký tự ẩn"
    if not any(ch.isalpha() for ch in raw):
        return "họ và tên phải có chữ cái"
    return None


def check_phone(raw: str) -> tuple[str, str | None]:
    digits = re.sub(r"[\s.\-]", "", raw)
    if digits.startswith("+84"):
        digits = "0" + digits[3:]
    if not raw:
        return "", None
    if not PHONE.match(digits):
        return digits, "số điện thoại phải có 10 chữ số, bắt đầu bằng 0"
    return digits, None


def check_rows(rows: Sequence[tuple[int, dict[str, object]]],
               wards: dict[str, str]) -> tuple[list[ClassRow], list[RowProblem]]:
    """(row number, {column: value}) → the good rows and every problem, row by row; the
    same person twice is a problem too. Blank rows are skipped."""
    good: list[ClassRow] = []
    problems: list[RowProblem] = []
    seen: dict[str, int] = {}
    for number, values in rows:
        name = _text(values.get("ho_ten"))
        ward_raw = _text(values.get("phuong"))
        phone_raw = _text(values.get("so_dien_thoai"))
        if not (name or ward_raw or phone_raw):
            continue
        reasons = []
        why = check_name(name)
        if why:
            reasons.append(why)
        ward = wards.get(_key(ward_raw)) if ward_raw else None
        if not ward_raw:
            reasons.append("thiếu phường/xã")
        elif ward is None:
            reasons.append(f"không có phường/xã '{ward_raw}' trong danh mục")
        phone, why = check_phone(phone_raw)
        if why:
            reasons.append(why)
        if not reasons:
            key = name_key(name)
            if key in seen:
                reasons.append(f"trùng tên với dòng {seen[key]}")
            else:
                seen[key] = number
        if reasons:
            problems.append(RowProblem(number, "; ".join(reasons)))
        else:
            good.append(ClassRow(name, ward or "", phone))
    return good, problems
