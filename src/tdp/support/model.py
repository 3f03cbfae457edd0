"""One record of the support log, and its validation with Vietnamese messages.

A record is one resident helped with one procedure (or one VNeID install) on one day. The log
keeps no name or number of the resident, on purpose: residents fear for their data, and the
monthly report needs counts only.

Validation is tolerant of how people type (see `choices.py` and `parse_date_value`) and always
stores the canonical form: ISO date, ids, NFC names with single spaces.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError

from tdp.dates import format_screen_date, now_local
from tdp.engine import DATE
from tdp.errors import TdpError
from tdp.support.choices import Choice, SupportChoices
from tdp.text import clean

FIELDS: tuple[str, ...] = (
    "ngay", "xa_phuong", "to_dan_pho", "thu_tuc", "hinh_thuc", "nhom_tuoi", "ket_qua",
    "tinh_nguyen_vien",
)
"""The record's fields, in the order of the Excel template."""

LABELS: dict[str, str] = {
    "ngay": "Ngày hỗ trợ",
    "xa_phuong": "Xã, phường",
    "to_dan_pho": "Tổ dân phố",
    "thu_tuc": "Thủ tục, việc hỗ trợ",
    "hinh_thuc": "Hình thức",
    "nhom_tuoi": "Nhóm tuổi người dân",
    "ket_qua": "Kết quả",
    "tinh_nguyen_vien": "Tình nguyện viên",
}
"""Vietnamese names of the fields: Excel headers, messages, report columns."""

_MISSING = {
    "ngay": "Nhập ngày hỗ trợ (dd/mm/yyyy)",
    "xa_phuong": "Chọn xã, phường",
    "to_dan_pho": "Chọn tổ dân phố",
    "thu_tuc": "Chọn thủ tục đã hỗ trợ",
    "hinh_thuc": "Chọn hình thức hỗ trợ",
    "nhom_tuoi": "Chọn nhóm tuổi của người dân",
    "ket_qua": "Chọn kết quả hỗ trợ",
    "tinh_nguyen_vien": "Nhập họ tên tình nguyện viên",
}

MAX_NAME = 100

# Record fields whose value is one of the course's lists (`course/support.yaml`, catalog).
_CHOICE_LISTS = {
    "thu_tuc": "procedures",
    "hinh_thuc": "channels",
    "nhom_tuoi": "age_groups",
    "ket_qua": "outcomes",
}


@dataclass(frozen=True)
class RecordError:
    """One problem with one field of a record: where, a stable code, and what to do."""

    field: str
    code: str
    message: str

    def to_json(self) -> dict[str, str]:
        return {"field": self.field, "code": self.code, "message": self.message}


class SupportValidationError(TdpError):
    """A record that cannot be kept; `errors` lists every problem, field by field."""

    def __init__(self, errors: list[RecordError]):
        self.errors = errors
        super().__init__("; ".join(e.message for e in errors))


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not clean(value))


def parse_date_value(value: object) -> date | None:
    """A date as Excel or a person gives it: a date/datetime cell, an Excel day number,
    `dd/mm/yyyy` (or `d/m/yyyy`, `-` or `.` separators) or ISO `yyyy-mm-dd` text. `None` if
    it is none of these; never raises. The date field type reads it (one date parser)."""
    return DATE.read_cell(value)


def _choice_error(field: str, value: object, choice: Choice) -> PydanticCustomError:
    shown = clean(str(value))
    if len(shown) > 40:
        shown = shown[:40] + "…"
    if len(choice.options) <= 4:
        listed = ", ".join(f"'{o.label}'" for o in choice.options)
        hint = f": chọn một trong {listed}"
    else:
        hint = ": chọn trong danh sách"
    return PydanticCustomError(
        "lua_chon_khong_hop_le",
        "{nhan} '{gia_tri}' không có trong danh mục{goi_y}",
        {"nhan": LABELS[field], "gia_tri": shown, "goi_y": hint},
    )


def _context_choices(info: ValidationInfo) -> SupportChoices:
    ctx = info.context or {}
    choices = ctx.get("choices")
    if choices is None:
        from tdp.support.choices import load_support_choices

        choices = load_support_choices()
    return choices


class SupportRecord(BaseModel):
    """One resident helped with one procedure. Ids are canonical after validation.

    Validate with `validate_record` (Vietnamese messages); the store fills `id`.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    ngay: date
    xa_phuong: str
    to_dan_pho: str
    thu_tuc: str
    hinh_thuc: str
    nhom_tuoi: str
    ket_qua: str
    tinh_nguyen_vien: str
    id: int | None = None

    @field_validator("ngay", mode="before")
    @classmethod
    def _date(cls, value: object, info: ValidationInfo) -> date:
        if _blank(value):
            raise PydanticCustomError("bat_buoc", _MISSING["ngay"])
        parsed = parse_date_value(value)
        if parsed is None:
            shown = clean(str(value))[:40]
            raise PydanticCustomError(
                "ngay_khong_hop_le",
                "Ngày hỗ trợ '{gia_tri}' không hợp lệ: ghi dạng dd/mm/yyyy, ví dụ 05/03/2025",
                {"gia_tri": shown},
            )
        today = (info.context or {}).get("today") or now_local().date()
        if parsed > today:
            raise PydanticCustomError(
                "ngay_trong_tuong_lai",
                "Ngày hỗ trợ {ngay} ở sau hôm nay ({hom_nay}): kiểm tra lại ngày",
                {"ngay": format_screen_date(parsed), "hom_nay": format_screen_date(today)},
            )
        return parsed

    @field_validator("xa_phuong", mode="before")
    @classmethod
    def _commune(cls, value: object, info: ValidationInfo) -> str:
        return cls._resolve("xa_phuong", value, _context_choices(info).communes)

    @field_validator("to_dan_pho", mode="before")
    @classmethod
    def _group(cls, value: object, info: ValidationInfo) -> str:
        choices = _context_choices(info)
        commune = info.data.get("xa_phuong")
        if _blank(value):
            raise PydanticCustomError("bat_buoc", _MISSING["to_dan_pho"])
        if commune is None:  # the commune is already reported; nothing to check against
            return clean(str(value))
        groups = choices.groups(commune)
        found = groups.resolve(value)
        if found is None:
            raise PydanticCustomError(
                "lua_chon_khong_hop_le",
                "{xa} không có tổ dân phố '{gia_tri}': chọn một trong {ds}",
                {
                    "xa": choices.communes.label(commune),
                    "gia_tri": clean(str(value))[:40],
                    "ds": ", ".join(groups.labels) or "(chưa khai báo tổ nào)",
                },
            )
        return found

    @field_validator(*_CHOICE_LISTS, mode="before")
    @classmethod
    def _choice(cls, value: object, info: ValidationInfo) -> str:
        """Procedure, channel, age group, outcome: an id or its label, from the data lists."""
        field = str(info.field_name)
        return cls._resolve(field, value, getattr(_context_choices(info), _CHOICE_LISTS[field]))

    @field_validator("tinh_nguyen_vien", mode="before")
    @classmethod
    def _volunteer(cls, value: object) -> str:
        if _blank(value):
            raise PydanticCustomError("bat_buoc", _MISSING["tinh_nguyen_vien"])
        name = clean(str(value))
        if len(name) > MAX_NAME:
            raise PydanticCustomError(
                "qua_dai", "Họ tên tình nguyện viên dài quá {n} ký tự", {"n": MAX_NAME}
            )
        if not any(c.isalpha() for c in name):
            raise PydanticCustomError(
                "ho_ten_khong_hop_le", "Họ tên tình nguyện viên phải có chữ cái"
            )
        return name

    @staticmethod
    def _resolve(field: str, value: object, choice: Choice) -> str:
        if _blank(value):
            raise PydanticCustomError("bat_buoc", _MISSING[field])
        found = choice.resolve(value)
        if found is None:
            raise _choice_error(field, value, choice)
        return found

    def to_json(self) -> dict[str, Any]:
        data = self.model_dump()
        data["ngay"] = self.ngay.isoformat()
        return data


def _translate(exc: ValidationError) -> list[RecordError]:
    errors: list[RecordError] = []
    for err in exc.errors(include_url=False):
        loc = err.get("loc") or ()
        field = str(loc[0]) if loc else ""
        kind = err["type"]
        if kind == "missing":
            errors.append(RecordError(field, "bat_buoc", _MISSING.get(field, f"Thiếu {field}")))
        elif kind == "extra_forbidden":
            errors.append(RecordError(field, "truong_khong_ho_tro",
                                      f"Sổ hỗ trợ không có mục '{field}'"))
        elif kind in {"bat_buoc", "lua_chon_khong_hop_le", "ngay_khong_hop_le",
                      "ngay_trong_tuong_lai", "qua_dai", "ho_ten_khong_hop_le"}:
            errors.append(RecordError(field, kind, err["msg"]))
        else:  # a wrong type for `id`, say
            label = LABELS.get(field, field)
            errors.append(RecordError(field, "khong_hop_le", f"{label} không hợp lệ"))
    return errors


def validate_record(
    data: Mapping[str, Any] | SupportRecord,
    choices: SupportChoices | None = None,
    *,
    today: date | None = None,
) -> SupportRecord:
    """A valid record from what a form or a spreadsheet row gives (ids or labels, dates as
    `date`, `dd/mm/yyyy` or ISO). Raises `SupportValidationError` listing every problem."""
    if isinstance(data, SupportRecord):
        data = data.model_dump()
    if choices is None:
        from tdp.support.choices import load_support_choices

        choices = load_support_choices()
    try:
        return SupportRecord.model_validate(
            dict(data), context={"choices": choices, "today": today}
        )
    except ValidationError as exc:
        raise SupportValidationError(_translate(exc)) from None
