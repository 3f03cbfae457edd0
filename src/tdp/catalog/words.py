"""Read-only views of the catalog's words that modules can hold as constants: each reads
`load_catalog()` when used, never at import, so a lesson or a screen follows the course it
runs on (`TDP_COURSE_DIR`) and importing a module never loads `course/`."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import TypeVar

from tdp.catalog.models import Catalog

K = TypeVar("K")
V = TypeVar("V")


class CatalogWords(Mapping[K, V]):
    """`pick(load_catalog())`, looked up on each use."""

    def __init__(self, pick: Callable[[Catalog], Mapping[K, V]]) -> None:
        self._pick = pick

    def _data(self) -> Mapping[K, V]:
        from tdp.catalog.loader import load_catalog

        return self._pick(load_catalog())

    def __getitem__(self, key: K) -> V:
        return self._data()[key]

    def __iter__(self) -> Iterator[K]:
        return iter(self._data())

    def __len__(self) -> int:
        return len(self._data())

    def __repr__(self) -> str:
        return f"CatalogWords({dict(self._data())!r})"


SERVICE_LEVEL_NAMES: CatalogWords[str, str] = CatalogWords(
    lambda c: {k: v.name for k, v in c.vocabulary.service_levels.items()})
SERVICE_LEVELS: CatalogWords[str, str] = CatalogWords(
    lambda c: {k: v.long_name for k, v in c.vocabulary.service_levels.items()})
"""'Toàn trình (trước đây: mức độ 4)', by service level."""
SERVICE_LEVEL_MEANING: CatalogWords[str, str] = CatalogWords(
    lambda c: {k: v.meaning for k, v in c.vocabulary.service_levels.items()})
STATUS_NAMES: CatalogWords[int, str] = CatalogWords(
    lambda c: {k: v.name for k, v in sorted(c.vocabulary.statuses.items())})
STATUS_MEANING: CatalogWords[int, str] = CatalogWords(
    lambda c: {k: v.meaning for k, v in sorted(c.vocabulary.statuses.items())})
LEVEL_NAMES: CatalogWords[str, str] = CatalogWords(
    lambda c: {str(k): v for k, v in c.vocabulary.levels.items()})
"""Names of the practice scenarios' levels, easiest first."""
