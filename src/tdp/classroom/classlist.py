"""The class list (`course/trainees.csv`, written by the class import): the one place the
attendance, the paper tests and the certificates read who is in the class — id, name,
ward, phone."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from tdp.errors import InputError
from tdp.tables import csv_unescape
from tdp.text import nfc

# Column names the class import may use for each fact (first found wins).
_COLUMNS = {
    "id": ("ma_hoc_vien",),
    "name": ("ho_ten",),
    "ward": ("phuong", "xa_phuong"),
    "phone": ("so_dien_thoai", "dien_thoai"),
}


@dataclass(frozen=True)
class ClassMember:
    id: str
    name: str
    ward: str = ""
    phone: str = ""


def class_list_file() -> Path:
    """The class list grading and the dashboard read too (`tdp.paths.trainees_csv`, the one
    reader of `TDP_TRAINEES_CSV`)."""
    from tdp.paths import trainees_csv

    return trainees_csv()


def _ward_name(value: str) -> str:
    """A commune id (`thong_nhat`) as its name; a name as it is."""
    from tdp.catalog import load_catalog

    commune = load_catalog().wards.commune(value)
    return commune.name if commune else value


def read_class_list(path: Path | None = None) -> list[ClassMember]:
    """Everyone in the class, in the file's order."""
    path = path or class_list_file()
    if not path.is_file():
        return []
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.DictReader(handle))
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"Không đọc được danh sách lớp '{path}' ({exc})") from None

    def pick(row: dict[str, str], fact: str) -> str:
        for column in _COLUMNS[fact]:
            if row.get(column):  # written by tdp.tables: a formula-like cell is escaped
                return csv_unescape(nfc(row[column]).strip())
        return ""

    members = []
    for row in rows:
        member_id, name = pick(row, "id"), pick(row, "name")
        if member_id and name:
            ward = pick(row, "ward")
            members.append(ClassMember(member_id, name, _ward_name(ward) if ward else "",
                                       pick(row, "phone")))
    return members


def require_class_list() -> list[ClassMember]:
    members = read_class_list()
    if not members:
        raise InputError(f"Danh sách lớp '{class_list_file()}' chưa có học viên nào: "
                         "nhập danh sách lớp trước")
    return members
