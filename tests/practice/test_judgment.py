"""Scenarios that teach judgment: options are shuffled per attempt (and replayable), the right
option cannot be spotted by its length, every wrong option explains its misconception in the
feedback, a lawful alternative earns its points, and feedback never repeats itself or shows
programmer text — over every scenario, every typical mistake and every wrong option."""

from __future__ import annotations

import re

import pytest

from tdp.practice import list_scenarios, merge_patch, parse_answer, scenario_view, score
from tdp.practice.options import attempt_seed, option_order

SCENARIOS = list_scenarios()
QUESTIONS = [(s, q) for s in SCENARIOS for q in s.questions]
QIDS = [f"{s.id}-{q.id}" for s, q in QUESTIONS]


def _right(scenario, question):
    return next(o for o in question.options if o.value == scenario.expected.decisions[question.id])


@pytest.mark.parametrize("scenario,question", QUESTIONS, ids=QIDS)
def test_the_right_option_is_not_the_longest(scenario, question) -> None:
    right = _right(scenario, question)
    others = [len(o.label) for o in question.options if o is not right]
    assert len(right.label) <= max(others), "the longest option is the right one: a guess wins"


@pytest.mark.parametrize("scenario", [s for s in SCENARIOS if s.questions],
                         ids=[s.id for s in SCENARIOS if s.questions])
def test_a_scenario_right_option_is_not_always_the_longest(scenario) -> None:
    longest = [len(_right(scenario, q).label) >= max(len(o.label) for o in q.options)
               for q in scenario.questions]
    assert not all(longest)


@pytest.mark.parametrize("scenario,question", QUESTIONS, ids=QIDS)
def test_options_are_shuffled_per_attempt_and_a_replay_shows_the_same_order(
        scenario, question) -> None:
    seeds = [attempt_seed("Trần Thị Học Viên", scenario.id, f"2026-11-20T09:{m:02d}")
             for m in range(40)]
    orders = [tuple(o.value for o in option_order(question, seed)) for seed in seeds]
    assert orders == [tuple(o.value for o in option_order(question, seed)) for seed in seeds]
    right = scenario.expected.decisions[question.id]
    assert len({order.index(right) for order in orders}) == len(question.options)
    assert sorted(orders[0]) == sorted(o.value for o in question.options)


def test_the_view_shows_the_attempt_order_without_explanations(ref_store) -> None:
    scenario, question = QUESTIONS[0]
    seed = attempt_seed("An", scenario.id, "2026-11-20T09:00")
    view = scenario_view(scenario, ref_store, seed=seed)
    shown = next(q for q in view["questions"] if q["id"] == question.id)["options"]
    assert [o["value"] for o in shown] == [o.value for o in option_order(question, seed)]
    assert all("explanation" not in o for o in shown)


@pytest.mark.parametrize("scenario,question", QUESTIONS, ids=QIDS)
def test_each_wrong_option_shows_its_own_explanation(scenario, question, ref_store) -> None:
    criterion = next(c for c in scenario.rubric
                     if c.kind == "decision_is" and c.question == question.id)
    right = scenario.expected.decisions[question.id]
    explanations = set()
    for option in question.options:
        if option.value == right:
            continue
        answer = merge_patch(scenario.expected.model_dump(),
                             {"decisions": {question.id: option.value}})
        item = next(i for i in score(scenario, answer, ref_store).items
                    if i.criterion == criterion.id)
        assert option.explanation.strip() in item.detail and option.label in item.detail
        assert item.ok is (option.value in criterion.also_right)
        explanations.add(option.explanation)
    assert len(explanations) == len(question.options) - 1  # each its own


def test_the_steps_after_a_death_done_one_by_one_are_lawful(ref_store) -> None:
    deaths = [(s, q) for s, q in QUESTIONS
              if s.expected.procedure == "khai_tu" and q.id == "lien_thong"]
    assert len(deaths) >= 3
    for scenario, question in deaths:
        answer = merge_patch(scenario.expected.model_dump(),
                             {"decisions": {question.id: "lam_rieng"}})
        result = score(scenario, answer, ref_store)
        assert result.score == result.max
        item = next(i for i in result.items if i.detail)
        assert "đúng luật" in item.detail


# ----- feedback text ----------------------------------------------------------------------
PROGRAMMER = re.compile(r"\bNone\b|\bnull\b|\bTrue\b|\bFalse\b|Traceback|[{}<>]|\\n"
                        r"|\b[a-z]+_[a-z0-9_]+\b|\b[a-z_]+\.[a-z_]+(\.\d+)?\b")


def _sentences(text: str) -> list[str]:
    """Sentences, folded, without their citations in brackets (citing one decree twice is
    not repeating oneself)."""
    parts = re.split(r"(?<=[.!?])\s+", re.sub(r"\([^)]*\)", " ", text))
    return [" ".join(re.sub(r"[\"“”«».!?:()]", " ", p).split()).casefold()
            for p in parts if p.strip()]


def _answers(scenario):
    yield "expected", scenario.expected.model_dump()
    yield "empty", {}
    for m in scenario.mistakes:
        yield m.id, merge_patch(scenario.expected.model_dump(), m.patch)
    for q in scenario.questions:
        for o in q.options:
            yield f"{q.id}={o.value}", merge_patch(scenario.expected.model_dump(),
                                                    {"decisions": {q.id: o.value}})


@pytest.mark.parametrize("scenario", SCENARIOS, ids=[s.id for s in SCENARIOS])
def test_feedback_never_repeats_itself_nor_shows_programmer_text(scenario, ref_store) -> None:
    for name, raw in _answers(scenario):
        for item in score(scenario, parse_answer(raw, scenario), ref_store).items:
            text = " ".join([item.label, item.feedback, item.detail])
            assert not PROGRAMMER.search(text), (name, item.criterion, text)
            sentences = [s for s in _sentences(f"{item.feedback} {item.detail}")
                         if len(s.split()) >= 3]
            for i, a in enumerate(sentences):
                for j, b in enumerate(sentences):
                    assert i == j or a not in b, (name, item.criterion, a, b)
