"""Free text compared by meaning, not letters.

A trainee types "bang tot nghiep THPT" for the paper titled "Bằng tốt nghiệp trung học phổ
thông (bản chính)", or slips a letter: the same meaning. Both sides are folded (NFC, case,
diacritics, punctuation, spacing), bracketed remarks such as "(bản chính)" dropped, the short
names people use expanded (`src/tdp/data/paper_names.yaml`), and what remains is compared with
rapidfuzz's similarity ratio, and every word must have a close counterpart on the other side
(so "trung học cơ sở" is not "trung học phổ thông", though the strings are alike; words with
digits match exactly). `THRESHOLD` is tested on real variants in
tests/practice/test_meaning.py: typos and abbreviations pass, another paper ("Giấy khai tử" for
"Giấy khai sinh") does not. Names of people are never compared fuzzily: one letter makes
another person.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

import yaml
from rapidfuzz import fuzz

from tdp.text import fold_diacritics

THRESHOLD = 90.0  # rapidfuzz ratio (0–100) from which two folded texts mean the same
WORD_THRESHOLD = 75.0  # and from which a word has its counterpart (one slipped letter)
MAX_LENGTH = 500  # longer text is not a paper's name or a place: never the same meaning

_BRACKETS = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_NOT_WORD = re.compile(r"[^0-9a-z]+")


def _fold(text: str) -> str:
    return " ".join(_NOT_WORD.sub(" ", fold_diacritics(text)).split())


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, str], list[tuple[str, str]]]:
    raw = yaml.safe_load(resources.files("tdp.data").joinpath("paper_names.yaml")
                         .read_text(encoding="utf-8"))
    words = {_fold(k): _fold(v) for k, v in (raw.get("abbreviations") or {}).items()}
    phrases = sorted(((_fold(k), _fold(v)) for k, v in (raw.get("synonyms") or {}).items()),
                     key=lambda kv: -len(kv[0]))  # the longest phrase first
    return words, phrases


def meaning_key(text: str) -> str:
    """The folded, expanded form of `text` that `same_meaning` compares."""
    words, phrases = _tables()
    folded = " ".join(words.get(w, w) for w in _fold(_BRACKETS.sub(" ", text)).split())
    for short, full in phrases:
        if folded == short or folded.startswith(short + " ") or f" {short} " in f" {folded} ":
            folded = f" {folded} ".replace(f" {short} ", f" {full} ").strip()
    return folded


def similarity(a: str, b: str) -> float:
    """0–100: how alike two texts are once folded and expanded."""
    return fuzz.ratio(meaning_key(a), meaning_key(b))


def same_meaning(a: str, b: str) -> bool:
    """True when `a` and `b` say the same thing (see the module's docstring)."""
    if len(a) > MAX_LENGTH or len(b) > MAX_LENGTH:
        return False
    ka, kb = meaning_key(a), meaning_key(b)
    if ka == kb:
        return True
    if not ka or not kb or fuzz.ratio(ka, kb) < THRESHOLD:
        return False
    return _words_match(ka.split(), kb.split()) and _words_match(kb.split(), ka.split())


def _words_match(words: list[str], others: list[str]) -> bool:
    def close(w: str, o: str) -> bool:
        if any(c.isdigit() for c in w + o):
            return w == o
        return fuzz.ratio(w, o) >= WORD_THRESHOLD

    return all(any(close(w, o) for o in others) for w in words)
