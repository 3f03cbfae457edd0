"""The start page's list is data: a card per existing notebook, trainer-only pages dropped
for the hall's Wi-Fi, lessons numbered from their file names and titled by their heading."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tdp.app.pages import load_site
from tdp.errors import InputError
from tdp.paths import project_root

NOTEBOOKS = project_root() / "notebooks"


def _lesson(folder: Path, name: str, heading: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    nb = {"cells": [{"cell_type": "markdown", "metadata": {}, "source": [heading]}],
          "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    (folder / name).write_text(json.dumps(nb), encoding="utf-8")


def test_the_course_start_page_lists_its_apps_and_lessons() -> None:
    site = load_site(NOTEBOOKS)
    paths = [p.path for p in site.pages]
    assert paths[:2] == ["cong", "luyen-tap"]
    assert "giang-vien" in paths and "giang-vien" not in [p.path for p in site.for_lan().pages]
    lessons = sorted(NOTEBOOKS.glob("lessons/bai_hoc_*.ipynb"))
    assert [p.path for p in site.lessons] == [f"bai-hoc/{i}" for i in range(1, len(lessons) + 1)]
    assert all(p.description and ".ipynb" not in p.description for p in site.lessons)
    assert ("bai-tap" in paths) == (NOTEBOOKS / "app" / "bai_tap.ipynb").is_file()


def test_a_card_shows_only_when_its_notebook_exists(tmp_path: Path) -> None:
    (tmp_path / "app").mkdir()
    shutil.copy(NOTEBOOKS / "app" / "thuc_hanh.ipynb", tmp_path / "app" / "thuc_hanh.ipynb")
    _lesson(tmp_path / "lessons", "bai_hoc_10_x.ipynb", "# Học phần 10. Mười")
    _lesson(tmp_path / "lessons", "bai_hoc_2_y.ipynb", "# Học phần 2. Hai: chi tiết")
    site = load_site(tmp_path)
    assert [p.path for p in site.apps] == ["cong"]
    assert [(p.path, p.title, p.description) for p in site.lessons] == [
        ("bai-hoc/2", "Bài học 2", "Hai: chi tiết"), ("bai-hoc/10", "Bài học 10", "Mười")]
    (tmp_path / "app" / "bai_tap.ipynb").write_text("{}", encoding="utf-8")
    assert "bai-tap" in [p.path for p in load_site(tmp_path).apps]


def test_a_broken_pages_file_is_one_vietnamese_line(tmp_path: Path) -> None:
    bad = tmp_path / "app_pages.yaml"
    bad.write_text("pages: [{path: 'Có Dấu', title: x}]\n", encoding="utf-8")
    with pytest.raises(InputError, match="chưa đúng"):
        load_site(NOTEBOOKS, bad)
