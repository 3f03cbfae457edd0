"""The words screens and lessons show live in course/vocabulary.vi.yaml under codes."""

from __future__ import annotations

import shutil

from tdp.catalog import (
    LEVEL_NAMES,
    SERVICE_LEVEL_NAMES,
    SERVICE_LEVELS,
    STATUS_MEANING,
    check_catalog,
    load_catalog,
)
from tdp.engine import STATUSES
from tdp.paths import course_dir
from tdp.screens.steps import step_text


def test_the_words_come_from_the_vocabulary() -> None:
    vocabulary = load_catalog().vocabulary
    assert dict(STATUSES) == {k: v.name for k, v in vocabulary.statuses.items()}
    assert list(STATUSES) == list(range(1, 11)) and STATUSES[10] == "Đã trả kết quả"
    assert set(STATUS_MEANING) == set(STATUSES)
    assert SERVICE_LEVELS["toan_trinh"] == "Toàn trình (trước đây: mức độ 4)"
    assert SERVICE_LEVEL_NAMES["mot_phan"] == "Một phần"
    assert list(LEVEL_NAMES.values()) == ["Cơ bản", "Trung bình", "Nâng cao"]


def test_the_portal_steps_read_as_before() -> None:
    catalog = load_catalog()
    assert step_text(catalog, "to_khai") == "Bước 1 trên 4: Tờ khai"
    assert step_text(catalog, "giay_to", "Đăng ký khai sinh") == (
        "Đăng ký khai sinh — Bước 2 trên 4. Chọn các giấy tờ người dân có (bản chụp hoặc "
        "bản quét) để đính kèm.")
    assert step_text(catalog, "kiem_tra", "X") == (
        "X — Bước 3 trên 4. Đọc lại cùng người dân; bấm «Sửa» để thay đổi.")
    assert step_text(catalog, "thanh_toan", "X") == "X — Bước 4 trên 4."


def test_a_broken_vocabulary_is_reported(tmp_path) -> None:
    course = tmp_path / "course"
    shutil.copytree(course_dir(), course)
    path = course / "vocabulary.vi.yaml"
    text = path.read_text(encoding="utf-8").replace("  10: {name: Đã trả kết quả", "  11: {name: X")
    path.write_text(text, encoding="utf-8")
    problems = [p for p in check_catalog(course) if p.file.endswith("vocabulary.vi.yaml")]
    assert problems and "10 trạng thái" in problems[0].message
