"""The "Bài tập" app's PIN page, as widgets (no browser): a PIN the trainer reset while the
page was open is not asked for; the page asks to set a new one."""

from __future__ import annotations

from collections.abc import Iterator

import ipywidgets as w

from tdp.classlist import Trainee, read_trainees, write_trainees
from tdp.grading.course import Course
from tdp.screens.exercise_app import ExerciseApp
from tdp.screens.exercise_pin import has_pin, pin_matches, reset_pin, set_pin


def _widgets(widget: w.Widget) -> Iterator[w.Widget]:
    yield widget
    for child in getattr(widget, "children", ()):
        yield from _widgets(child)


def _one(app: ExerciseApp, dom_class: str) -> w.Widget:
    [found] = [x for x in _widgets(app.main) if dom_class in getattr(x, "_dom_classes", ())]
    return found


def _has(app: ExerciseApp, dom_class: str) -> bool:
    return any(dom_class in getattr(x, "_dom_classes", ()) for x in _widgets(app.main))


def test_a_pin_reset_while_the_page_is_open_asks_for_a_new_one(store, tmp_path) -> None:
    course = Course(root=tmp_path, var=tmp_path / "var", trainees_csv=tmp_path / "lop.csv")
    write_trainees(course.trainees_csv, [Trainee("hv01", "Nguyễn Thị Thu", "thong_nhat")])
    set_pin("hv01", "2468", store)
    app = ExerciseApp(course, store)
    app.show_pin(read_trainees(course.trainees_csv)[0])
    assert not _has(app, "tdp-input-ma_pin_lai")  # a PIN is set: type it

    reset_pin("hv01", store)  # the trainer, meanwhile
    _one(app, "tdp-input-ma_pin").value = "2468"
    _one(app, "tdp-pin-next").click()
    assert app.trainee is None and not has_pin("hv01", store)  # the old PIN opens nothing
    assert _has(app, "tdp-input-ma_pin_lai")  # asked to set a new one

    _one(app, "tdp-input-ma_pin").value = "9753"
    _one(app, "tdp-input-ma_pin_lai").value = "9753"
    _one(app, "tdp-pin-next").click()
    assert app.trainee is not None and app.trainee.id == "hv01"
    assert pin_matches("hv01", "9753", store)
