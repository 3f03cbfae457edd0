"""The support log's tables, in their own metadata (created on first use in any store)."""

from __future__ import annotations

from sqlalchemy import ForeignKey, Index, Integer, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class SupportBase(DeclarativeBase):
    pass


class SupportImportRow(SupportBase):
    """One imported Excel file: its SHA-256 refuses importing the same file twice."""

    __tablename__ = "support_imports"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    file_name: Mapped[str] = mapped_column(String(300))
    imported_at: Mapped[str] = mapped_column(String(16))  # YYYY-MM-DDTHH:MM, local time
    rows: Mapped[int] = mapped_column(Integer)


class SupportRecordRow(SupportBase):
    """One resident helped with one procedure on one day (no personal data of the resident)."""

    __tablename__ = "support_records"
    __table_args__ = (Index("ix_support_records_ward_day", "xa_phuong", "ngay"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    ngay: Mapped[str] = mapped_column(String(10), index=True)  # YYYY-MM-DD
    xa_phuong: Mapped[str] = mapped_column(String(50))
    to_dan_pho: Mapped[str] = mapped_column(String(50))
    thu_tuc: Mapped[str] = mapped_column(String(60))
    hinh_thuc: Mapped[str] = mapped_column(String(30))
    nhom_tuoi: Mapped[str] = mapped_column(String(30))
    ket_qua: Mapped[str] = mapped_column(String(30))
    tinh_nguyen_vien: Mapped[str] = mapped_column(String(200))
    import_id: Mapped[int | None] = mapped_column(ForeignKey("support_imports.id"))
    created_at: Mapped[str] = mapped_column(String(16))
