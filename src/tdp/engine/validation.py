"""What `tdp catalog check` asks of the engine: are the rules and effects a procedure names
sound, and which message codes must `messages.vi.yaml` word. The engine registers these with
the catalog (the catalog never imports the engine); the kinds load only when asked."""

from __future__ import annotations

from tdp.catalog.loader import register_validator
from tdp.catalog.models import Procedure


def validate_procedure(proc: Procedure) -> list[tuple[str, str]]:
    """(key, Vietnamese message) for each problem with the kinds `proc` uses."""
    from tdp.engine.effects import validate_effect
    from tdp.engine.rules import validate_rule

    problems: list[tuple[str, str]] = []
    for i, rule in enumerate(proc.rules):
        problems += [
            (f"rules.{i}.{k}" if k else f"rules.{i}", m) for k, m in validate_rule(rule, proc)
        ]
    for i, effect in enumerate(proc.effects):
        problems += [
            (f"effects.{i}.{k}" if k else f"effects.{i}", m)
            for k, m in validate_effect(effect, proc)
        ]
    return problems


def message_codes() -> set[str]:
    """Every code the engine may report: the field checks', the registry look-ups' and each
    rule and effect kind's own (declared where the kind is registered)."""
    from tdp.engine import fields, resolution
    from tdp.engine.effects import EFFECTS
    from tdp.engine.rules import RULES

    return set(fields.CODES) | set(resolution.CODES) | RULES.codes() | EFFECTS.codes()


register_validator(validate_procedure, message_codes)
