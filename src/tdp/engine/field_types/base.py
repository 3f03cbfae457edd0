"""What every field type does, after GOV.UK forms-runner's `question/*.rb`: one class per
kind of answer, so a screen, the engine, the scoring and the lessons read a value the same way.

A type turns screen text into data (`parse`), puts a value already in data form into its one
canonical form (`normalise`, lenient: what it cannot read is returned unchanged for `validate`
to name), checks it in the context of a filing (`validate`, which reports coded messages),
says whether two values mean the same (`key`, `same`), and gives the Vietnamese placeholder
and hint shown under the input (codes in `course/messages.vi.yaml`).
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from typing import TYPE_CHECKING, ClassVar, Protocol, TypeVar

if TYPE_CHECKING:
    from tdp.catalog.models import FieldSpec, Procedure


class Invalid:
    """The marker `validate` returns when it reported an error (None is a real value)."""

    _instance: ClassVar[Invalid | None] = None

    def __new__(cls) -> Invalid:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "INVALID"


INVALID = Invalid()


class Reporter(Protocol):
    """Where a type reports what is wrong: the engine's `CheckContext` is one."""

    @property
    def procedure(self) -> Procedure: ...

    def report(self, path: str, code: str, wording: str | None = None,
               **params: object) -> None: ...


def is_blank(value: object) -> bool:
    """Nothing typed: absent, null, empty or white space only, or an empty list."""
    return value is None or (isinstance(value, str) and not value.strip()) or value == []


def frozen(value: object) -> Hashable:
    """A hashable form of JSON data, for values a type cannot read."""
    if isinstance(value, dict):
        return tuple(sorted((str(k), frozen(v)) for k, v in value.items()))
    if isinstance(value, list | tuple):
        return tuple(frozen(v) for v in value)
    if isinstance(value, float) and value != value:
        return ("NaN",)  # NaN != NaN: equal by meaning must be reflexive
    if isinstance(value, Hashable):
        return value
    return repr(value)


class FieldType:
    """Base class of the field types; subclasses set `name` and override what differs."""

    name: ClassVar[str] = ""
    """The `type:` of a field in `course/procedures/*.yaml`."""
    codes: ClassVar[tuple[str, ...]] = ()
    """Every message code `validate` may report (each needs a wording in messages.vi.yaml)."""
    placeholder_code: ClassVar[str | None] = None
    hint_code: ClassVar[str | None] = None

    # ----- screen text → data -----------------------------------------------------------
    def parse(self, text: str) -> object:
        """What the user typed on a screen, as data; None when it cannot be read."""
        return text

    def to_screen(self, value: object) -> str:
        """The data value as the screen shows it (the inverse of `parse`)."""
        return "" if value is None else str(value)

    # ----- data → canonical data --------------------------------------------------------
    def normalise(self, value: object) -> object:
        """`value` in its canonical data form; what cannot be read is returned unchanged."""
        return value

    def normalise_with(self, spec: FieldSpec, value: object) -> object:
        """`normalise`, for a type whose value depends on its spec (a sub-record)."""
        return self.normalise(value)

    # ----- the one cheap length check -----------------------------------------------------
    def longest_raw(self, spec: FieldSpec | None = None) -> int | None:
        """The longest raw text worth reading; None when the type sets no such bound."""
        return None

    def oversized(self, value: object, spec: FieldSpec | None = None) -> bool:
        """True for a text longer than any value this type accepts, however it is spaced or
        composed. Every method that cleans text asks this first, so an over-long value (a
        20 MB name) costs one `len()` and is never normalised, on any path."""
        limit = self.longest_raw(spec)
        return limit is not None and isinstance(value, str) and len(value) > limit

    # ----- validation in context --------------------------------------------------------
    def validate(self, ctx: Reporter, spec: FieldSpec, value: object, path: str,
                 root: Mapping[str, object]) -> object:
        """The clean value, or INVALID after reporting a coded error at `path`."""
        return self.normalise(value)

    # ----- equality by meaning ----------------------------------------------------------
    def key(self, value: object, spec: FieldSpec | None = None) -> Hashable:
        """A form of `value` under which two values that mean the same compare equal."""
        if is_blank(value):
            return None
        return frozen(self.normalise(value))

    def same(self, a: object, b: object, spec: FieldSpec | None = None) -> bool:
        return self.key(a, spec) == self.key(b, spec)

    # ----- what the screen says ---------------------------------------------------------
    def placeholder(self, messages: dict[str, str]) -> str:
        return _wording(messages, self.placeholder_code)

    def hint(self, messages: dict[str, str], spec: FieldSpec | None = None) -> str:
        """The field's own hint from the catalog, else the type's general one."""
        if spec is not None and spec.hint:
            return spec.hint
        return _wording(messages, self.hint_code)


T = TypeVar("T", bound=FieldType)
FIELD_TYPES: dict[str, FieldType] = {}
"""Every field type, by the `type:` the catalog writes (filled by `register`)."""


def register(kind: T) -> T:
    """Make `kind` the type of fields whose `type:` is its `name`."""
    FIELD_TYPES[kind.name] = kind
    return kind


def field_type(name: str) -> FieldType:
    """The field type called `name` in the catalog; KeyError for an unknown one."""
    return FIELD_TYPES[name]


def normalise_value(spec: FieldSpec, value: object) -> object:
    """`value` of the field `spec` in its canonical data form (sub-records included)."""
    return FIELD_TYPES[spec.type].normalise_with(spec, value)


def value_key(spec: FieldSpec | None, value: object) -> Hashable:
    """A form of `value` (of the field `spec`) in which two equal meanings compare equal."""
    if is_blank(value):
        return None
    if spec is None:  # a value the scenario names outside the procedure's fields
        return FIELD_TYPES["text"].key(value) if isinstance(value, str) else frozen(value)
    return FIELD_TYPES[spec.type].key(value, spec)


def _wording(messages: dict[str, str], code: str | None) -> str:
    """A placeholder or hint as written (no field label; a placeholder stays lower case)."""
    return messages.get(code, "") if code else ""
