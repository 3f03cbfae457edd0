"""Errors a user may see. Their messages are Vietnamese and say what to do."""

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
