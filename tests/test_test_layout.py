"""pytest imports test modules by their base name (rootdir conftest, no packages), so two
`test_x.py` in different folders break collection of the whole suite: keep them unique."""

from __future__ import annotations

from collections import Counter
from pathlib import Path


def test_test_module_names_are_unique() -> None:
    names = Counter(p.name for p in Path(__file__).parent.rglob("test_*.py"))
    assert [n for n, count in names.items() if count > 1] == []
