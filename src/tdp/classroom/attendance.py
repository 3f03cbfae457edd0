"""Attendance: the record of who came to which session (`var/attendance.json`), filled from
an Excel sheet (`write_template` → marked "x" → `import_sheet`) or typed in from the signed
paper sheet (`mark`). The certificates count sessions from this record."""

from __future__ import annotations

import json
from pathlib import Path

from tdp.classlist import Trainee, find_trainee, require_trainees
from tdp.classroom.course_info import CourseInfo, load_course_info
from tdp.errors import InputError
from tdp.paths import move_aside, var_dir
from tdp.tables import read_sheet

SHEET = "Điểm danh"
ID_HEADER, NAME_HEADER, WARD_HEADER = "Mã học viên", "Họ và tên", "Xã, phường"
PRESENT_MARKS = {"x", "có", "co", "1", "v", "✓", "✔", "có mặt", "co mat"}
ABSENT_MARKS = {"", "0", "vắng", "vang", "không", "khong", "-"}


def attendance_file() -> Path:
    return var_dir() / "attendance.json"


def read_attendance() -> dict[str, set[int]]:
    """Trainee id → the sessions (1-based) they attended."""
    path = attendance_file()
    if not path.is_file():
        return {}
    data = json.loads(path.read_text(encoding="utf-8"))
    return {k: {int(s) for s in v} for k, v in data.get("co_mat", {}).items()}


def _save(record: dict[str, set[int]]) -> None:
    path = attendance_file()
    tmp = path.with_suffix(".tmp")
    data = {"co_mat": {k: sorted(v) for k, v in sorted(record.items())}}
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    tmp.replace(path)


def check_session(session: int, info: CourseInfo) -> None:
    if not 1 <= session <= info.sessions:
        n = info.sessions
        raise InputError(f"Buổi {session} không có: lớp có {n} buổi (1–{n})")


def mark(session: int, who: list[str]) -> list[Trainee]:
    """Record that `who` (ids or names from the class list) attended `session`."""
    info = load_course_info()
    check_session(session, info)
    members = require_trainees()
    found, unknown = [], []
    for w in who:
        member = find_trainee(members, w)
        (found.append(member) if member else unknown.append(w))
    if unknown:
        raise InputError("Không có trong danh sách lớp: " + ", ".join(unknown))
    record = read_attendance()
    for member in found:
        record.setdefault(member.id, set()).add(session)
    _save(record)
    return found


def session_header(n: int, info: CourseInfo) -> str:
    return f"Buổi {n} ({info.buoi_hoc[n - 1].strftime('%d/%m/%Y')})"


def write_template(out: str | Path) -> Path:
    """An Excel sheet of the class with one column per session, to mark "x" for present."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    from tdp.tables import append_row, save_workbook

    info = load_course_info()
    members = require_trainees()
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    append_row(ws, [ID_HEADER, NAME_HEADER, WARD_HEADER]
              + [session_header(n, info) for n in range(1, info.sessions + 1)])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for m in members:
        append_row(ws, [m.id, m.name, m.ward_name])
    ws.column_dimensions["B"].width = 28
    ws.column_dimensions["C"].width = 22
    path = Path(out)
    if path.suffix.lower() != ".xlsx":
        raise InputError(f"Tệp '{path}' phải có đuôi .xlsx")
    move_aside(path)
    save_workbook(wb, path)
    return path


def import_sheet(path: str | Path) -> dict[str, set[int]]:
    """Read a filled sheet (the template's layout) into the record. Every bad row is named;
    nothing is recorded unless every row is good."""
    info = load_course_info()
    members = require_trainees()
    header, rows = read_sheet(path, SHEET)
    sessions = {i: n for n in range(1, info.sessions + 1) for i, h in enumerate(header)
                if h.startswith(f"Buổi {n}")}
    if ID_HEADER not in header and NAME_HEADER not in header:
        raise InputError(f"Dòng 1 của '{path}' cần cột '{ID_HEADER}' hoặc '{NAME_HEADER}'")
    if not sessions:
        raise InputError(f"Dòng 1 của '{path}' cần các cột 'Buổi 1' … 'Buổi {info.sessions}'")
    id_col = header.index(ID_HEADER) if ID_HEADER in header else None
    name_col = header.index(NAME_HEADER) if NAME_HEADER in header else None
    record = read_attendance()
    problems: list[str] = []
    for number, row in enumerate(rows, start=2):
        cells = list(row) + [None] * len(header)
        who = str(cells[id_col] or "").strip() if id_col is not None else ""
        name = str(cells[name_col] or "").strip() if name_col is not None else ""
        if not who and not name:
            continue
        member = ((find_trainee(members, who) if who else None)
                  or (find_trainee(members, name) if name else None))
        if member is None:
            problems.append(f"Dòng {number}: '{who or name}' không có trong danh sách lớp")
            continue
        attended = record.setdefault(member.id, set())
        for col, session in sessions.items():
            mark_text = str(cells[col] if cells[col] is not None else "").strip().lower()
            if mark_text in PRESENT_MARKS:
                attended.add(session)
            elif mark_text in ABSENT_MARKS:
                attended.discard(session)
            else:
                problems.append(f"Dòng {number}, {header[col]}: '{cells[col]}' — ghi x nếu có "
                                "mặt, để trống nếu vắng")
    if problems:
        raise InputError("Chưa nhập điểm danh, sửa các dòng sau:\n" + "\n".join(problems))
    _save(record)
    return record
