"""Checking each value of a filing against its field spec, and keeping the clean values.

The catalog says what a field is (type, required, choices, bounds, condition); the field
types (`tdp.engine.field_types`, one class per type) are the one place that knows what each
type accepts. This module is the entry point the engine calls. The screens never validate on
their own: they send what was typed and show these errors.
"""

from __future__ import annotations

from collections.abc import Mapping

from tdp.engine.context import CheckContext
from tdp.engine.field_types import all_codes, check_group, is_blank, normalise_phone

__all__ = ["CODES", "check_fields", "is_blank", "normalise_phone"]

# The message codes the field checks report (the catalog requires a wording for each),
# declared by each field type.
CODES: tuple[str, ...] = tuple(sorted(all_codes()))


def check_fields(ctx: CheckContext, raw: Mapping[str, object]) -> dict[str, object]:
    """Validate `raw` against the procedure's fields; report errors; return clean values."""
    return check_group(ctx, ctx.procedure.fields, raw, "", raw)
