"""Facts (deadlines, working days, fees, marriage ages) come from the catalog through
placeholders, never typed into prose: a number typed into a lesson, a scenario or a course
document is a copy that drifts. This scan makes the next contradiction a failing test."""

from __future__ import annotations

import ast
import json
from datetime import date
from pathlib import Path

import pytest
import yaml

from tdp.catalog import load_catalog
from tdp.catalog.facts import catalog_facts, render_facts, typed_facts

ROOT = Path(__file__).resolve().parents[2]
FACTS = catalog_facts(load_catalog(), date(2026, 12, 1))


def _strings(value, key=""):
    if isinstance(value, str):
        yield key, value
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _strings(v, f"{key}.{i}")
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _strings(v, f"{key}.{k}")


def _scenario_texts():
    for path in sorted((ROOT / "course" / "scenarios").glob("m*.yaml")):
        for key, text in _strings(yaml.safe_load(path.read_text(encoding="utf-8"))):
            yield f"{path.name}:{key}", text


def _lesson_texts():
    for path in sorted((ROOT / "notebooks" / "lessons").glob("*.ipynb")):
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        for i, cell in enumerate(cells):
            source = "".join(cell["source"])
            if cell["cell_type"] == "markdown":
                yield f"{path.name}:cell {i}", source
            else:  # the Vietnamese text a code cell passes to the lesson helpers
                for node in ast.walk(ast.parse(source)):
                    if isinstance(node, ast.Constant) and isinstance(node.value, str):
                        yield f"{path.name}:cell {i}", node.value


def _document_texts():
    for name in ("syllabus.md", "trainer-guide.md"):
        for n, line in enumerate((ROOT / "course" / name).read_text(encoding="utf-8")
                                 .splitlines(), 1):
            yield f"{name}:{n}", line


@pytest.mark.parametrize("source", [_scenario_texts, _lesson_texts, _document_texts],
                         ids=["scenarios", "lessons", "documents"])
def test_no_catalog_fact_is_typed_into_prose(source) -> None:
    typed = [(where, found) for where, text in source() if (found := typed_facts(text, FACTS))]
    assert typed == [], "use a placeholder such as {{han.khai_sinh}} (tdp.catalog.facts)"


def test_the_scan_sees_each_kind_of_fact() -> None:
    text = ("Khai sinh trong 60 ngày, khai tử trong 15 ngày; xác nhận sau 3 ngày làm việc; "
            "phí 2.000 đ một trang, quá hạn 8.000 đồng; nam đủ 20 tuổi.")
    assert typed_facts(text, FACTS) == ["60 ngày", "15 ngày", "3 ngày làm việc", "2.000 đ",
                                        "8.000 đồng", "20 tuổi"]
    assert typed_facts("Bé sinh ngày 22/07, 45 ngày sau; 20.000 đ tổng.", FACTS) == []


def test_a_placeholder_follows_the_catalog() -> None:
    changed = {**FACTS, "han.khai_sinh": "90 ngày"}
    text = "Đăng ký trong {{han.khai_sinh}} kể từ ngày sinh."
    assert render_facts(text, FACTS) == "Đăng ký trong 60 ngày kể từ ngày sinh."
    assert render_facts(text, changed) == "Đăng ký trong 90 ngày kể từ ngày sinh."
    with pytest.raises(KeyError):
        render_facts("{{han.khong_co}}", FACTS)
