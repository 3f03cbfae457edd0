"""The province's view: every class's progress in one place, aggregates only.

Read from each class's gradebook (nbgrader's API): how many trainees, how many submitted
each assignment, the mean autograded score. No trainee's name or answer leaves a class.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from tdp.hub.settings import HubSettings


@dataclass(frozen=True)
class ClassProgress:
    class_id: str
    title: str
    ward: str  # commune id
    ward_name: str  # as the catalog names it ("Phường Thống Nhất"), the id if unknown
    trainees: int
    assignment: str
    submitted: int
    mean_score: float | None  # autograded points, as a share of the maximum (0–1)


def province_overview(settings: HubSettings) -> list[ClassProgress]:
    from nbgrader.api import Gradebook, MissingEntry

    from tdp.catalog import load_catalog
    from tdp.hub.accounts import AccountBook

    names = {c.id: c.name for c in load_catalog().wards.communes}

    book = AccountBook(settings.accounts_url)
    try:
        members = book.members()
    finally:
        book.dispose()
    rows: list[ClassProgress] = []
    for k in settings.classes:
        trainees = sum(1 for a in members if a.class_id == k.id and a.role == "hoc_vien")
        with Gradebook(k.gradebook_url) as gradebook:
            for assignment in gradebook.assignments:
                try:
                    subs = gradebook.assignment_submissions(assignment.name)
                except MissingEntry:
                    subs = []
                shares = [s.code_score / s.max_code_score for s in subs if s.max_code_score]
                rows.append(ClassProgress(
                    k.id, k.title, k.ward, names.get(k.ward, k.ward), trainees, assignment.name,
                    len(subs),
                    round(sum(shares) / len(shares), 3) if shares else None))
    return rows


def as_json(rows: list[ClassProgress]) -> list[dict[str, object]]:
    return [asdict(r) for r in rows]
