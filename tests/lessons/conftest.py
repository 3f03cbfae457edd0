"""Fixtures for the lessons: a seeded store of their own (a copy of the session template), so
that running the lesson notebooks never touches `var/` of the checkout."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from lesson_pages import ROOT


@pytest.fixture(scope="session")
def lesson_env(template_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict]:
    """Environment for kernels and servers: a private database and var/ directory."""
    base = tmp_path_factory.mktemp("lessons")
    db = base / "tdp.sqlite"
    shutil.copy(template_db, db)
    env = {"TDP_DATABASE_URL": f"sqlite:///{db}", "TDP_VAR_DIR": str(base / "var"),
           "TDP_ROOT": str(ROOT)}
    with pytest.MonkeyPatch.context() as mp:
        for key, value in env.items():
            mp.setenv(key, value)
        yield env
