"""The one way the project writes spreadsheets and CSV files: no cell ever becomes a formula.

A name like `=cmd|' /C calc'!A0` typed by a trainee, or `=HYPERLINK(…)` in a support-log
cell, must reach Excel as text (OWASP "CSV injection"). Every cell whose text starts with
`=`, `+`, `-`, `@`, a tab or a carriage return is neutralised:

- in CSV, prefixed with an apostrophe (what OWASP recommends; Excel shows the rest as text);
- in Excel, stored as a string cell with the "quote prefix" style (Excel shows the text as
  typed and does not turn it into a formula when the cell is edited).

Numbers stay numbers: -3 (an int or a float) is written as the number it is, and a text that
is just a plain number ("-3", "+2.5") cannot be a formula, so it is left alone.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from tdp.errors import InputError

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)?")
_ESCAPE = "'"


def is_dangerous(value: Any) -> bool:
    """True for text a spreadsheet could read as a formula."""
    return (isinstance(value, str) and value.startswith(FORMULA_PREFIXES)
            and not _PLAIN_NUMBER.fullmatch(value))


def csv_cell(value: Any) -> Any:
    """The value as it may go into a CSV file."""
    return _ESCAPE + value if is_dangerous(value) else value


def csv_unescape(value: str) -> str:
    """A cell read back from a CSV this module wrote: the escaping apostrophe removed."""
    if value.startswith(_ESCAPE) and is_dangerous(value[1:]):
        return value[1:]
    return value


def csv_text(header: Sequence[Any] | None, rows: Iterable[Sequence[Any]]) -> str:
    """A CSV document with every cell made safe: "\\n" line ends, every text quoted (a
    carriage return inside a cell cannot break a row), numbers bare (they stay numbers)."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_NONNUMERIC)
    if header is not None:
        writer.writerow([csv_cell(v) for v in header])
    for row in rows:
        writer.writerow([csv_cell(_plain(v)) for v in row])
    return buffer.getvalue()


def write_csv(path: Path, header: Sequence[Any] | None, rows: Iterable[Sequence[Any]], *,
              bom: bool = False) -> str:
    """Write a safe CSV atomically (a temporary file, then a rename); returns its text.

    `bom`: UTF-8 with a byte-order mark, which Excel needs to read Vietnamese correctly."""
    text = csv_text(header, rows)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8-sig" if bom else "utf-8", newline="")
    tmp.replace(path)
    return text


def _plain(value: Any) -> Any:
    """numpy / pandas scalars as the Python values they hold (so -3.0 stays a number)."""
    item = getattr(value, "item", None)
    if callable(item) and not isinstance(value, (str, bytes)):
        try:
            return item()
        except (TypeError, ValueError):
            return value
    return value


# --- Excel (openpyxl) ---------------------------------------------------------------------


def xlsx_text(value: Any) -> Any:
    """A value as an Excel cell can hold it: the control characters the file format forbids
    (which make openpyxl fail) removed from text."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    value = _plain(value)
    return ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value


def set_cell(ws: Any, row: int, column: int, value: Any) -> Any:
    """`ws.cell(row, column, value)` that never writes a formula; returns the cell."""
    cell = ws.cell(row=row, column=column)
    cell.value = xlsx_text(value)
    _neutralise(cell)
    return cell


def append_row(ws: Any, values: Iterable[Any]) -> int:
    """`ws.append(values)` that never writes a formula; returns the row number written."""
    row = ws.max_row + 1 if ws.max_row > 1 or ws.cell(1, 1).value is not None else 1
    for column, value in enumerate(values, start=1):
        set_cell(ws, row, column, value)
    return row


def write_table(ws: Any, header: Sequence[Any], rows: Iterable[Sequence[Any]]) -> None:
    """A header row and the rows under it, from the first row of an empty sheet."""
    for column, value in enumerate(header, start=1):
        set_cell(ws, 1, column, value)
    for r, values in enumerate(rows, start=2):
        for column, value in enumerate(values, start=1):
            set_cell(ws, r, column, value)


def _neutralise(cell: Any) -> None:
    value = cell.value
    if cell.data_type == "f" or is_dangerous(value):
        cell.data_type = "s"  # text, whatever openpyxl guessed from the leading "="
        cell.quotePrefix = True  # and Excel keeps it text when the cell is edited


def save_workbook(wb: Any, path: Path) -> Path:
    """Save an openpyxl workbook after a last pass over every cell of every sheet: whatever
    was written by other means, no formula and no formula-looking text leaves unescaped."""
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.value is not None:
                    _neutralise(cell)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path


def read_sheet(path: str | Path, sheet: str | None = None
               ) -> tuple[list[str], list[tuple[Any, ...]]]:
    """(header, rows) of a filled-in workbook — the sheet named `sheet`, else the first —
    with one Vietnamese line for a missing, non-Excel or empty file. The one reader of the
    sheets a trainer fills in (attendance, paper-test answers)."""
    from openpyxl import load_workbook

    try:
        wb = load_workbook(Path(path), read_only=True, data_only=True)
    except FileNotFoundError:
        raise InputError(f"Không tìm thấy tệp '{path}'") from None
    except Exception:  # noqa: BLE001 - openpyxl raises many kinds for a non-Excel file
        raise InputError(f"Tệp '{path}' không phải tệp Excel (.xlsx) đọc được") from None
    ws = wb[sheet] if sheet and sheet in wb.sheetnames else wb.active
    rows = list(ws.iter_rows(values_only=True))
    if not rows:
        raise InputError(f"Tệp '{path}' trống")
    return [str(c or "").strip() for c in rows[0]], rows[1:]
