"""Fixtures for the printout tests: a copy of course/ to edit, and a small class."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))  # pdfcheck.py, classdata.py

from pdfcheck import ROOT  # noqa: E402


@pytest.fixture
def course_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of `course/` made the course folder (TDP_COURSE_DIR), to edit in a test."""
    target = tmp_path / "course"
    shutil.copytree(ROOT / "course", target)
    monkeypatch.setenv("TDP_COURSE_DIR", str(target))  # the catalog is cached per folder
    return target


@pytest.fixture
def classroom(db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The small class of `classdata.py` as the class list; a fresh `var/` (from `db_url`);
    no gradebook yet. Returns the folder of the test's files."""
    from classdata import write_class

    folder = tmp_path / "lop"
    folder.mkdir()
    monkeypatch.setenv("TDP_TRAINEES_CSV", str(write_class(folder / "trainees.csv")))
    monkeypatch.setenv("TDP_GRADEBOOK_URL", f"sqlite:///{folder / 'khong_co.db'}")
    return folder
