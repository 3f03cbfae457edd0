"""The course root follows the working directory the way nbgrader's does, `TDP_ROOT` wins."""

from __future__ import annotations

from pathlib import Path

import pytest

from tdp import paths


@pytest.fixture
def course(tmp_path: Path) -> Path:
    root = tmp_path / "khoa"
    (root / "a" / "b").mkdir(parents=True)
    (root / "nbgrader_config.py").write_text("c = get_config()\n", encoding="utf-8")
    return root


def test_the_folder_holding_nbgrader_config_is_found_upward(course, monkeypatch) -> None:
    monkeypatch.delenv("TDP_ROOT", raising=False)
    monkeypatch.chdir(course / "a" / "b")
    assert paths.project_root() == course.resolve()
    monkeypatch.delenv("TDP_TRAINEES_CSV", raising=False)
    assert paths.trainees_csv() == course.resolve() / "course" / "trainees.csv"


def test_tdp_root_wins(course, tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(course)
    monkeypatch.setenv("TDP_ROOT", str(tmp_path))
    assert paths.project_root() == tmp_path.resolve()


def test_outside_any_course_the_installed_checkout(tmp_path, monkeypatch) -> None:
    monkeypatch.delenv("TDP_ROOT", raising=False)
    monkeypatch.chdir(tmp_path)
    if paths.find_course_root(tmp_path) is None:
        assert paths.project_root() == paths.PACKAGE_DIR.parents[1]
