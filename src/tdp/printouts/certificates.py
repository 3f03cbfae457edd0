"""Certificates of completion, one A4 page each, for every trainee who meets the trainer's
rule (`course/khoa_hoc.yaml`): enough sessions attended, and a pass mark counting the
exercises (nbgrader gradebook) and the post-test. Each carries its verification code."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from tdp.classlist import Trainee, require_trainees
from tdp.classroom.certificates import Standing, issue, standings
from tdp.classroom.course_info import load_course_info
from tdp.errors import InputError
from tdp.printouts.render import write_pdf_pages

TEMPLATE = "certificate.html"


def exercise_shares(members: list[Trainee], gradebook_url: str | None = None
                    ) -> dict[str, float]:
    """Trainee id → share of all exercise points earned (0–1), from the nbgrader gradebook."""
    from tdp.dashboard.grades import read_gradebook

    frame = read_gradebook(gradebook_url, members)
    if frame.empty:
        return {}
    totals = frame.groupby("ma_hoc_vien")[["diem", "diem_toi_da"]].sum()
    return {str(i): float(r["diem"] / r["diem_toi_da"]) if r["diem_toi_da"] else 0.0
            for i, r in totals.iterrows()}


def class_standings(gradebook_url: str | None = None) -> list[Standing]:
    members = require_trainees()
    return standings(members, load_course_info(), exercise_shares(members, gradebook_url))


def write_certificates(out: str | Path, issued_on: date | None = None,
                       gradebook_url: str | None = None) -> tuple[Path, int, list[str]]:
    """The PDF, how many certificates it holds, and a line for each trainee not (yet)
    eligible, saying why."""
    from tdp.dates import now_local
    from tdp.practice import load_modules

    info = load_course_info()
    rows = class_standings(gradebook_url)
    eligible = [s for s in rows if s.eligible]
    refused = [f"{s.member.name}: {s.reason}" for s in rows if not s.eligible]
    if not eligible:
        raise InputError("Chưa có học viên nào đủ điều kiện nhận giấy chứng nhận:\n"
                         + "\n".join(refused))
    issued_on = issued_on or now_local().date()
    modules = [m.title for m in load_modules().modules]
    contexts: list[dict[str, Any]] = []
    for s in eligible:
        number, code = issue(s.member, info, issued_on)
        contexts.append({
            "mock": False, "member": s.member, "number": number, "code": code,
            "course": info.ten_khoa_hoc, "organiser": info.don_vi_to_chuc,
            "place": info.dia_diem, "first": info.buoi_hoc[0], "last": info.buoi_hoc[-1],
            "sessions": s.sessions, "total_sessions": info.sessions, "mark": s.mark,
            "modules": modules, "issued_on": issued_on, "signer": info.chung_nhan.nguoi_ky,
        })
    path = write_pdf_pages(TEMPLATE, contexts, out, "Giấy chứng nhận")
    return path, len(contexts), refused
