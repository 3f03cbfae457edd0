"""The "Bài tập" app's PIN: set once, required after, only a salted hash kept; the trainer
resets it and only it."""

from __future__ import annotations

import pytest

from tdp.classlist import Trainee, write_trainees
from tdp.errors import InputError
from tdp.screens import drafts
from tdp.screens.exercise_pin import (
    KEY,
    has_pin,
    pin_matches,
    pin_problem,
    pin_set_at,
    reset_pin,
    set_pin,
    trainee_pin,
)


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


def test_reset_forgets_the_pin_and_nothing_else(store):
    set_pin("hv01", "2468", store)
    set_pin("hv02", "1357", store)
    drafts.save_draft("hv01", "bai_tap:bai1", {"cau_3": "3"}, store)
    assert pin_set_at("hv01", store) is not None
    assert reset_pin("hv01", store) is True
    assert not has_pin("hv01", store) and pin_set_at("hv01", store) is None
    assert not pin_matches("hv01", "2468", store)
    assert drafts.load_draft("hv01", "bai_tap:bai1", store) == {"cau_3": "3"}
    assert pin_matches("hv02", "1357", store)  # another trainee's PIN stays
    assert reset_pin("hv01", store) is False  # nothing left to reset
    set_pin("hv01", "9753", store)  # the next visit sets a new one
    assert pin_matches("hv01", "9753", store)


def test_a_trainee_is_named_by_name_or_id(store, tmp_path):
    class_list = tmp_path / "trainees.csv"
    write_trainees(class_list, [Trainee("hv01", "Nguyễn Thị Thu", "thong_nhat")])
    set_pin("hv01", "2468", store)
    status = trainee_pin("nguyễn  thị THU", store=store, class_list=class_list)
    assert status.trainee.id == "hv01" and status.set_at is not None and not status.reset
    status = trainee_pin("hv01", reset=True, store=store, class_list=class_list)
    assert status.reset and status.set_at is None and not has_pin("hv01", store)
    with pytest.raises(InputError, match="Không có học viên 'Trần Văn Không' trong danh sách"):
        trainee_pin("Trần Văn Không", reset=True, store=store, class_list=class_list)
