"""Helpers the lesson notebooks (`notebooks/lessons/`) call: tables drawn from the catalog,
"Thử ngay" quick checks with instant feedback, the working-day calendar around Tết, the portal
steps and small engine demos. Cells stay thin; content comes from `course/`.

    from tdp.lessons import portal, questions, show, tables, tet, thu_ngay
    show(tables.fees_table())
    thu_ngay(questions.copy_fee_question(pages=5, copies=2))
"""

from tdp.lessons import portal, questions, tables, tet
from tdp.lessons.quick import Feedback, Question, choice, thu_ngay
from tdp.lessons.tables import show

__all__ = [
    "Feedback",
    "Question",
    "choice",
    "portal",
    "questions",
    "show",
    "tables",
    "tet",
    "thu_ngay",
]
