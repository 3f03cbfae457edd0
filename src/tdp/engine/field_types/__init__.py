"""One class per field type (after GOV.UK forms-runner's `question/*.rb`).

`field_type("date")` is the one object that reads, normalises, validates and compares dates;
the engine, the screens, the scoring, the support log and the lessons all ask it, so no date,
number or name is parsed anywhere else. A new field type is a class here, one line in
`FIELD_TYPES`, its name in `catalog.models.FieldType` and its messages in messages.vi.yaml.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tdp.engine.field_types.base import (
    FIELD_TYPES,
    INVALID,
    FieldType,
    Reporter,
    field_type,
    frozen,
    is_blank,
    normalise_value,
    register,
    value_key,
)
from tdp.engine.field_types.choice import ChoiceType, YesNoType, parse_yes_no
from tdp.engine.field_types.dates import DateType
from tdp.engine.field_types.identity import IdentityNumberType, PhoneType, normalise_phone
from tdp.engine.field_types.numbers import (
    WHOLE_NUMBER_LIMIT,
    MoneyType,
    WholeNumberType,
    parse_money,
    parse_whole_number,
)
from tdp.engine.field_types.shapes import (
    GROUP,
    MAX_LIST_ITEMS,
    DocumentsType,
    GroupType,
    ListType,
    all_blank,
    check_group,
)
from tdp.engine.field_types.text import (
    NAME_MAX_LENGTH,
    TEXT_MAX_LENGTH,
    PersonNameType,
    TextType,
    has_control_characters,
)

if TYPE_CHECKING:
    from tdp.catalog.models import FieldSpec

TEXT = register(TextType())
PERSON_NAME = register(PersonNameType())
DATE = register(DateType())
IDENTITY_NUMBER = register(IdentityNumberType())
PHONE = register(PhoneType())
CHOICE = register(ChoiceType())
YES_NO = register(YesNoType())
WHOLE_NUMBER = register(WholeNumberType())
MONEY = register(MoneyType())
register(GROUP)
LIST = register(ListType())
DOCUMENTS = register(DocumentsType())


def max_length(spec: FieldSpec) -> int | None:
    """The longest text the field `spec` takes, or None for a type that is not text."""
    kind = FIELD_TYPES[spec.type]
    return kind.max_length(spec) if isinstance(kind, TextType) else None


def all_codes() -> frozenset[str]:
    """Every message code (and wording) a field type may report."""
    codes: set[str] = {"bat_buoc", "chon_bat_buoc"}
    for kind in FIELD_TYPES.values():
        codes.update(kind.codes)
        codes.update(getattr(kind, "wordings", ()))
    return frozenset(codes)


__all__ = [
    "CHOICE", "DATE", "DOCUMENTS", "FIELD_TYPES", "GROUP", "IDENTITY_NUMBER", "INVALID",
    "LIST", "MAX_LIST_ITEMS", "MONEY", "NAME_MAX_LENGTH", "PERSON_NAME", "PHONE", "TEXT",
    "TEXT_MAX_LENGTH", "WHOLE_NUMBER", "WHOLE_NUMBER_LIMIT", "YES_NO", "ChoiceType", "DateType",
    "DocumentsType", "FieldType", "GroupType", "IdentityNumberType", "ListType", "MoneyType",
    "PersonNameType", "PhoneType", "Reporter", "TextType", "WholeNumberType", "YesNoType",
    "all_blank", "all_codes", "check_group", "field_type", "frozen", "has_control_characters",
    "is_blank", "max_length", "normalise_phone", "normalise_value", "parse_money",
    "parse_whole_number", "parse_yes_no", "value_key",
]
