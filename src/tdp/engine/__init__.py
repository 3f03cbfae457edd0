"""The engine: what a filing must satisfy, what it costs, what it changes, where it stands.

This is the front door the faces import from (`from tdp.engine import check`). Submodules load
on first use, so `tdp check` pays only for what it touches (the store's SQLAlchemy is not
imported to check a filing).
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tdp.engine.checking import CheckResult, check, ensure_registry, receipt_steps, submit
    from tdp.engine.context import CheckContext, RegistryView, value_at
    from tdp.engine.effects import apply_effects, validate_effect
    from tdp.engine.fees import copy_fee, fee_for
    from tdp.engine.fields import check_fields, normalise_phone
    from tdp.engine.filings import advance, get_filing, list_filings, record_filing
    from tdp.engine.rules import apply_rules, validate_rule
    from tdp.engine.statuses import FINAL, NEXT_STATUS, STATUSES

_EXPORTS: dict[str, str] = {
    "CheckResult": "checking", "check": "checking", "ensure_registry": "checking",
    "submit": "checking", "receipt_steps": "checking",
    "CheckContext": "context", "RegistryView": "context", "value_at": "context",
    "apply_effects": "effects", "validate_effect": "effects",
    "copy_fee": "fees", "fee_for": "fees",
    "check_fields": "fields", "normalise_phone": "fields",
    "advance": "filings", "get_filing": "filings", "list_filings": "filings",
    "record_filing": "filings",
    "apply_rules": "rules", "validate_rule": "rules",
    "FINAL": "statuses", "NEXT_STATUS": "statuses", "STATUSES": "statuses",
}

__all__ = [
    "CheckContext",
    "CheckResult",
    "FINAL",
    "NEXT_STATUS",
    "RegistryView",
    "STATUSES",
    "advance",
    "apply_effects",
    "apply_rules",
    "check",
    "check_fields",
    "copy_fee",
    "ensure_registry",
    "fee_for",
    "get_filing",
    "list_filings",
    "normalise_phone",
    "receipt_steps",
    "record_filing",
    "submit",
    "validate_effect",
    "validate_rule",
    "value_at",
]


def __getattr__(name: str) -> Any:
    """Load the submodule that defines `name` the first time a face asks for it."""
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'tdp.engine' has no attribute {name!r}")
    value = getattr(import_module(f"tdp.engine.{module}"), name)
    globals()[name] = value
    return value
