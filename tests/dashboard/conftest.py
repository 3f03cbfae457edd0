"""Dashboard fixtures: the fixture data of `dashboard_data.py` in a fresh store; the tiny
gradebook is made once per session (nbgrader starts `alembic` on every open: slow)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).parent))  # dashboard_data.py

import dashboard_data  # noqa: E402


@pytest.fixture(scope="session")
def course_files(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    folder = tmp_path_factory.mktemp("dashboard-course")
    return (dashboard_data.make_gradebook(folder / "gradebook.db"),
            dashboard_data.write_trainees(folder / "trainees.csv"))


@pytest.fixture
def filled(store: Any, course_files: tuple[str, Path],
           monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """The fixture data in the test's store; the dashboard's env points at its gradebook."""
    dashboard_data.add_support(store)
    dashboard_data.add_attempts(store)
    gradebook, trainees = course_files
    monkeypatch.setenv("TDP_GRADEBOOK_URL", gradebook)
    monkeypatch.setenv("TDP_TRAINEES_CSV", str(trainees))
    return {"store": store, "gradebook": gradebook, "trainees": trainees}
