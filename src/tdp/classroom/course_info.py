"""The class's own facts (`course/khoa_hoc.yaml`): the course title, the organiser, the five
session dates and the trainer's certificate rule (attendance and pass mark)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, model_validator

from tdp.paths import course_dir


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Weights(Strict):
    bai_tap: int = Field(ge=0, le=100)
    kiem_tra_cuoi_khoa: int = Field(ge=0, le=100)

    @model_validator(mode="after")
    def _hundred(self) -> Weights:
        if self.bai_tap + self.kiem_tra_cuoi_khoa != 100:
            raise ValueError("trọng số bài tập và kiểm tra cuối khóa phải cộng lại bằng 100")
        return self


class CertificateRule(Strict):
    so_buoi_toi_thieu: int = Field(ge=1)
    diem_dat: float = Field(ge=0, le=100)
    trong_so: Weights
    nguoi_ky: str = ""


class CourseInfo(Strict):
    ten_khoa_hoc: str
    don_vi_to_chuc: str
    dia_diem: str = ""
    buoi_hoc: list[date] = Field(min_length=1)
    chung_nhan: CertificateRule

    @model_validator(mode="after")
    def _attendance(self) -> CourseInfo:
        if self.chung_nhan.so_buoi_toi_thieu > len(self.buoi_hoc):
            raise ValueError("số buổi tối thiểu lớn hơn số buổi học")
        return self

    @property
    def sessions(self) -> int:
        return len(self.buoi_hoc)


def course_file(root: Path | None = None) -> Path:
    return (root or course_dir()) / "khoa_hoc.yaml"


def load_course_info(root: Path | None = None) -> CourseInfo:
    """`course/khoa_hoc.yaml`, with a Vietnamese message naming the key that is wrong."""
    from tdp.catalog import load_model_file

    return load_model_file(course_file(root), CourseInfo)
