"""One class per field type (after GOV.UK forms-runner's `question/*.rb`).

`field_type("date")` is the one object that reads, normalises, validates and compares dates;
the engine, the screens, the scoring, the support log and the lessons all ask it, so no date,
number or name is parsed anywhere else. A new field type is a class here, one line in
`FIELD_TYPES`, its name in `catalog.models.FieldType` and its messages in messages.vi.yaml.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import TYPE_CHECKING, Any

from tdp.engine.field_types.base import INVALID, FieldType, Reporter, frozen, is_blank
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

TEXT = TextType()
PERSON_NAME = PersonNameType()
DATE = DateType()
IDENTITY_NUMBER = IdentityNumberType()
PHONE = PhoneType()
CHOICE = ChoiceType()
YES_NO = YesNoType()
WHOLE_NUMBER = WholeNumberType()
MONEY = MoneyType()
LIST = ListType()
DOCUMENTS = DocumentsType()

FIELD_TYPES: dict[str, FieldType] = {
    t.name: t
    for t in (TEXT, PERSON_NAME, DATE, IDENTITY_NUMBER, PHONE, CHOICE, YES_NO, WHOLE_NUMBER,
              MONEY, GROUP, LIST, DOCUMENTS)
}
"""Every field type, by the `type:` the catalog writes."""


def field_type(name: str) -> FieldType:
    """The field type called `name` in the catalog; KeyError for an unknown one."""
    return FIELD_TYPES[name]


def normalise_value(spec: FieldSpec, value: Any) -> Any:
    """`value` of the field `spec` in its canonical data form (sub-records included)."""
    kind = FIELD_TYPES[spec.type]
    if isinstance(kind, GroupType | ListType):
        return kind.normalise_with(spec, value)
    return kind.normalise(value)


def value_key(spec: FieldSpec | None, value: Any) -> Hashable:
    """A form of `value` (of the field `spec`) in which two equal meanings compare equal."""
    if is_blank(value):
        return None
    if spec is None:
        return TEXT.key(value) if isinstance(value, str) else frozen(value)
    return FIELD_TYPES[spec.type].key(value, spec)


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
