"""The class list (`course/trainees.csv`): read from the trainer's spreadsheet, checked row by
row, written only when every row is good (`tdp class import`), and its template."""

from tdp.classlist.rows import ClassRow, RowProblem, check_rows
from tdp.classlist.sheets import import_class, read_table, write_template

__all__ = ["ClassRow", "RowProblem", "check_rows", "import_class", "read_table",
           "write_template"]
