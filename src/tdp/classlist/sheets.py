"""The class list's files: the trainer's spreadsheet in (.xlsx or .csv, header matched by
its Vietnamese label or column id), the template out, `course/trainees.csv` written only when
every row is good. The list it replaces is moved to `var/`, never deleted."""

from __future__ import annotations

import csv
import shutil
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from tdp.classlist.rows import COLUMNS, ClassRow, RowProblem, _key, check_rows, ward_lookup
from tdp.classlist.trainees import Trainee, new_trainee, read_trainees, write_trainees
from tdp.errors import InputError
from tdp.text import name_key

MAX_BYTES = 5_000_000
EXAMPLE = ("Ví dụ: Nguyễn Văn A (xóa dòng này)", "Phường Thống Nhất", "0912345678")


def _header_map(header: tuple) -> dict[int, str]:
    keys = {_key(label): col for col, label in COLUMNS.items()} | {
        _key(col): col for col in COLUMNS}
    return {i: keys[_key(str(v))] for i, v in enumerate(header)
            if v is not None and _key(str(v)) in keys}


def read_table(path: Path) -> list[tuple[int, dict[str, object]]]:
    """(row number, {column id: value}) for each data row; the header is row 1."""
    if not path.is_file():
        raise InputError(f"Không tìm thấy tệp '{path}'")
    if path.stat().st_size > MAX_BYTES:
        raise InputError(f"Tệp '{path.name}' lớn quá {MAX_BYTES // 1_000_000} MB")
    suffix = path.suffix.lower()
    if suffix == ".csv":
        try:
            with path.open(encoding="utf-8-sig", newline="") as handle:
                rows = [tuple(r) for r in csv.reader(handle)]
        except UnicodeDecodeError:
            raise InputError(f"Tệp '{path.name}' không phải CSV mã UTF-8") from None
    elif suffix == ".xlsx":
        rows = _xlsx_rows(path)
    else:
        raise InputError("Danh sách lớp phải là tệp .xlsx hoặc .csv "
                         "(tạo mẫu bằng 'tdp class template lop.xlsx')")
    if not rows:
        raise InputError(f"Tệp '{path.name}' trống")
    columns = _header_map(rows[0])
    if "ho_ten" not in columns.values() or "phuong" not in columns.values():
        names = ", ".join(COLUMNS.values())
        raise InputError(f"Dòng 1 phải là tiêu đề với các cột {names} (như tệp mẫu)")
    return [(n, {col: (row[i] if i < len(row) else None) for i, col in columns.items()})
            for n, row in enumerate(rows[1:], start=2)]


def _xlsx_rows(path: Path) -> list[tuple]:
    from zipfile import BadZipFile

    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        # formulas as written (never their cached value): a name that is a formula is refused
        book = load_workbook(path, read_only=True, data_only=False)
    except (InvalidFileException, BadZipFile, KeyError, ValueError, OSError):
        raise InputError(f"Không đọc được '{path.name}' như tệp Excel .xlsx") from None
    try:
        return [tuple(r) for r in book.worksheets[0].iter_rows(values_only=True)]
    finally:
        book.close()


def write_template(path: Path) -> Path:
    """An .xlsx with the header and one example row the trainer replaces."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    from tdp.tables import append_row, save_workbook

    if path.suffix.lower() != ".xlsx":
        raise InputError("Tệp mẫu phải có đuôi .xlsx")
    book = Workbook()
    sheet = book.active
    sheet.title = "Danh sách lớp"
    append_row(sheet, list(COLUMNS.values()))
    append_row(sheet, list(EXAMPLE))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for cell in sheet[2]:
        cell.font = Font(italic=True, color="808080")
    for letter, width in zip("ABC", (34, 24, 16), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.column_dimensions["C"].number_format = "@"
    save_workbook(book, path)
    return path


@dataclass
class ImportResult:
    imported: list[ClassRow]
    problems: list[RowProblem]
    moved_to: Path | None = None


def _communes() -> dict[str, str]:
    from tdp.catalog import load_catalog

    return ward_lookup((c.id, c.name) for c in load_catalog().wards.communes)


def import_class(source: Path, trainees_csv: Path, backup_dir: Path) -> ImportResult:
    """Check every row of `source`; only if all are good, replace the class list (a trainee
    already listed keeps their id, so their submissions stay theirs)."""
    rows = read_table(source)
    good, problems = check_rows(rows, _communes())
    if problems:
        return ImportResult([], problems)
    if not good:
        raise InputError(f"Tệp '{source.name}' không có học viên nào")
    old = read_trainees(trainees_csv)
    by_name = {name_key(t.name): t for t in old}
    trainees: list[Trainee] = []
    for row in good:
        known = by_name.get(name_key(row.name))
        if known:
            trainees.append(Trainee(known.id, row.name, row.ward, row.phone))
        else:
            trainees.append(new_trainee(old + trainees, row.name, row.ward, row.phone))
    moved = None
    if trainees_csv.is_file():
        backup_dir.mkdir(parents=True, exist_ok=True)
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        moved = backup_dir / f"trainees-{stamp}.csv"
        shutil.copy2(trainees_csv, moved)
    write_trainees(trainees_csv, trainees)
    return ImportResult(good, [], moved)
