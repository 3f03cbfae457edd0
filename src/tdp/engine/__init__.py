"""The engine: what a filing must satisfy, what it costs, what it changes, where it stands.

This is the front door the faces import from (`from tdp.engine import check`). Submodules load
on first use, so `tdp check` pays only for what it touches (the store's SQLAlchemy is not
imported to check a filing).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import tdp.engine.validation  # noqa: F401  (registers the engine's checks with the catalog)
from tdp.lazy import lazy_exports

if TYPE_CHECKING:
    from tdp.engine.access import (
        LOGIN_NUMBER,
        PAYMENT_METHOD,
        LoginDecision,
        check_login,
        check_otp,
        check_payment,
        login_number,
        payment_options,
    )
    from tdp.engine.checking import (
        CheckResult,
        check,
        ensure_registry,
        filing_steps,
        receipt_steps,
        submit,
    )
    from tdp.engine.context import CheckContext, RegistryView, value_at
    from tdp.engine.effects import apply_effects, validate_effect
    from tdp.engine.fees import copy_fee, fee_for, is_late
    from tdp.engine.field_types import (
        CHOICE,
        DATE,
        DOCUMENTS,
        FIELD_TYPES,
        IDENTITY_NUMBER,
        MONEY,
        PERSON_NAME,
        PHONE,
        TEXT,
        WHOLE_NUMBER,
        YES_NO,
        FieldType,
        field_type,
        max_length,
        normalise_value,
        parse_money,
        parse_whole_number,
        parse_yes_no,
        value_key,
    )
    from tdp.engine.fields import check_fields, normalise_phone
    from tdp.engine.filings import advance, get_filing, list_filings, record_filing
    from tdp.engine.rules import apply_rules, validate_rule
    from tdp.engine.statuses import FINAL, NEXT_STATUS, STATUSES
    from tdp.engine.validation import message_codes

_EXPORTS: dict[str, str] = {
    **{name: "access" for name in (
        "LOGIN_NUMBER", "PAYMENT_METHOD", "LoginDecision", "check_login", "check_otp",
        "check_payment", "login_number", "payment_options")},
    "CheckResult": "checking", "check": "checking", "ensure_registry": "checking",
    "submit": "checking", "receipt_steps": "checking", "filing_steps": "checking",
    "CheckContext": "context", "RegistryView": "context", "value_at": "context",
    "apply_effects": "effects", "validate_effect": "effects",
    "copy_fee": "fees", "fee_for": "fees", "is_late": "fees",
    "check_fields": "fields", "normalise_phone": "fields",
    **{name: "field_types" for name in (
        "CHOICE", "DATE", "DOCUMENTS", "FIELD_TYPES", "IDENTITY_NUMBER", "MONEY",
        "PERSON_NAME", "PHONE", "TEXT", "WHOLE_NUMBER", "YES_NO", "FieldType", "field_type",
        "max_length", "normalise_value", "parse_money", "parse_whole_number", "parse_yes_no",
        "value_key")},
    "advance": "filings", "get_filing": "filings", "list_filings": "filings",
    "record_filing": "filings",
    "apply_rules": "rules", "validate_rule": "rules",
    "FINAL": "statuses", "NEXT_STATUS": "statuses", "STATUSES": "statuses",
    "message_codes": "validation",
}

__all__ = [
    "LOGIN_NUMBER",
    "PAYMENT_METHOD",
    "LoginDecision",
    "check_login",
    "check_otp",
    "check_payment",
    "login_number",
    "payment_options",
    "CHOICE",
    "DATE",
    "DOCUMENTS",
    "FIELD_TYPES",
    "IDENTITY_NUMBER",
    "MONEY",
    "PERSON_NAME",
    "PHONE",
    "TEXT",
    "WHOLE_NUMBER",
    "YES_NO",
    "FieldType",
    "field_type",
    "max_length",
    "normalise_value",
    "parse_money",
    "parse_whole_number",
    "parse_yes_no",
    "value_key",
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
    "is_late",
    "list_filings",
    "message_codes",
    "normalise_phone",
    "receipt_steps",
    "filing_steps",
    "record_filing",
    "submit",
    "validate_effect",
    "validate_rule",
    "value_at",
]


__getattr__ = lazy_exports(__name__, _EXPORTS, globals())
