"""A person of the mock population registry (CSDL quốc gia về dân cư — mô phỏng)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

MaritalStatus = Literal["doc_than", "da_ket_hon", "ly_hon", "goa"]
Sex = Literal["nam", "nu"]


@dataclass
class Residence:
    co_quan: str  # commune id (course/wards.yaml)
    to_dan_pho: str  # residential group id
    dia_chi: str  # house number and street, for display


@dataclass
class Person:
    so_dinh_danh: str
    ho_ten: str
    ngay_sinh: str  # ISO date
    gioi_tinh: Sex
    dan_toc: str
    quoc_tich: str
    noi_cu_tru: Residence
    ma_ho: str
    quan_he_chu_ho: str  # chu_ho, vo, chong, con, cha, me, ong, ba, chau, anh_chi_em, khac
    tinh_trang_hon_nhan: MaritalStatus
    con_song: bool
    vneid_muc: int  # 0 none, 1, 2
    so_dien_thoai: str | None
    so_dinh_danh_cha: str | None = None
    so_dinh_danh_me: str | None = None
    so_dinh_danh_vo_chong: str | None = None
    ngay_mat: str | None = None
    mat_khau_tap_huan: str = ""  # training VNeID password, never a real one
    extra: dict[str, str] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data.pop("extra")
        return data
