"""The registry of rule kinds: every module of rules registers its kinds here.

Kept apart from `rules.py` (which applies them and loads every rule module) so that the rule
modules depend on this small registry and never on each other's loader: no import cycle.
"""

from __future__ import annotations

from tdp.engine.kinds import Kinds, Params

RULES = Kinds("quy tắc")
rule_kind = RULES.register

__all__ = ["RULES", "Params", "rule_kind"]
