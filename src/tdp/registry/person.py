"""A person of the mock population registry (CSDL quốc gia về dân cư — mô phỏng)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

MaritalStatus = Literal["doc_than", "da_ket_hon", "ly_hon", "goa"]
Sex = Literal["nam", "nu"]
MarriageEndKind = Literal["ly_hon", "vo_chong_chet"]
Benefit = Literal["ho_ngheo", "khuyet_tat", "co_cong"]

BENEFITS: tuple[Benefit, ...] = ("ho_ngheo", "khuyet_tat", "co_cong")
"""Fee-exemption facts the national population database holds (`uu_dai`)."""


@dataclass
class Residence:
    co_quan: str  # commune id (course/wards.yaml)
    to_dan_pho: str  # residential group id
    dia_chi: str  # house number and street, for display


@dataclass
class MarriageEnd:
    """The record that ended a divorced or widowed person's last marriage (`cham_dut_hon_nhan`).

    `ly_hon`: the court judgment (bản án/quyết định ly hôn); `vo_chong_chet`: the death
    registration of the spouse (its date is the spouse's death date). Data-first rules
    (NĐ 18/2026) compare what the resident declares with these details.
    """

    loai: MarriageEndKind
    so: str  # e.g. "35/2019/HNGĐ-ST" (judgment) or "112/2021" (death registration)
    ngay: str  # ISO date of the judgment / the death
    co_quan: str  # the court, or the UBND that registered the death
    so_dinh_danh_vo_chong_cu: str | None = None  # the former spouse, when in the registry

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> MarriageEnd:
        return cls(loai=data["loai"], so=data["so"], ngay=data["ngay"], co_quan=data["co_quan"],
                   so_dinh_danh_vo_chong_cu=data.get("so_dinh_danh_vo_chong_cu"))


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
    cham_dut_hon_nhan: MarriageEnd | None = None  # set exactly for ly_hon and goa
    uu_dai: list[Benefit] = field(default_factory=list)
    cha_me_nuoi: list[str] = field(default_factory=list)  # adoptive parents' numbers
    extra: dict[str, str] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data.pop("extra")
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Person:
        """The inverse of `to_json` (tests and samples read `tdp registry list --json`)."""
        values = dict(data)
        values["noi_cu_tru"] = Residence(**values["noi_cu_tru"])
        end = values.get("cham_dut_hon_nhan")
        values["cham_dut_hon_nhan"] = MarriageEnd.from_json(end) if end else None
        values["uu_dai"] = list(values.get("uu_dai") or [])
        values["cha_me_nuoi"] = list(values.get("cha_me_nuoi") or [])
        return cls(**values)
