"""The class list (`course/trainees.csv`): its one reader and writer (`Trainee` records, for
grading, the apps, the dashboard, attendance and the printouts alike), and `tdp class
import|template`: read from the trainer's spreadsheet, checked row by row, written only when
every row is good.

It sits in its own layer just above the catalog (which names the communes), so that every
face can import it without an upward arrow."""

from tdp.classlist.rows import ClassRow, RowProblem, check_rows
from tdp.classlist.sheets import import_class, read_table, write_template
from tdp.classlist.trainees import (
    Trainee,
    class_list_file,
    find_by_name,
    find_trainee,
    new_trainee,
    read_trainees,
    require_trainees,
    trainee_id,
    write_trainees,
)

__all__ = ["ClassRow", "RowProblem", "Trainee", "check_rows", "class_list_file", "find_by_name",
           "find_trainee", "import_class", "new_trainee", "read_table", "read_trainees",
           "require_trainees", "trainee_id", "write_template", "write_trainees"]
