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
        # the field types (tdp.engine.field_types; a test checks each type's codes are here)
        "van_ban_qua_dai", "ky_tu_khong_hop_le", "so_dinh_danh_sai_ma_tinh",
        "so_tien_khong_hop_le", "co_khong_khong_hop_le", "danh_sach_qua_dai",
        "mau_nhap_ngay", "goi_y_ngay", "mau_nhap_so_dinh_danh", "mau_nhap_so_dien_thoai",
        "goi_y_so_dien_thoai", "mau_nhap_ho_ten", "mau_nhap_so", "mau_nhap_so_tien",
        "mau_nhap_co_khong",
        # the lessons' quick checks (tdp.lessons.quick)
        "thu_ngay_dung", "thu_ngay_chua_dung", "thu_ngay_chon_trong_danh_sach",
        "thu_ngay_trong_choice", "thu_ngay_trong_number", "thu_ngay_trong_money",
        "thu_ngay_trong_date",
        # scoring feedback (tdp.practice.scoring)
        "cham_sai_thu_tuc", "cham_chon_khong_nop", "cham_chua_co_ho_so",
        "cham_chua_chon_thu_tuc", "cham_khong_co_thu_tuc", "cham_da_chon_thu_tuc",
        "cham_chua_quyet_dinh_nop", "cham_da_nop", "cham_da_khong_nop", "cham_cong_bao_loi",
        "cham_chua_dien", "cham_dien_chua_dung", "cham_thieu_giay_to", "cham_giay_to_thua",
        "cham_sai_le_phi", "cham_chua_tra_loi", "cham_da_chon",
        # the portal's steps (tdp.screens.steps)
        "buoc_dau", "buoc_thu_tuc",
        # login and payment (tdp.engine.access)
        "dang_nhap_sai", "dang_nhap_chua_co_vneid", "huong_dan_dang_ky_vneid", "otp_sai",
        "nhan_hinh_thuc_thanh_toan", "thanh_toan_ngan_hang", "thanh_toan_vi_dien_tu",
        "thanh_toan_the_atm",
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
