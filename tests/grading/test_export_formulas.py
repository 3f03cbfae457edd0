"""`tdp grade export`: a trainee whose name is a formula (as collected from a file name on
today's main) is text in every sheet of the workbook and in the CSV; scores stay numbers."""

from __future__ import annotations

import csv
import io

from nbgrader.api import Gradebook
from openpyxl import load_workbook

from tdp.classlist import Trainee, read_trainees, write_trainees
from tdp.grading.course import Course, ensure_tools_on_path
from tdp.grading.export import to_csv, to_xlsx

EVIL = "=cmd|' /C calc'!A0"


def test_a_formula_name_is_text_everywhere(tmp_path):
    course = Course(root=tmp_path, var=tmp_path / "var",
                    trainees_csv=tmp_path / "course" / "trainees.csv")
    course.var.mkdir(parents=True)
    ensure_tools_on_path()  # nbgrader runs alembic
    write_trainees(course.trainees_csv, [Trainee("cmd_c_calc_a0", EVIL),
                                         Trainee("an", "@Nguyễn Văn An")])
    assert [t.name for t in read_trainees(course.trainees_csv)] == [EVIL, "@Nguyễn Văn An"]
    assert "\n=" not in course.trainees_csv.read_text(encoding="utf-8")
    with Gradebook(course.db_url) as gb:
        for a in ("bai1", "bai2"):
            gb.add_assignment(a)
        for sid in ("cmd_c_calc_a0", "an"):
            gb.add_student(sid)

    to_xlsx(course, tmp_path / "diem.xlsx")
    book = load_workbook(tmp_path / "diem.xlsx")
    assert book.sheetnames == ["Tổng hợp", "bai1", "bai2"]
    cells = [c for ws in book.worksheets for row in ws.iter_rows() for c in row]
    assert [c.coordinate for c in cells if c.data_type == "f"] == []
    named = [c for c in cells if c.value == EVIL]
    assert len(named) == 3 and all(c.data_type == "s" and c.quotePrefix for c in named)
    assert all(isinstance(c.value, (int, float)) for c in cells
               if c.column_letter in "DE" and c.row > 1 and c.parent.title != "Tổng hợp")

    text = to_csv(course, tmp_path / "diem.csv")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    names = [r[1] for r in rows[1:]]
    assert sorted(names) == sorted(["'" + EVIL, "'@Nguyễn Văn An"] * 2)
    assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for r in rows for cell in r)
    assert (tmp_path / "diem.csv").read_bytes().startswith(b"\xef\xbb\xbf")
