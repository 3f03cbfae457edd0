"""The order in which a decision question's options are shown.

Authors write the right option anywhere; the screen shows the options in an order drawn per
attempt from a seed, so nobody learns "the first one is right". The seed is made from what
the attempt record already holds (trainee, scenario, start time): replaying an attempt shows
the same order.
"""

from __future__ import annotations

import hashlib
import random

from tdp.practice.models import Option, Question
from tdp.text import name_key


def attempt_seed(trainee: str, scenario_id: str, started_at: str) -> str:
    """The seed of one attempt (`started_at`: YYYY-MM-DDTHH:MM, as stored)."""
    return f"{name_key(trainee)}|{scenario_id}|{started_at}"


def option_order(question: Question, seed: str) -> list[Option]:
    """The question's options in the order this attempt shows them."""
    digest = hashlib.sha256(f"{seed}|{question.id}".encode()).digest()
    options = list(question.options)
    random.Random(int.from_bytes(digest[:8], "big")).shuffle(options)
    return options
