"""Practice scenarios: residents, their papers, their traps — and scoring that teaches.

The API the practice app (and `tdp practice`) calls:

- `list_scenarios(module=None)`, `get_scenario(id)`, `load_modules()`: the scenario bank;
- `scenario_view(scenario, with_expected=False)`: JSON for a screen (story, papers without
  their hidden defects, questions, the resident from the registry with the training password);
- `role_card_view(scenario, store)`, `volunteer_card_view(scenario)`: the two cards of pair
  work (the resident's facts and papers given when asked; the volunteer's tasks);
- `score(scenario, answer)`: `ScoreResult` (`.to_json()` → {"score", "max", "items"});
- `record_attempt(...)`, `list_attempts(trainee)`: the attempts store;
- `check_scenarios()`: every problem in `course/scenarios/` (part of `tdp catalog check`).
"""

from tdp.practice.answers import comparable, merge_patch, normalise_filing, parse_answer
from tdp.practice.attempts import Attempt, list_attempts, record_attempt
from tdp.practice.loader import (
    check_scenarios,
    get_scenario,
    list_scenarios,
    load_modules,
    load_scenarios,
)
from tdp.practice.models import Answer, Scenario
from tdp.practice.role_cards import role_card_view, volunteer_card_view
from tdp.practice.scoring import Item, ScoreResult, reference_store, score
from tdp.practice.views import scenario_summary, scenario_view

__all__ = [
    "Answer", "Attempt", "Item", "Scenario", "ScoreResult", "check_scenarios", "comparable",
    "get_scenario", "list_attempts", "list_scenarios", "load_modules", "load_scenarios",
    "merge_patch", "normalise_filing", "parse_answer", "record_attempt", "reference_store",
    "role_card_view", "scenario_summary", "scenario_view", "score", "volunteer_card_view",
]
