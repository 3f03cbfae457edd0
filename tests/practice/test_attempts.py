"""Attempts are stored and a trainee sees their own history."""

from __future__ import annotations

from datetime import datetime

import pytest

from tdp.errors import InputError
from tdp.practice import get_scenario, list_attempts, list_scenarios, record_attempt, score


def test_record_and_list_a_trainees_attempts(store, ref_store) -> None:
    scenario = list_scenarios()[0]
    right = score(scenario, scenario.expected, ref_store)
    empty = score(scenario, {}, ref_store)
    t0, t1 = datetime(2026, 11, 28, 8, 0), datetime(2026, 11, 28, 8, 12)
    a = record_attempt("Nguyễn Văn An", scenario.id, scenario.expected, right, t0, t1, store)
    record_attempt("Trần Thị Bình", scenario.id, {}, empty, t0, t1, store)
    record_attempt("nguyễn  văn an", scenario.id, {}, empty, t1, t1, store)
    mine = list_attempts(" NGUYỄN VĂN AN ", store=store)
    assert [x.score for x in mine] == [right.max, empty.score]
    assert mine[0].id == a.id and mine[0].started_at == "2026-11-28T08:00"
    assert mine[0].ended_at == "2026-11-28T08:12"
    assert mine[0].items[0]["criterion"] == scenario.rubric[0].id
    assert mine[0].answer["procedure"] == scenario.expected.procedure
    assert list_attempts("Trần Thị Bình", scenario_id="khong_co", store=store) == []


def test_a_trainee_needs_a_name(store) -> None:
    scenario = get_scenario(list_scenarios()[0].id)
    with pytest.raises(InputError):
        list_attempts("   ", store=store)
    with pytest.raises(InputError):
        record_attempt("", scenario.id, {}, None, datetime(2026, 1, 1), store=store)


def test_a_stored_attempt_replays_the_order_its_options_were_shown_in(store, ref_store) -> None:
    """The practice app shuffles with attempt_seed(trainee, scenario, start); the stored
    attempt gives the same seed back, so a replay shows the options in the same order."""
    from tdp.dates import format_at
    from tdp.practice import scenario_view
    from tdp.practice.options import attempt_seed

    scenario = next(s for s in list_scenarios() if s.questions)
    started = datetime(2026, 11, 28, 9, 41)
    shown = scenario_view(scenario, ref_store,
                          seed=attempt_seed("Lê Thị Hoa", scenario.id, format_at(started)))
    result = score(scenario, scenario.expected, ref_store)
    record_attempt("Lê Thị Hoa", scenario.id, scenario.expected, result, started, started, store)
    (attempt,) = list_attempts("lê thị hoa", scenario_id=scenario.id, store=store)
    replay = scenario_view(scenario, ref_store, seed=attempt.seed)
    assert replay["questions"] == shown["questions"]
