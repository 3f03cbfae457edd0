"""The one safe writer (tdp.tables): whatever the text, no cell becomes a formula, and numbers
stay numbers."""

from __future__ import annotations

import csv
import io

from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from tdp.tables import (
    FORMULA_PREFIXES,
    csv_cell,
    csv_text,
    csv_unescape,
    save_workbook,
    set_cell,
    xlsx_text,
)

ATTACKS = ["=cmd|' /C calc'!A0", '=HYPERLINK("http://evil.example","Bấm vào đây")', "+1+1",
           "-2+3", "@SUM(A1:A2)", "\t=1+1", "\r=1+1"]
texts = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40)
risky = st.builds(lambda p, t: p + t, st.sampled_from(FORMULA_PREFIXES), texts)
numbers = st.one_of(st.integers(min_value=-10**12, max_value=10**12),
                    st.floats(allow_nan=False, allow_infinity=False, min_value=-1e12,
                              max_value=1e12).map(lambda x: round(x, 3)))


@given(st.one_of(texts, risky))
def test_a_csv_cell_never_starts_like_a_formula_and_reads_back(text):
    cell = csv_cell(text)
    if cell != text:
        assert cell == "'" + text
    else:
        assert not text.startswith(FORMULA_PREFIXES) or text.lstrip("+-").replace(
            ".", "").replace(",", "").isdigit()
    assert csv_unescape(cell) == text


@given(st.lists(st.one_of(texts, risky, numbers), min_size=1, max_size=6))
def test_a_csv_row_parses_back_to_safe_cells(row):
    text = csv_text(["a"] * len(row), [row])
    _, parsed = list(csv.reader(io.StringIO(text, newline="")))
    for written, value in zip(parsed, row, strict=True):
        if isinstance(value, str):
            assert csv_unescape(written) == value
            assert not written.startswith(FORMULA_PREFIXES) or written == value
        else:
            assert float(written) == value  # a number, not text with a quote


@given(st.lists(st.one_of(texts, risky), min_size=1, max_size=8), st.lists(numbers, max_size=4))
def test_xlsx_cells_are_text_or_numbers_never_formulas(tmp_path_factory, values, nums):
    path = tmp_path_factory.mktemp("x") / "t.xlsx"
    wb = Workbook()
    for i, value in enumerate(values + nums, start=1):
        set_cell(wb.active, i, 1, value)
    wb.active["C1"] = "=1+1"  # written around the safe writer: the save still catches it
    save_workbook(wb, path)
    ws = load_workbook(path).active
    for i, value in enumerate(values + nums, start=1):
        cell = ws.cell(i, 1)
        assert cell.data_type != "f"
        if isinstance(value, str):
            # XML reads a carriage return back as a line feed
            expected = xlsx_text(value).replace("\r\n", "\n").replace("\r", "\n")
            assert (cell.value or "") == expected
        else:
            assert cell.data_type == "n" and cell.value == value
    assert ws["C1"].data_type == "s" and ws["C1"].value == "=1+1"


def test_known_attacks_in_xlsx(tmp_path):
    wb = Workbook()
    for i, text in enumerate(ATTACKS, start=1):
        set_cell(wb.active, i, 1, text)
    set_cell(wb.active, 1, 2, -5)
    save_workbook(wb, tmp_path / "a.xlsx")
    ws = load_workbook(tmp_path / "a.xlsx").active
    assert [ws.cell(i, 1).data_type for i in range(1, len(ATTACKS) + 1)] == ["s"] * len(ATTACKS)
    assert all(ws.cell(i, 1).quotePrefix for i in range(1, len(ATTACKS) + 1))
    assert ws["B1"].value == -5 and ws["B1"].data_type == "n"
