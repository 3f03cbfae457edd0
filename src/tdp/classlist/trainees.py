"""The class list file (`course/trainees.csv`, or `TDP_TRAINEES_CSV`): its one reader and
its one writer. Grading, the "Bài tập" app, the dashboard, attendance, the paper tests, the
certificates and the printouts all read who is in the class here, as `Trainee` records.

The file is written by `tdp class import` (through `tdp.tables`, so a name that looks like a
formula is escaped); the ward is stored as its commune id and shown by its name.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from tdp.classlist.rows import COLUMNS
from tdp.errors import InputError
from tdp.tables import csv_unescape, write_csv
from tdp.text import fold_diacritics, name_key, nfc

ID_COLUMN = "ma_hoc_vien"
FILE_COLUMNS = (ID_COLUMN, *COLUMNS)  # ma_hoc_vien, ho_ten, phuong, so_dien_thoai


@dataclass(frozen=True)
class Trainee:
    """One trainee of the class list."""

    id: str  # nbgrader's student id: the folder of their submissions ("nguyen_van_an")
    name: str  # NFC, as the trainer typed it
    ward: str = ""  # commune id of course/wards.yaml ("" when not given)
    phone: str = ""

    @property
    def ward_name(self) -> str:
        """The commune's name ("Phường Thống Nhất"); a value that is no commune id (a list
        written by hand) as it is."""
        if not self.ward:
            return ""
        from tdp.catalog import load_catalog

        commune = load_catalog().wards.commune(self.ward)
        return commune.name if commune else self.ward


def class_list_file() -> Path:
    """Where the class list is (`tdp.paths.trainees_csv`, the one reader of
    `TDP_TRAINEES_CSV`)."""
    from tdp.paths import trainees_csv

    return trainees_csv()


def read_trainees(path: Path | None = None) -> list[Trainee]:
    """Everyone in the class, in the file's order; no file is an empty class. Rows without
    an id or a name are skipped."""
    path = path or class_list_file()
    if not path.is_file():
        return []
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.DictReader(handle))
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise InputError(f"Không đọc được danh sách lớp '{path}' ({exc})") from None

    def cell(row: dict[str, str | None], column: str) -> str:
        return csv_unescape(nfc(row.get(column) or "").strip())

    found = (Trainee(cell(r, ID_COLUMN), cell(r, "ho_ten"), cell(r, "phuong"),
                     cell(r, "so_dien_thoai")) for r in rows)
    return [t for t in found if t.id and t.name]


def require_trainees(path: Path | None = None) -> list[Trainee]:
    """The class list, which must not be empty (attendance, tests, certificates)."""
    trainees = read_trainees(path)
    if not trainees:
        raise InputError(f"Danh sách lớp '{path or class_list_file()}' chưa có học viên nào: "
                         "nhập danh sách lớp trước (mẫu: tdp class template lop.xlsx; nhập: "
                         "tdp class import lop.xlsx)")
    return trainees


def write_trainees(path: Path, trainees: Sequence[Trainee]) -> None:
    """The class list, through the project's one safe CSV writer (`tdp.tables`)."""
    write_csv(path, FILE_COLUMNS, [(t.id, t.name, t.ward, t.phone) for t in trainees])


def find_by_name(trainees: Sequence[Trainee], name: str) -> Trainee | None:
    """The trainee of that name (NFC, case and spaces folded), or None."""
    key = name_key(name)
    return next((t for t in trainees if name_key(t.name) == key), None)


def find_trainee(trainees: Sequence[Trainee], who: str) -> Trainee | None:
    """The trainee whose id is `who`, else whose name is `who` (a trainer types either)."""
    who = who.strip()
    return next((t for t in trainees if t.id == who), None) or find_by_name(trainees, who)


def trainee_id(name: str) -> str:
    """An ASCII id nbgrader can use as a folder name: "Nguyễn Văn An" -> "nguyen_van_an"."""
    folded = fold_diacritics(nfc(name)).lower()
    return re.sub(r"[^a-z0-9]+", "_", folded).strip("_") or "hoc_vien"


def new_trainee(trainees: Sequence[Trainee], name: str, ward: str = "",
                phone: str = "") -> Trainee:
    """A trainee not yet listed, with an id no one in `trainees` has."""
    base = trainee_id(name)
    taken = {t.id for t in trainees}
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}_{n}", n + 1
    return Trainee(candidate, nfc(name).strip(), ward, phone)
