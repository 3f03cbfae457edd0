"""Coded error messages: the code lives in Python, the Vietnamese wording in
`course/messages.vi.yaml`, so a trainer can reword a message without touching code."""

from __future__ import annotations

import string
from dataclasses import dataclass
from typing import Any

BANNER_TEXT = "BẢN MÔ PHỎNG — chỉ dùng để tập huấn"
"""On every screen of the mock portal and every printed page that shows its data."""

# Every code the engine can report; `tdp catalog check` requires a wording for each.
REQUIRED_CODES = frozenset(
    {
        "bat_buoc", "chon_bat_buoc", "dinh_dang_van_ban", "ho_ten_khong_hop_le",
        "so_dinh_danh_khong_hop_le", "so_dien_thoai_khong_hop_le", "ngay_khong_hop_le",
        "lua_chon_khong_hop_le", "so_nguyen_khong_hop_le", "so_qua_nho", "so_qua_lon",
        "danh_sach_khong_hop_le", "danh_sach_it_qua", "nhom_khong_hop_le",
        "giay_to_khong_thuoc_thu_tuc", "so_dinh_danh_khong_ton_tai", "ho_ten_khong_khop",
        "ngay_sinh_khong_khop", "nguoi_da_mat", "gioi_tinh_khong_khop",
        "nguoi_yeu_cau_khong_khop", "ngay_trong_tuong_lai", "ngay_truoc_ngay_sinh",
        "tre_da_duoc_khai_sinh", "thieu_giay_to", "chua_du_tuoi_ket_hon", "dang_co_vo_chong",
        "cam_ket_hon_huyet_thong", "chua_du_muc_vneid", "khong_co_tai_khoan_vneid",
        "co_quan_khong_ton_tai", "sai_tham_quyen",
    }
)


@dataclass(frozen=True)
class FieldError:
    """One problem with a filing: where (dotted path), what (stable code), and what to do."""

    field: str
    code: str
    message: str

    def to_json(self) -> dict[str, str]:
        return {"field": self.field, "code": self.code, "message": self.message}


class _Lenient(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def lower_first(text: str) -> str:
    """'Ngày sinh của trẻ' → 'ngày sinh của trẻ' (for use inside a sentence)."""
    if len(text) > 1 and text[1].isupper():  # an acronym such as "VNeID" stays as it is
        return text
    return text[:1].lower() + text[1:]


def render(messages: dict[str, str], code: str, label: str, **params: Any) -> str:
    """The Vietnamese message for `code`, naming the field by its `label`."""
    template = messages.get(code) or "{nhan}: " + code
    values = _Lenient(params)
    values.setdefault("nhan", label)
    values.setdefault("nhan_thuong", lower_first(label))
    text = string.Formatter().vformat(template, (), values)
    return text[:1].upper() + text[1:]
