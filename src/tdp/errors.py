"""Errors a user may see. Their messages are Vietnamese and say what to do.

The tree (every error the package raises on purpose derives from `TdpError`, so a face can
catch one class and show one Vietnamese line, never a traceback)::

    TdpError
    ├── CatalogError        the course data (course/*.yaml) cannot be loaded; lists problems
    ├── InputError          unusable input to a command: exit 2
    │   └── DuplicateImportError   (tdp.support.log) a support-log file imported twice
    ├── CourseUsageError    a lesson or an exercise asks the course for what it does not have
    │                       (an unknown procedure, a fee rule it lacks); also a KeyError /
    │                       ValueError, as the standard library would raise
    └── SupportValidationError   (tdp.support.model) a support-log record that cannot be kept

Pydantic validators in the catalog's models raise ValueError as pydantic requires; the
catalog loader turns those into `CatalogError`.
"""

from __future__ import annotations

from dataclasses import dataclass


class TdpError(Exception):
    """Base of the errors shown to the user as one Vietnamese line (never a traceback)."""


@dataclass
class CatalogProblem:
    """One problem in the course data: which file, which key, and what to do about it."""

    file: str
    key: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}: {self.key}" if self.key else self.file
        return f"{where}: {self.message}"


class CatalogError(TdpError):
    """The course data cannot be loaded; `problems` lists every problem found."""

    def __init__(self, problems: list[CatalogProblem]):
        self.problems = problems
        super().__init__("Dữ liệu khóa học có lỗi:\n" + "\n".join(f"- {p}" for p in problems))


class InputError(TdpError):
    """Unusable input to a command (unknown procedure, unreadable file, not JSON): exit 2."""


class CourseUsageError(TdpError, KeyError, ValueError):
    """A lesson or an exercise asked for something the course does not have: an unknown
    procedure, a deadline or a fee rule the procedure lacks, a year the calendar lacks."""

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0]) if self.args else ""
