"""Helpers the lesson notebooks (`notebooks/lessons/`) call: tables drawn from the catalog,
"Thử ngay" quick checks with instant feedback, the working-day calendar around Tết, the portal
steps and small engine demos. Cells stay thin; content comes from `course/`.

    from tdp.lessons import portal, questions, show, tables, tet, thu_ngay
    show(tables.fees_table())
    thu_ngay(questions.copy_fee_question(pages=5, copies=2))
"""

from importlib import import_module
from typing import Any

from tdp.lessons.quick import Feedback, Question, choice, thu_ngay

_MODULES = ("days_off", "index", "portal", "prose", "questions", "tables", "tet")


def __getattr__(name: str) -> Any:
    # Lazy: the start page imports `tdp.lessons.index` without pandas or the engine.
    if name in _MODULES:
        return import_module(f"tdp.lessons.{name}")
    if name == "md":
        return import_module("tdp.lessons.prose").md
    if name == "show":
        return import_module("tdp.lessons.tables").show
    raise AttributeError(f"module 'tdp.lessons' has no attribute {name!r}")


__all__ = [
    "Feedback",
    "Question",
    "choice",
    "days_off",
    "index",
    "md",
    "portal",
    "prose",
    "questions",
    "show",
    "tables",
    "tet",
    "thu_ngay",
]
