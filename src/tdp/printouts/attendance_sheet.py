"""The signed attendance sheet of one session: the class list with a column for each of the
five sessions and a signature column."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tdp.classlist import require_trainees
from tdp.classroom.attendance import check_session
from tdp.classroom.course_info import load_course_info
from tdp.printouts.render import write_pdf

TEMPLATE = "attendance.html"


def attendance_context(session: int) -> dict[str, Any]:
    info = load_course_info()
    check_session(session, info)
    return {
        "mock": False,
        "session": session,
        "session_date": info.buoi_hoc[session - 1],
        "dates": info.buoi_hoc,
        "course": info.ten_khoa_hoc,
        "organiser": info.don_vi_to_chuc,
        "place": info.dia_diem,
        "members": require_trainees(),
    }


def write_attendance(session: int, out: str | Path) -> Path:
    return write_pdf(TEMPLATE, attendance_context(session), out)
