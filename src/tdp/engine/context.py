"""What a rule sees while a filing is checked: the clean filing, the people it names (as the
registry knows them), the moment of submission, and a place to report errors."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Protocol

from tdp.catalog.models import Catalog, Procedure
from tdp.messages import FieldError, render
from tdp.registry.person import Person


class RegistryView(Protocol):
    """The registry as the rules need it (implemented by the store, or by a dict in tests)."""

    def get(self, so_dinh_danh: str) -> Person | None: ...

    def children_of(self, so_dinh_danh: str) -> list[Person]: ...


def value_at(data: Any, path: str) -> Any:
    """The value at a dotted path (`tre.ngay_sinh`, `giay_to_chung_thuc.0.so_trang`), or None."""
    current = data
    for part in path.split("."):
        if isinstance(current, dict):
            current = current.get(part)
        elif isinstance(current, list) and part.isdigit() and int(part) < len(current):
            current = current[int(part)]
        else:
            return None
    return current


@dataclass
class CheckContext:
    catalog: Catalog
    procedure: Procedure
    filing: dict[str, Any]  # cleaned values only: what passed the field checks
    at: datetime
    registry: RegistryView
    persons: dict[str, Person] = field(default_factory=dict)  # group id → registry person
    errors: list[FieldError] = field(default_factory=list)
    raw: Any = None  # the filing as sent, for keys no field describes (retired ones)
    exempt: bool = False  # exempt from the registration fee (set by `fee_exemption`)

    @property
    def today(self) -> date:
        return self.at.date()

    def value(self, path: str) -> Any:
        return value_at(self.filing, path)

    def label(self, path: str) -> str:
        spec = self.procedure.field(path)
        return spec.label if spec else path

    def has_error(self, path: str) -> bool:
        return any(e.field == path or e.field.startswith(path + ".") for e in self.errors)

    def report(self, path: str, code: str, wording: str | None = None, **params: Any) -> None:
        """Record an error at `path` under the stable `code`; the message is the wording of
        `code` in messages.vi.yaml, or of `wording` where one code has several wordings (a
        malformed identity number: not 12 digits, or 12 digits with an unknown province)."""
        message = render(self.catalog.messages, wording or code, self.label(path), **params)
        self.errors.append(FieldError(path, code, message))

    @property
    def documents(self) -> set[str]:
        return set(self.filing.get("giay_to") or [])
