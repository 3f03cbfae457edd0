"""Role cards for pair work: every scenario has one, `check_scenarios` validates it, and the
practice app shows it (resident's card) or the tasks only (volunteer's card)."""

from __future__ import annotations

import pytest

from tdp.catalog import load_catalog
from tdp.practice import list_scenarios, role_card_view, volunteer_card_view
from tdp.practice.role_cards import check_role_card
from tdp.registry.store import RegistryRepo

SCENARIOS = list_scenarios()


def _password(store, number: str) -> str:
    with store.reading() as session:
        return RegistryRepo(session).get(number).mat_khau_tap_huan


@pytest.mark.parametrize("scenario", SCENARIOS, ids=[s.id for s in SCENARIOS])
def test_every_card_is_sound_and_gives_the_registry_password(scenario, ref_store) -> None:
    proc = load_catalog().procedure(scenario.expected.procedure)
    password = _password(ref_store, scenario.resident)
    assert check_role_card(scenario, proc, password) == []
    card = role_card_view(scenario, ref_store)
    assert card["opening"] and card["resident"]["mat_khau_tap_huan"] == password
    assert all("defect" not in p for p in card["papers"])
    assert set(volunteer_card_view(scenario)) == {"scenario", "title", "at", "place", "tasks"}


def _scenario(sid: str):
    return next(s for s in SCENARIOS if s.id == sid)


def _without_fact(scenario, criterion: str):
    card = scenario.role_card.model_copy(update={"facts": [
        f for f in scenario.role_card.facts if f.criterion != criterion]})
    return scenario.model_copy(update={"role_card": card})


@pytest.mark.parametrize("sid,criterion", [
    ("m4_ket_hon_lan_dau", "ben_nam"),  # lan_ket_hon is said, not printed on a card
    ("m1_tim_thu_tuc_khai_sinh", "ten_tre"),  # the child's name is on no paper
    ("m3_khai_sinh_chua_xac_dinh_cha", "cha"),  # an empty field must be said too
])
def test_a_fact_the_rubric_needs_must_be_on_the_card(sid, criterion) -> None:
    scenario = _without_fact(_scenario(sid), criterion)
    proc = load_catalog().procedure(scenario.expected.procedure)
    found = check_role_card(scenario, proc, None)
    assert [k for k, m in found if f"'{criterion}'" in m] == ["role_card.facts"]


def test_a_value_printed_on_a_handed_paper_needs_no_fact() -> None:
    scenario = _scenario("m3_khai_sinh_dung_han")  # the father's card is on request
    proc = load_catalog().procedure("khai_sinh")
    assert check_role_card(scenario, proc, None) == []
    kept = scenario.role_card.model_copy(update={"papers_on_request": ["giay_chung_sinh"]})
    found = check_role_card(scenario.model_copy(update={"role_card": kept}), proc, None)
    assert any("'cha'" in m for _, m in found)


def test_unknown_paper_criterion_and_a_typed_password_are_refused() -> None:
    scenario = _scenario("m3_khai_tu_dung_han")
    card = scenario.role_card.model_copy(update={
        "papers_on_request": ["giay_khong_co"],
        "facts": [*scenario.role_card.facts,
                  scenario.role_card.facts[0].model_copy(update={
                      "criterion": "khong_co", "answer": "Mật khẩu là Hoa@2026"})]})
    found = dict(check_role_card(scenario.model_copy(update={"role_card": card}),
                                 load_catalog().procedure("khai_tu"), "Hoa@2026"))
    assert "giay_khong_co" in found["role_card.papers_on_request.0"]
    assert "khong_co" in found[f"role_card.facts.{len(card.facts) - 1}.criterion"]
    assert "mật khẩu" in found["role_card"]


def test_the_practice_app_shows_both_cards(ref_store, store) -> None:
    from tdp.screens.practice_app import PracticeApp

    app = PracticeApp(store)
    app._ref_store = ref_store
    app.set_trainee("Trần Thị Học Viên")
    scenario = _scenario("m3_khai_sinh_dung_han")
    app.open_scenario(scenario.id)
    app.show_role_card()
    html = _html(app)
    assert "Thẻ vai người dân" in html and "Vũ Minh Khôi" in html
    assert _password(ref_store, scenario.resident) in html
    app.show_volunteer_card()
    html = _html(app)
    assert all(t in html for t in scenario.tasks)
    assert "Vũ Minh Khôi" not in html and "Giấy chứng sinh" not in html
    app.start()
    app.chose("khai_sinh", True, False)  # the resident's strip, without the password
    html = _html(app)
    assert app.pair and scenario.resident in html
    assert _password(ref_store, scenario.resident) not in html


def _html(app) -> str:
    import ipywidgets as w

    out: list[str] = []

    def walk(widget) -> None:
        if isinstance(widget, w.HTML):
            out.append(widget.value)
        for child in getattr(widget, "children", ()):
            walk(child)

    walk(app.root if hasattr(app, "root") else app.body)
    return "\n".join(out)
