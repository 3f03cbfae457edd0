"""Role cards: per scenario the resident's card and the volunteer's, two per A4 page; the
resident's card holds every fact the rubric needs the volunteer to ask for."""

from __future__ import annotations

import re

import pytest
from pdfcheck import BANNER, check_pages, flat, keep_png, pages_text

from tdp.catalog import load_catalog
from tdp.engine import value_at
from tdp.errors import InputError
from tdp.practice import list_scenarios
from tdp.practice.role_cards import _leaves, _spellings
from tdp.printouts.role_cards import write_role_cards
from tdp.registry.store import RegistryRepo
from tdp.text import name_key

SCENARIOS = list_scenarios()


@pytest.fixture(scope="module")
def cards(tmp_path_factory, template_db) -> tuple[list[str], dict[str, str]]:
    """Every scenario's cards, rendered once: (page texts, scenario id → password)."""
    from tdp.store import database

    store = database.Store(f"sqlite:///{template_db}")
    out = write_role_cards(tmp_path_factory.mktemp("the") / "the_vai.pdf", store=store)
    assert check_pages(out) == len(SCENARIOS)  # one pair per page: no card overflows
    keep_png(out, "role_cards")
    with store.reading() as session:
        repo = RegistryRepo(session)
        passwords = {s.id: repo.get(s.resident).mat_khau_tap_huan for s in SCENARIOS}
    store.dispose()
    return pages_text(out), passwords


def _halves(page: str) -> tuple[str, str]:
    resident, volunteer = page.split("THẺ TÌNH NGUYỆN VIÊN", 1)  # its label, upper case
    return resident, volunteer


@pytest.mark.parametrize("index", range(len(SCENARIOS)), ids=[s.id for s in SCENARIOS])
def test_each_scenario_has_both_cards_with_what_the_rubric_needs(cards, index) -> None:
    pages, passwords = cards
    s = SCENARIOS[index]
    page = pages[index]
    assert BANNER in page and s.id in page
    resident, volunteer = _halves(page)
    card = s.role_card
    assert not re.search(r"(Tổ dân phố \d+), \1", resident)  # the address says it once
    assert flat(card.opening) in resident
    for fact in card.facts:
        assert flat(fact.ask) in resident and flat(fact.answer) in resident
    for pid in card.papers_on_request:
        paper = s.paper(pid)
        assert flat(paper.title) in resident
        for value in paper.content.values():
            assert flat(value) in resident
        assert not paper.defect or flat(paper.defect) not in page  # the trainer's note only
    assert passwords[s.id] in resident and passwords[s.id] not in volunteer
    for task in s.tasks:
        assert flat(task) in volunteer
    assert flat(card.opening) not in volunteer
    # every value a field_equals criterion compares can be read or heard on the card
    folded = name_key(resident)
    proc = load_catalog().procedure(s.expected.procedure)
    if not s.expected.file or s.expected.filing is None:
        return
    linked = {f.criterion: f for f in card.facts if f.criterion}
    for c in s.rubric:
        if c.kind != "field_equals":
            continue
        if c.id in linked:
            assert name_key(linked[c.id].answer) in folded
            continue
        for kind, value in _leaves(proc.field(c.field), value_at(s.expected.filing, c.field)):
            assert any(w in folded for w in _spellings(kind, value)), (c.id, value)


def test_chosen_scenarios_only_and_unknown_ones_named(tmp_path, store) -> None:
    ids = [SCENARIOS[0].id, SCENARIOS[-1].id]
    out = write_role_cards(tmp_path / "hai.pdf", ids, store=store)
    assert check_pages(out) == 2
    assert [i in p for i, p in zip(ids, pages_text(out), strict=True)] == [True, True]
    with pytest.raises(InputError, match="Không có tình huống: khong_co"):
        write_role_cards(tmp_path / "x.pdf", ["khong_co"], store=store)


def test_cli_needs_a_pdf_last(capsys) -> None:
    from tdp.cli import main

    assert main(["print", "role-cards", SCENARIOS[0].id]) == 2
    assert "Tham số cuối cùng phải là tệp .pdf" in capsys.readouterr().err
