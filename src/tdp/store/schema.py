"""Tables of the store. One row per registry person, filing, status change and receipt day."""

from __future__ import annotations

from typing import Any

from sqlalchemy import JSON, Boolean, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class Meta(Base):
    """Small facts about the store itself (e.g. which seed generated the registry)."""

    __tablename__ = "meta"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class PersonRow(Base):
    __tablename__ = "persons"
    so_dinh_danh: Mapped[str] = mapped_column(String(12), primary_key=True)
    ho_ten: Mapped[str] = mapped_column(String(200))
    ngay_sinh: Mapped[str] = mapped_column(String(10))
    gioi_tinh: Mapped[str] = mapped_column(String(3))
    dan_toc: Mapped[str] = mapped_column(String(50))
    quoc_tich: Mapped[str] = mapped_column(String(50))
    co_quan: Mapped[str] = mapped_column(String(50), index=True)
    to_dan_pho: Mapped[str] = mapped_column(String(50))
    dia_chi: Mapped[str] = mapped_column(String(300))
    ma_ho: Mapped[str] = mapped_column(String(30), index=True)
    quan_he_chu_ho: Mapped[str] = mapped_column(String(20))
    tinh_trang_hon_nhan: Mapped[str] = mapped_column(String(12))
    con_song: Mapped[bool] = mapped_column(Boolean)
    vneid_muc: Mapped[int] = mapped_column(Integer)
    so_dien_thoai: Mapped[str | None] = mapped_column(String(15))
    so_dinh_danh_cha: Mapped[str | None] = mapped_column(String(12), index=True)
    so_dinh_danh_me: Mapped[str | None] = mapped_column(String(12), index=True)
    so_dinh_danh_vo_chong: Mapped[str | None] = mapped_column(String(12))
    ngay_mat: Mapped[str | None] = mapped_column(String(10))
    mat_khau_tap_huan: Mapped[str] = mapped_column(String(50))
    # The record that ended the last marriage ({loai, so, ngay, co_quan,
    # so_dinh_danh_vo_chong_cu}), fee-exemption facts and adoptive parents' numbers.
    cham_dut_hon_nhan: Mapped[dict[str, str] | None] = mapped_column(JSON, nullable=True)
    uu_dai: Mapped[list[str]] = mapped_column(JSON, default=list)
    cha_me_nuoi: Mapped[list[str]] = mapped_column(JSON, default=list)
    nguon: Mapped[str] = mapped_column(String(60), default="sinh_mau")  # or a receipt code


class FilingRow(Base):
    __tablename__ = "filings"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    receipt: Mapped[str] = mapped_column(String(60), unique=True)
    procedure: Mapped[str] = mapped_column(String(60), index=True)
    co_quan: Mapped[str] = mapped_column(String(50))
    submitted_at: Mapped[str] = mapped_column(String(16))  # YYYY-MM-DDTHH:MM, local time
    appointment: Mapped[str] = mapped_column(String(10))
    fee: Mapped[int] = mapped_column(Integer)
    late: Mapped[bool] = mapped_column(Boolean)
    status: Mapped[int] = mapped_column(Integer)
    filing: Mapped[dict[str, Any]] = mapped_column(JSON)
    result: Mapped[dict[str, Any]] = mapped_column(JSON)  # what it changed (child's number)
    owner: Mapped[str | None] = mapped_column(String(200), index=True)  # trainee, if any


class StatusEventRow(Base):
    __tablename__ = "status_events"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    filing_id: Mapped[int] = mapped_column(ForeignKey("filings.id"), index=True)
    status: Mapped[int] = mapped_column(Integer)
    at: Mapped[str] = mapped_column(String(16))
    note: Mapped[str] = mapped_column(Text, default="")


class ReceiptCounterRow(Base):
    """The last sequence number used per agency per day (receipt codes)."""

    __tablename__ = "receipt_counters"
    __table_args__ = (UniqueConstraint("agency", "day"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    agency: Mapped[str] = mapped_column(String(40))
    day: Mapped[str] = mapped_column(String(6))  # YYMMDD
    last: Mapped[int] = mapped_column(Integer)
