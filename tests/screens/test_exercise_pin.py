"""The "Bài tập" app's PIN: set once, required after, only a salted hash kept."""

from __future__ import annotations

from tdp.screens import drafts
from tdp.screens.exercise_pin import KEY, has_pin, pin_matches, pin_problem, set_pin


def test_pin_is_set_once_then_checked(store):
    assert not has_pin("hv01", store)
    assert not pin_matches("hv01", "2468", store)
    set_pin("hv01", "2468", store)
    assert has_pin("hv01", store) and not has_pin("hv02", store)
    assert pin_matches("hv01", " 2468 ", store)
    assert not pin_matches("hv01", "2469", store) and not pin_matches("hv02", "2468", store)
    saved = drafts.load_draft("hv01", KEY, store)
    assert "2468" not in str(saved)


def test_pin_rules():
    assert pin_problem("2468") is None and pin_problem("123456") is None
    for bad in ["", "123", "1234567", "12a4", "１２３４"]:
        assert pin_problem(bad) == "Mã PIN gồm 4 đến 6 chữ số."
