"""The support log in Excel: a template with Vietnamese headers and drop-down lists, import
with every bad row reported by its row number, and export in the template's layout (so an
exported file can be edited and imported into another store).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from tdp.errors import InputError
from tdp.store import Store
from tdp.support.choices import SupportChoices, load_support_choices, lookup_key
from tdp.support.log import add_records, find_import, list_records
from tdp.support.model import (
    FIELDS,
    LABELS,
    RecordError,
    SupportRecord,
    SupportValidationError,
    validate_record,
)
from tdp.tables import append_row, save_workbook

LOG_SHEET = "Sổ hỗ trợ"
LISTS_SHEET = "Danh mục"
HELP_SHEET = "Hướng dẫn"
TEMPLATE_ROWS = 2000  # rows that get drop-down lists and the date format
DATE_FORMAT = "DD/MM/YYYY"
_HEADER_SEARCH_ROWS = 10

# Other headers people write for the same column (compared with `lookup_key`).
_ALIASES: dict[str, tuple[str, ...]] = {
    "ngay": ("ngày", "ngày hỗ trợ", "ngày thực hiện"),
    "xa_phuong": ("xã/phường", "xã phường", "phường", "xã", "phường/xã"),
    "to_dan_pho": ("tổ", "tổ dân phố", "tdp"),
    "thu_tuc": ("thủ tục", "việc hỗ trợ", "thủ tục hỗ trợ"),
    "hinh_thuc": ("hình thức hỗ trợ", "kênh"),
    "nhom_tuoi": ("nhóm tuổi", "độ tuổi"),
    "ket_qua": ("kết quả hỗ trợ",),
    "tinh_nguyen_vien": ("người hỗ trợ", "tình nguyện viên hỗ trợ", "họ tên tình nguyện viên"),
}


def _header_keys() -> dict[str, str]:
    keys: dict[str, str] = {}
    for f in FIELDS:
        for text in (f, LABELS[f], *_ALIASES.get(f, ())):
            keys[lookup_key(text)] = f
    return keys


@dataclass(frozen=True)
class RowError:
    """Every problem of one spreadsheet row (`row` is the row number Excel shows)."""

    row: int
    errors: tuple[RecordError, ...]

    @property
    def message(self) -> str:
        return "; ".join(e.message for e in self.errors)

    def __str__(self) -> str:
        return f"Dòng {self.row}: {self.message}"

    def to_json(self) -> dict[str, Any]:
        return {"dong": self.row, "loi": [e.to_json() for e in self.errors]}


@dataclass
class ImportReport:
    """What reading (and maybe importing) a file found."""

    file: str
    sha256: str
    good: list[tuple[int, SupportRecord]] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    imported: int = 0

    @property
    def rows(self) -> int:
        """Non-empty data rows read."""
        return len(self.good) + len(self.errors)

    def to_json(self) -> dict[str, Any]:
        return {
            "tep": self.file,
            "so_dong": self.rows,
            "so_dong_hop_le": len(self.good),
            "so_dong_loi": len(self.errors),
            "da_nhap": self.imported,
            "dong_loi": [e.to_json() for e in self.errors],
        }


# --- writing ---------------------------------------------------------------------------------


def _lists(choices: SupportChoices) -> list[tuple[str, list[str]]]:
    return [
        ("xa_phuong", choices.communes.labels),
        ("to_dan_pho", choices.all_group_labels()),
        ("thu_tuc", choices.procedures.labels),
        ("hinh_thuc", choices.channels.labels),
        ("nhom_tuoi", choices.age_groups.labels),
        ("ket_qua", choices.outcomes.labels),
    ]


_HELP = [
    "SỔ THEO DÕI HỖ TRỢ NGƯỜI DÂN THỰC HIỆN DỊCH VỤ CÔNG TRỰC TUYẾN",
    "",
    "Mỗi dòng ở trang «Sổ hỗ trợ» là một lượt hỗ trợ: một người dân được hỗ trợ một thủ tục "
    "(hoặc cài VNeID) trong một ngày.",
    "Không ghi họ tên, số định danh hay số điện thoại của người dân: báo cáo chỉ cần số lượng.",
    "",
    "Cách ghi:",
    "- Ngày hỗ trợ: dạng ngày/tháng/năm, ví dụ 05/03/2025.",
    "- Các cột có danh sách: bấm vào ô và chọn; danh sách đầy đủ ở trang «Danh mục».",
    "- Tổ dân phố phải thuộc xã, phường đã chọn.",
    "- Tình nguyện viên: họ và tên người hỗ trợ, ghi thống nhất giữa các dòng.",
    "- Không đổi tên hay thứ tự các cột ở dòng 1; dòng trống được bỏ qua.",
    "",
    "Nhập vào hệ thống: tdp support import TEP.xlsx",
    "Tệp có dòng sai thì không nhập dòng nào và hệ thống liệt kê từng dòng sai kèm lý do;",
    "sửa rồi nhập lại, hoặc chỉ nhập các dòng đúng: tdp support import TEP.xlsx --chi-dong-hop-le",
]


def _build_workbook(choices: SupportChoices, records: Sequence[SupportRecord]) -> Any:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter, quote_sheetname
    from openpyxl.worksheet.datavalidation import DataValidation

    wb = Workbook()
    ws = wb.active
    ws.title = LOG_SHEET
    header_fill = PatternFill("solid", fgColor="DDEBF7")
    append_row(ws, [LABELS[f] for f in FIELDS])
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = header_fill
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    ws.freeze_panes = "A2"
    widths = {"ngay": 14, "xa_phuong": 22, "to_dan_pho": 16, "thu_tuc": 44, "hinh_thuc": 20,
              "nhom_tuoi": 20, "ket_qua": 26, "tinh_nguyen_vien": 28}
    for i, f in enumerate(FIELDS, start=1):
        ws.column_dimensions[get_column_letter(i)].width = widths[f]

    c = choices
    for r in records:
        append_row(ws, [
            r.ngay, c.communes.label(r.xa_phuong), c.groups(r.xa_phuong).label(r.to_dan_pho),
            c.procedures.label(r.thu_tuc), c.channels.label(r.hinh_thuc),
            c.age_groups.label(r.nhom_tuoi), c.outcomes.label(r.ket_qua), r.tinh_nguyen_vien,
        ])
    last = max(TEMPLATE_ROWS, len(records) + 1)
    # The date format as the column's style: Excel applies it to what is typed, and no empty
    # cells are created (so rows appended by a program land right under the header).
    ws.column_dimensions["A"].number_format = DATE_FORMAT
    for row in ws.iter_rows(min_row=2, max_row=len(records) + 1, min_col=1, max_col=1):
        row[0].number_format = DATE_FORMAT

    lists = wb.create_sheet(LISTS_SHEET)
    ref = quote_sheetname(LISTS_SHEET)
    col_of = {f: i for i, f in enumerate(FIELDS, start=1)}
    for j, (f, labels) in enumerate(_lists(choices), start=1):
        letter = get_column_letter(j)
        lists.cell(row=1, column=j, value=LABELS[f]).font = Font(bold=True)
        lists.column_dimensions[letter].width = max(16, *(len(s) + 2 for s in labels or [""]))
        for i, label in enumerate(labels, start=2):
            lists.cell(row=i, column=j, value=label)
        if not labels:
            continue
        dv = DataValidation(
            type="list",
            formula1=f"{ref}!${letter}$2:${letter}${len(labels) + 1}",
            allow_blank=True,
            showErrorMessage=True,
            errorStyle="warning",
            errorTitle="Không có trong danh sách",
            error=f"Chọn {LABELS[f].lower()} trong danh sách (trang «{LISTS_SHEET}»).",
        )
        target = get_column_letter(col_of[f])
        dv.add(f"{target}2:{target}{last}")
        ws.add_data_validation(dv)
    # Codes next to the labels, for those who prefer typing ids.
    codes_col = len(_lists(choices)) + 2
    lists.cell(row=1, column=codes_col, value="Mã (có thể ghi mã thay cho tên)").font = Font(
        bold=True
    )
    lists.column_dimensions[get_column_letter(codes_col)].width = 60
    code_lines = [f"{o.id} = {o.label}" for o in (*c.procedures.options, *c.channels.options,
                                                   *c.age_groups.options, *c.outcomes.options)]
    for i, line in enumerate(code_lines, start=2):
        lists.cell(row=i, column=codes_col, value=line)

    date_dv = DataValidation(
        type="date", operator="greaterThan", formula1="DATE(2000,1,1)", allow_blank=True,
        showErrorMessage=True, errorStyle="warning", errorTitle="Ngày không hợp lệ",
        error="Ghi ngày dạng ngày/tháng/năm, ví dụ 05/03/2025.",
    )
    date_dv.add(f"A2:A{last}")
    ws.add_data_validation(date_dv)

    help_ws = wb.create_sheet(HELP_SHEET)
    help_ws.column_dimensions["A"].width = 110
    for line in _HELP:
        append_row(help_ws, [line])
    help_ws["A1"].font = Font(bold=True)
    return wb


def _save(wb: Any, path: Path) -> None:
    try:
        save_workbook(wb, path)
    except OSError as exc:
        raise InputError(f"Không ghi được tệp '{path}' ({exc.strerror or exc})") from None


def write_template(path: str | Path, choices: SupportChoices | None = None) -> Path:
    """An empty log with headers, drop-down lists, the lists and a help sheet."""
    path = Path(path)
    _save(_build_workbook(choices or load_support_choices(), []), path)
    return path


def export_workbook(
    path: str | Path,
    *,
    store: Store | None = None,
    ward: str | None = None,
    start: date | None = None,
    end: date | None = None,
    choices: SupportChoices | None = None,
) -> int:
    """Write the log (optionally one ward, a date range) in the template's layout, with
    Vietnamese labels and real dates; returns the number of records written."""
    records = list_records(store=store, ward=ward, start=start, end=end)
    _save(_build_workbook(choices or load_support_choices(), records), Path(path))
    return len(records)


# --- reading ---------------------------------------------------------------------------------


def _open(path: Path) -> Any:
    from zipfile import BadZipFile

    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    if not path.exists():
        raise InputError(f"Không tìm thấy tệp '{path}'")
    if path.is_dir():
        raise InputError(f"'{path}' là thư mục, không phải tệp Excel")
    try:
        return load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, BadZipFile, KeyError, ValueError, OSError):
        raise InputError(
            f"Không đọc được '{path.name}': cần tệp Excel .xlsx (tạo mẫu bằng "
            "'tdp support template TEP.xlsx')"
        ) from None


def _find_header(rows: list[tuple[Any, ...]]) -> tuple[int, dict[int, str]] | None:
    keys = _header_keys()
    best: tuple[int, dict[int, str]] | None = None
    for i, row in enumerate(rows):
        found: dict[int, str] = {}
        for j, value in enumerate(row):
            if isinstance(value, str):
                f = keys.get(lookup_key(value))
                if f and f not in found.values():
                    found[j] = f
        if len(found) >= 3 and (best is None or len(found) > len(best[1])):
            best = (i, found)
            if len(found) == len(FIELDS):
                break
    return best


def parse_rows(
    rows: Iterable[tuple[Any, ...]],
    choices: SupportChoices,
    *,
    first_row: int = 1,
    today: date | None = None,
) -> tuple[list[tuple[int, SupportRecord]], list[RowError]]:
    """Header row then data rows (cell values, as openpyxl gives them), numbered from
    `first_row`. Returns (row number, record) for good rows and a `RowError` for bad ones;
    blank rows are skipped. Raises `InputError` if no header row names the columns."""
    rows = iter(rows)
    head: list[tuple[Any, ...]] = []
    for row in rows:
        head.append(tuple(row))
        if len(head) >= _HEADER_SEARCH_ROWS:
            break
    found = _find_header(head)
    if found is None:
        names = ", ".join(LABELS[f] for f in FIELDS)
        raise InputError(
            f"Không thấy dòng tiêu đề: dòng đầu phải có các cột {names} (như tệp mẫu của "
            "'tdp support template')"
        )
    header_index, columns = found
    missing = [LABELS[f] for f in FIELDS if f not in columns.values()]
    if missing:
        raise InputError(f"Tệp thiếu cột: {', '.join(missing)}")

    def data_rows() -> Iterable[tuple[int, tuple[Any, ...]]]:
        n = first_row
        for row in head:
            yield n, row
            n += 1
        for row in rows:
            yield n, tuple(row)
            n += 1

    good: list[tuple[int, SupportRecord]] = []
    bad: list[RowError] = []
    for number, row in data_rows():
        if number <= first_row + header_index:
            continue
        values = {f: (row[j] if j < len(row) else None) for j, f in columns.items()}
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in values.values()):
            continue
        try:
            good.append((number, validate_record(values, choices, today=today)))
        except SupportValidationError as exc:
            bad.append(RowError(number, tuple(exc.errors)))
    return good, bad


def read_workbook(
    path: str | Path, *, choices: SupportChoices | None = None, today: date | None = None
) -> ImportReport:
    """Read and check every row of the file; nothing is written."""
    path = Path(path)
    wb = _open(path)
    try:
        ws = wb[LOG_SHEET] if LOG_SHEET in wb.sheetnames else wb.worksheets[0]
        good, bad = parse_rows(
            ws.iter_rows(values_only=True), choices or load_support_choices(), today=today
        )
    finally:
        wb.close()
    sha = hashlib.sha256(path.read_bytes()).hexdigest()
    return ImportReport(file=path.name, sha256=sha, good=good, errors=bad)


def import_workbook(
    path: str | Path,
    *,
    store: Store | None = None,
    good_rows_only: bool = False,
    choices: SupportChoices | None = None,
    today: date | None = None,
) -> ImportReport:
    """Import a filled-in template. A file with any bad row imports nothing unless
    `good_rows_only`; the report lists every bad row either way. The same file (same bytes)
    is never imported twice (`DuplicateImportError`)."""
    report = read_workbook(path, choices=choices, today=today)
    earlier = find_import(report.sha256, store=store)
    if earlier is not None:
        from tdp.support.log import DuplicateImportError

        raise DuplicateImportError(*earlier)
    if report.errors and not good_rows_only:
        return report
    if report.good:
        report.imported = add_records(
            (r for _, r in report.good), store=store, source=(report.file, report.sha256)
        )
    return report
