"""Tests generated from the scenario bank: every expected answer scores the maximum, an empty
answer scores less, and every typical mistake loses exactly its points."""

from __future__ import annotations

from collections import Counter

import pytest

from tdp.catalog import load_catalog
from tdp.practice import (
    Answer,
    check_scenarios,
    list_scenarios,
    merge_patch,
    parse_answer,
    scenario_view,
    score,
)
from tdp.registry.store import RegistryRepo

SCENARIOS = list_scenarios()
MISTAKES = [(s, m) for s in SCENARIOS for m in s.mistakes]


def ids(items):
    return [s.id for s in items]


@pytest.mark.parametrize("scenario", SCENARIOS, ids=ids(SCENARIOS))
def test_expected_answer_scores_the_maximum(scenario, ref_store) -> None:
    result = score(scenario, scenario.expected.model_dump(), ref_store)
    assert result.failed == []
    assert result.score == result.max == scenario.max_score


@pytest.mark.parametrize("scenario", SCENARIOS, ids=ids(SCENARIOS))
def test_empty_answer_scores_less(scenario, ref_store) -> None:
    result = score(scenario, {}, ref_store)
    assert result.score < result.max
    assert all(i.detail for i in result.items if not i.ok)


@pytest.mark.parametrize("scenario,mistake", MISTAKES,
                         ids=[f"{s.id}-{m.id}" for s, m in MISTAKES])
def test_each_mistake_loses_exactly_its_points(scenario, mistake, ref_store) -> None:
    answer = parse_answer(merge_patch(scenario.expected.model_dump(), mistake.patch), scenario)
    result = score(scenario, answer, ref_store)
    assert result.score == scenario.max_score - mistake.loses
    assert sorted(result.failed) == sorted(mistake.fails)


def test_the_bank_covers_the_course() -> None:
    assert len(SCENARIOS) >= 34
    procedures = Counter(s.expected.procedure for s in SCENARIOS)
    assert set(procedures) == set(load_catalog().procedures)
    assert sorted(procedures.values())[1] >= 4  # the newest procedure may have fewer
    assert {s.level for s in SCENARIOS} == {"co_ban", "trung_binh", "nang_cao"}
    assert {s.module for s in SCENARIOS} == {1, 2, 3, 4, 5}
    assert all(len(s.mistakes) >= 2 for s in SCENARIOS)
    assert any(not s.expected.file for s in SCENARIOS)


def test_the_bank_is_sound(ref_store) -> None:
    assert [str(p) for p in check_scenarios(store=ref_store)] == []


def test_the_view_takes_the_password_from_the_registry(ref_store) -> None:
    scenario = SCENARIOS[0]
    view = scenario_view(scenario, ref_store)
    with ref_store.reading() as session:
        person = RegistryRepo(session).get(scenario.resident)
    assert view["resident"]["mat_khau_tap_huan"] == person.mat_khau_tap_huan
    assert "expected" not in view and all("defect" not in p for p in view["papers"])
    assert "expected" in scenario_view(scenario, ref_store, with_expected=True)


def test_scoring_compares_meaning_not_bytes(ref_store) -> None:
    """Names typed decomposed, in capitals, with extra spaces; dates as dd/mm/yyyy; documents
    in another order: still the expected answer."""
    import unicodedata

    scenario = next(s for s in SCENARIOS if s.expected.procedure == "khai_sinh")
    data = scenario.expected.model_dump()
    tre = data["filing"]["tre"]
    tre["ho_ten"] = "  " + unicodedata.normalize("NFD", tre["ho_ten"].upper()).replace(" ", "   ")
    y, m, d = tre["ngay_sinh"].split("-")
    tre["ngay_sinh"] = f"{int(d)}/{int(m)}/{y}"
    result = score(scenario, data, ref_store)
    assert result.failed == []


def test_wrong_procedure_fails_every_filing_criterion(ref_store) -> None:
    scenario = next(s for s in SCENARIOS if s.expected.file)
    answer = Answer(**{**scenario.expected.model_dump(), "procedure": "ket_hon"
                       if scenario.expected.procedure != "ket_hon" else "khai_tu"})
    result = score(scenario, answer, ref_store)
    assert "dung_thu_tuc" in result.failed
    assert result.score < result.max


def test_placeholders_are_filled_from_the_catalog() -> None:
    """The YAML says {{han.khai_tu}}; the trainee reads the catalog's deadline."""
    import yaml

    from tdp.practice.loader import scenarios_dir

    raw = (scenarios_dir() / "m3_khai_tu_dung_han.yaml").read_text(encoding="utf-8")
    assert "{{han.khai_tu}}" in raw
    days = load_catalog().procedure("khai_tu").deadline.days
    scenario = next(s for s in SCENARIOS if s.id == "m3_khai_tu_dung_han")
    text = yaml.safe_dump(scenario.model_dump(), allow_unicode=True)
    assert "{{" not in text and f"{days} ngày" in text
