"""The class list and the sheets made from it go through the safe writer (tdp.tables): a
name that looks like a formula is text in trainees.csv and in every workbook written."""

from __future__ import annotations

from openpyxl import load_workbook

from tdp.classlist import Trainee, read_trainees, write_trainees

EVIL = '=HYPERLINK("http://evil.example","Bấm")'


def _formulas(path) -> list[str]:
    book = load_workbook(path)
    return [f"{ws.title}!{c.coordinate}" for ws in book.worksheets for row in ws.iter_rows()
            for c in row if c.data_type == "f"]


def test_class_list_and_its_sheets_hold_no_formula(db_url, tmp_path, monkeypatch):
    csv_path = tmp_path / "trainees.csv"
    write_trainees(csv_path, [Trainee("an", EVIL, "thong_nhat", "+84901234567"),
                              Trainee("binh", "Trần Thị Bình", "pleiku", "")])
    text = csv_path.read_text(encoding="utf-8")
    assert "\"'=HYPERLINK" in text  # escaped; a plain number like +84… cannot be a formula
    assert '"+84901234567"' in text
    assert [(t.name, t.phone) for t in read_trainees(csv_path)] == [
        (EVIL, "+84901234567"), ("Trần Thị Bình", "")]
    monkeypatch.setenv("TDP_TRAINEES_CSV", str(csv_path))

    from tdp.classlist.sheets import write_template
    from tdp.classroom.attendance import write_template as attendance_template

    for path in (write_template(tmp_path / "mau_lop.xlsx"),
                 attendance_template(tmp_path / "diem_danh.xlsx")):
        assert _formulas(path) == [], path
    sheet = load_workbook(tmp_path / "diem_danh.xlsx").worksheets[0]
    cell = next(c for row in sheet.iter_rows() for c in row if c.value == EVIL)
    assert cell.data_type == "s" and cell.quotePrefix
