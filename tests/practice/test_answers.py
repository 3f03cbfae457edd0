"""The answer parser and normaliser: property tests (hypothesis) and a few examples."""

from __future__ import annotations

import json
import unicodedata
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tdp.catalog import load_catalog
from tdp.errors import InputError
from tdp.practice import comparable, list_scenarios, merge_patch, normalise_filing, parse_answer

PROC = load_catalog().procedure("khai_sinh")
NAME = PROC.field("tre.ho_ten")
DATE = PROC.field("tre.ngay_sinh")
DOCS = PROC.field("giay_to")
SCENARIO = next(s for s in list_scenarios() if s.questions)

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=20,
)
words = st.text(alphabet="aăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạếềểễệốồổỗộớờởỡợứừửữự", min_size=1,
                max_size=8)


@settings(max_examples=100, deadline=None)
@given(raw=json_values | st.dictionaries(
    st.sampled_from(["procedure", "file", "filing", "decisions", "x"]), json_values))
def test_parse_answer_accepts_or_says_why(raw) -> None:
    try:
        answer = parse_answer(raw, SCENARIO)
    except InputError as exc:
        assert str(exc) and "\n" not in str(exc)
    else:
        assert parse_answer(answer.model_dump(), SCENARIO) == answer


@settings(max_examples=200, deadline=None)
@given(parts=st.lists(words, min_size=2, max_size=4), pad=st.integers(1, 3),
       upper=st.booleans(), nfd=st.booleans())
def test_names_compare_after_nfc_case_and_space(parts, pad, upper, nfd) -> None:
    name = " ".join(parts)
    typed = (" " * pad).join(parts)
    typed = typed.upper() if upper else typed
    typed = unicodedata.normalize("NFD" if nfd else "NFC", typed)
    assert comparable(NAME, " " + typed + " ") == comparable(NAME, name)


@settings(max_examples=200, deadline=None)
@given(day=st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)),
       sep=st.sampled_from("/-."), zero=st.booleans())
def test_dates_compare_as_dates(day, sep, zero) -> None:
    d, m = (f"{day.day:02d}", f"{day.month:02d}") if zero else (str(day.day), str(day.month))
    screen = f"{d}{sep}{m}{sep}{day.year:04d}"
    assert comparable(DATE, screen) == comparable(DATE, day.isoformat()) == day
    filing = normalise_filing(PROC, {"tre": {"ngay_sinh": screen}})
    assert filing["tre"]["ngay_sinh"] == day.isoformat()


@settings(max_examples=100, deadline=None)
@given(docs=st.lists(st.sampled_from(["giay_chung_sinh", "giay_cam_doan", "van_ban_lam_chung"]),
                     max_size=5))
def test_documents_compare_as_sets(docs) -> None:
    assert comparable(DOCS, docs) == comparable(DOCS, list(reversed(docs)) + docs[:1]) or not docs


@settings(max_examples=100, deadline=None)
@given(filing=st.dictionaries(st.sampled_from(["tre", "me", "co_quan", "giay_to"]), json_values))
def test_normalise_filing_is_idempotent_and_total(filing) -> None:
    once = normalise_filing(PROC, filing)
    assert normalise_filing(PROC, once) == once


@settings(max_examples=100, deadline=None)
@given(doc=st.dictionaries(st.text(max_size=3), json_values, max_size=5))
def test_merge_patch_laws(doc) -> None:
    assert merge_patch(doc, {}) == doc
    assert merge_patch(doc, doc) == {k: v for k, v in doc.items() if v is not None} or any(
        isinstance(v, dict) for v in doc.values())


@pytest.mark.parametrize("raw,needle", [
    ([], "đối tượng JSON"),
    ({"procedur": "khai_sinh"}, "procedur"),
    ({"file": "co"}, "true hoặc false"),
    ({"decisions": {"khong_co": "a"}}, "không có câu hỏi"),
    ({"filing": [1]}, "filing"),
])
def test_unusable_answers_are_explained(raw, needle) -> None:
    with pytest.raises(InputError, match=needle):
        parse_answer(json.loads(json.dumps(raw)), SCENARIO)


def test_unknown_option_is_refused() -> None:
    q = SCENARIO.questions[0]
    with pytest.raises(InputError, match="không có lựa chọn"):
        parse_answer({"decisions": {q.id: "khong_co_lua_chon_nay"}}, SCENARIO)


# ----- an over-long answer costs one len() (issue 17) ----------------------------------------
class _LongTextSpy:
    """Counts the cleaning (`tdp.text.nfc`, under `clean`, `name_key`, `fold_diacritics`) of
    text longer than 10,000 characters, and of any text."""

    def __init__(self) -> None:
        import tdp.text

        self.real, self.huge, self.any = tdp.text.nfc, 0, 0

    def __call__(self, text: str) -> str:
        self.any += 1
        self.huge += len(text) > 10_000
        return self.real(text)


def test_scoring_a_20_mb_name_never_cleans_it(ref_store, monkeypatch) -> None:
    import tdp.text
    from tdp.practice import get_scenario, score

    scenario = get_scenario("m3_khai_sinh_dung_han")
    expected = scenario.expected.model_dump()
    runs = {}
    for name in ("Vũ Minh Khôi", "Vũ Minh Khôi" * 1_750_000):  # the right one warms caches
        spy = _LongTextSpy()
        monkeypatch.setattr(tdp.text, "nfc", spy)
        score(scenario, merge_patch(expected, {"filing": {"tre": {"ho_ten": name}}}), ref_store)
        runs[len(name) > 100] = spy
    assert runs[True].huge == 0  # the 20 MB name: refused by its length, never cleaned
    assert runs[True].any <= runs[False].any  # and no more cleaning than a right answer
