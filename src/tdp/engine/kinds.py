"""One mechanism for the kinds a procedure names in its YAML: rules and effects.

A kind has parameters (a pydantic model, validated in Vietnamese through the catalog's one
translator), references to check against the procedure (field paths, person groups, document
ids) and the message codes it may emit. The engine registers its kinds here; `tdp catalog
check` runs their validation through the catalog's hooks, and the codes every kind may emit
are what `messages.vi.yaml` must word (no hand-kept list).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError

from tdp.catalog.loader import explain
from tdp.catalog.models import Procedure


class Params(BaseModel):
    """A kind's parameters: unknown keys are typos."""

    model_config = ConfigDict(extra="forbid", frozen=True)


@dataclass(frozen=True)
class Kind:
    name: str
    params: type[Params]
    apply: Callable[..., Any]
    codes: tuple[str, ...] = ()  # message codes the kind may report
    fields: tuple[str, ...] = ()  # parameters naming a field path
    persons: tuple[str, ...] = ()  # parameters naming a person group (one or a list)
    documents: tuple[str, ...] = ()  # parameters naming document ids (one, a list, a dict)


def _values(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return list(value.values())
    return list(value)


class Kinds:
    """The kinds of one family (rules, effects), each implemented once."""

    def __init__(self, family: str) -> None:
        self.family = family  # "quy tắc" or "kết quả", for messages
        self._kinds: dict[str, Kind] = {}

    def register(
        self,
        name: str,
        params: type[Params],
        *,
        codes: tuple[str, ...] = (),
        fields: tuple[str, ...] = (),
        persons: tuple[str, ...] = (),
        documents: tuple[str, ...] = (),
    ) -> Callable[[Callable[..., Any]], Any]:
        def decorate(func: Callable[..., Any]) -> Callable[..., Any]:
            self._kinds[name] = Kind(name, params, func, codes, fields, persons, documents)
            return func

        return decorate

    def __getitem__(self, name: str) -> Kind:
        return self._kinds[name]

    def __contains__(self, name: object) -> bool:
        return name in self._kinds

    def __iter__(self) -> Iterator[str]:
        return iter(sorted(self._kinds))

    def codes(self) -> set[str]:
        return {code for kind in self._kinds.values() for code in kind.codes}

    def parse(self, name: str, params: dict[str, Any]) -> Params:
        return self._kinds[name].params.model_validate(params)

    def validate(self, name: str, params: dict[str, Any], proc: Procedure) -> list[tuple[str, str]]:
        """Problems with one use of a kind in `proc`, as (key, Vietnamese message) pairs."""
        kind = self._kinds.get(name)
        if kind is None:
            return [
                (
                    "kind",
                    f"loại {self.family} '{name}' không được biết đến; dùng: " + ", ".join(self),
                )
            ]
        try:
            parsed = kind.params.model_validate(params)
        except ValidationError as exc:
            return [(".".join(str(p) for p in e["loc"]), explain(e)) for e in exc.errors()]
        problems = []
        for param in kind.fields:
            for path in _values(getattr(parsed, param)):
                if proc.field(path) is None:
                    problems.append((param, f"trường '{path}' không có trong 'fields'"))
        for param in kind.persons:
            for group in _values(getattr(parsed, param)):
                spec = proc.field(group)
                if spec is None or not spec.is_person:
                    problems.append((param, f"'{group}' phải là nhóm người có 'so_dinh_danh'"))
        for param in kind.documents:
            for doc in _values(getattr(parsed, param)):
                if proc.document(doc) is None:
                    problems.append((param, f"giấy tờ '{doc}' không có trong 'documents'"))
        return problems
