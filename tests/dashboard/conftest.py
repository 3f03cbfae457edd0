"""Dashboard fixtures: the fixture data of `dashboard_data.py` in a fresh store."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).parent))  # dashboard_data.py

import dashboard_data  # noqa: E402


@pytest.fixture
def filled(store: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """The fixture data in the test's store; the dashboard's env points at its gradebook."""
    gradebook, trainees = dashboard_data.populate(store, tmp_path / "course")
    monkeypatch.setenv("TDP_GRADEBOOK_URL", gradebook)
    monkeypatch.setenv("TDP_TRAINEES_CSV", str(trainees))
    return {"store": store, "gradebook": gradebook, "trainees": trainees}
