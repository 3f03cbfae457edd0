"""Fixtures for the practice tests: one reference registry (a copy of the seeded template)
shared by every test that only reads, and an environment for running `tdp` itself."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

from tdp.store import database

VENV_TDP = Path(sys.executable).parent / "tdp"


@pytest.fixture(scope="session")
def ref_store(template_db: Path, tmp_path_factory: pytest.TempPathFactory) -> database.Store:
    """The registry scoring reads; never written to by these tests."""
    path = tmp_path_factory.mktemp("practice") / "reference.sqlite"
    shutil.copy(template_db, path)
    store = database.Store(f"sqlite:///{path}")
    yield store
    store.dispose()


@pytest.fixture(scope="session")
def ref_url(ref_store: database.Store) -> str:
    return ref_store.url


@pytest.fixture
def cli_env(db_url: str, ref_url: str, tmp_path: Path) -> dict[str, str]:
    """Environment for `tdp` in a subprocess: a fresh store and the shared reference registry."""
    env = dict(os.environ)
    env.update(TDP_DATABASE_URL=db_url, TDP_PRACTICE_DATABASE_URL=ref_url,
               TDP_VAR_DIR=str(tmp_path / "var"), PYTHONIOENCODING="utf-8")
    return env
