"""An over-long value (a 20 MB name) is refused by one `len()`: no field type cleans it on any
path (parse, normalise, key, same, validate), and the engine, the scoring and the lessons'
readers never clean it either. Counted, not timed: `tdp.text.clean` (and `name_key`,
`fold_diacritics`, which call it) goes through `tdp.text.nfc`, which the spy wraps."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from datetime import datetime
from typing import Any

import pytest
from builders import khai_sinh
from hypothesis import given
from hypothesis import strategies as st
from test_field_types import Collect

import tdp.text
from tdp.catalog import load_catalog
from tdp.catalog.models import FieldSpec
from tdp.engine import DOCUMENTS, FIELD_TYPES, PERSON_NAME, check, normalise_value
from tdp.engine.field_types import INVALID, has_control_characters
from tdp.messages import render
from tdp.text import clean

HUGE = "Vũ Minh Khôi" * 1_750_000  # ~21 million characters
AT = datetime(2026, 11, 27, 10, 0)
MESSAGES = load_catalog().messages


class Spy:
    """Counts how often text longer than `over` characters is cleaned (NFC'd)."""

    def __init__(self, over: int) -> None:
        self.over, self.calls, self.real = over, 0, tdp.text.nfc

    def __call__(self, text: str) -> str:
        if len(text) > self.over:
            self.calls += 1
        return self.real(text)


@pytest.fixture
def spy(monkeypatch: pytest.MonkeyPatch) -> Iterator[Spy]:
    counter = Spy(over=10_000)
    monkeypatch.setattr(tdp.text, "nfc", counter)
    yield counter




def _spec(kind: str, max_length: int | None = None) -> FieldSpec:
    return FieldSpec(id="o", label="Ô", type=kind, max_length=max_length)


def outcome(kind: str, value: Any, max_length: int | None = None) -> tuple[Any, ...]:
    """What `validate` decides: the clean value, or the codes and messages it reported."""
    ctx = Collect()
    result = FIELD_TYPES[kind].validate(ctx, _spec(kind, max_length), value, "o", {})
    if result is INVALID:
        return ("refused", tuple((e.code, e.message) for e in ctx.errors))
    return ("accepted", result)


@pytest.mark.parametrize("kind", ["text", "person_name"])
def test_no_reading_of_a_huge_text_cleans_it(kind: str, spy: Spy) -> None:
    t, spec = FIELD_TYPES[kind], _spec(kind)
    assert t.parse(HUGE) is None
    assert t.normalise(HUGE) is HUGE and normalise_value(spec, HUGE) is HUGE
    group = FieldSpec(id="g", label="G", type="group", fields=[FieldSpec(
        id="ho_ten", label="Họ tên", type=kind)])
    assert normalise_value(group, {"ho_ten": HUGE})["ho_ten"] is HUGE
    assert not t.same(HUGE, "Vũ Minh Khôi", spec) and t.same(HUGE, HUGE, spec)
    assert t.key(HUGE, spec) == t.key(HUGE, None)
    verdict, [(code, message)] = outcome(kind, HUGE)
    assert (verdict, code) == ("refused", "van_ban_qua_dai")
    assert f"{len(HUGE):,}".replace(",", ".") in message or str(len(HUGE)) in message
    assert spy.calls == 0


def test_a_huge_document_id_is_never_cleaned(spy: Spy) -> None:
    assert DOCUMENTS.normalise([HUGE, " giay_chung_sinh "]) == [HUGE, "giay_chung_sinh"]
    assert DOCUMENTS.key([HUGE]) == frozenset({HUGE})
    ctx = Collect()
    assert DOCUMENTS.validate(ctx, _spec("documents"), [HUGE], "o", {}) == []
    assert [e.code for e in ctx.errors] == ["giay_to_khong_thuoc_thu_tuc"]
    assert spy.calls == 0


def _text_paths(data: dict[str, Any], prefix: str = "") -> Iterator[str]:
    for key, value in data.items():
        if isinstance(value, dict):
            yield from _text_paths(value, f"{prefix}{key}.")
        elif isinstance(value, str):
            yield prefix + key


def test_check_refuses_a_huge_value_in_any_field_without_cleaning_it(people, store,
                                                                      spy: Spy) -> None:
    base = khai_sinh(people)
    paths = list(_text_paths(base))
    assert len(paths) >= 10
    for path in paths:
        filing = copy.deepcopy(base)
        *groups, key = path.split(".")
        holder = filing
        for g in groups:
            holder = holder[g]
        holder[key] = HUGE
        result = check("khai_sinh", filing, AT, store)
        assert not result.valid and path in {e.field for e in result.errors}, path
    assert spy.calls == 0


# ----- the cheap refusal changes no verdict (hypothesis) ------------------------------------
# Limits small enough that hypothesis reaches the bound (4 × limit + 100 raw characters):
# white space runs and decomposed letters that cleaning folds, on both sides of it.
PIECES = st.sampled_from(["Nguyễn", "Văn", "An", "e\u0323\u0302", " ", "  ", "\t", "\n",
                          "x", "H'", "\u202e", "1"])
SPACED = st.builds(lambda a, n, b: a + " " * n + b, st.text(max_size=12),
                   st.integers(0, 260), st.text(max_size=12))
TEXTS = st.text(max_size=80) | SPACED | st.lists(PIECES, max_size=160).map("".join)


@given(text=TEXTS, kind=st.sampled_from(["text", "person_name"]),
       limit=st.sampled_from([None, 5, 20, 40]))
def test_the_cheap_refusal_changes_no_verdict(text: str, kind: str, limit: int | None) -> None:
    t, spec = FIELD_TYPES[kind], _spec(kind, limit)
    verdict = outcome(kind, text, limit)
    bound = 4 * (limit or t.max_length()) + 100
    if len(text) > bound:  # refused as too long, counted on what was given, as before
        toi_da = limit or t.max_length()
        wording = render(MESSAGES, "van_ban_qua_dai", "Ô", toi_da=toi_da, so_ky_tu=len(text))
        assert verdict == ("refused", (("van_ban_qua_dai", wording),))
        assert normalise_value(spec, text) is text
    elif not has_control_characters(text):  # below the bound: the verdict once cleaned
        assert normalise_value(spec, text) == clean(text)
        assert outcome(kind, clean(text), limit)[0] == verdict[0]
    # the screen's reader, with the type's own limit
    assert t.parse(text) == (None if len(text) > t.longest_raw() else clean(text))
    # the scoring checks the normalised filing: the portal's verdict on what was typed
    assert outcome(kind, normalise_value(spec, text), limit)[0] == verdict[0]


def test_a_padded_name_is_refused_by_the_scoring_path_as_by_the_portal() -> None:
    """Found by the property above: a name padded to more than the bound was cleaned by
    `normalise` and accepted when the scoring checked it, though the portal refuses it."""
    padded = "Vũ" + " " * (PERSON_NAME.longest_raw() + 1) + "Minh Khôi"
    assert outcome("person_name", padded)[0] == "refused"
    assert outcome("person_name", normalise_value(_spec("person_name"), padded))[0] == (
        "refused")
    assert PERSON_NAME.normalise(padded) is padded
    separated = "Vũ\x1cMinh Khôi"  # a control character that cleaning folds into a space
    assert outcome("person_name", separated)[1][0][0] == "ky_tu_khong_hop_le"
    assert outcome("person_name", normalise_value(_spec("person_name"), separated))[0] == (
        "refused")
