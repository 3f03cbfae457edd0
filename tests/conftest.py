"""Shared fixtures: a fresh store per test (copied from one seeded template), the registry's
people as JSON, and builders of valid filings (see `tests/builders.py`)."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))  # tests/builders.py

from tdp.catalog import load_catalog  # noqa: E402
from tdp.engine import ensure_registry  # noqa: E402
from tdp.registry.store import RegistryRepo  # noqa: E402
from tdp.store import database  # noqa: E402


@pytest.fixture(scope="session", autouse=True)
def class_list_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The suite never writes the shipped `course/trainees.csv`: every test (and every `tdp`
    it runs) reads and writes a copy, through `TDP_TRAINEES_CSV` (tdp.paths)."""
    import os

    from tdp.paths import project_root

    shipped = project_root() / "course" / "trainees.csv"
    before = shipped.read_bytes() if shipped.is_file() else None
    copy = tmp_path_factory.mktemp("class-list") / "trainees.csv"
    if before is not None:
        copy.write_bytes(before)
    old = os.environ.get("TDP_TRAINEES_CSV")
    os.environ["TDP_TRAINEES_CSV"] = str(copy)
    yield copy
    if old is None:
        os.environ.pop("TDP_TRAINEES_CSV", None)
    else:
        os.environ["TDP_TRAINEES_CSV"] = old
    after = shipped.read_bytes() if shipped.is_file() else None
    assert after == before, "the test suite changed course/trainees.csv"


@pytest.fixture(scope="session")
def template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One seeded SQLite file; each test gets its own copy."""
    path = tmp_path_factory.mktemp("template") / "tdp.sqlite"
    store = database.Store(f"sqlite:///{path}")
    ensure_registry(store, load_catalog())
    with store.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    store.dispose()
    return path


@pytest.fixture
def db_url(template_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A fresh copy of the seeded store, made the default for the engine and the CLI."""
    path = tmp_path / "tdp.sqlite"
    shutil.copy(template_db, path)
    url = f"sqlite:///{path}"
    monkeypatch.setenv("TDP_DATABASE_URL", url)
    monkeypatch.setenv("TDP_VAR_DIR", str(tmp_path / "var"))
    yield url
    store = database._STORES.pop(url, None)
    if store is not None:
        store.dispose()


@pytest.fixture
def store(db_url: str) -> database.Store:
    return database.open_store(db_url)


@pytest.fixture(scope="session")
def people(template_db: Path) -> list[dict]:
    """The seeded registry as `tdp registry list --json` prints it."""
    store = database.Store(f"sqlite:///{template_db}")
    with store.reading() as session:
        data = [p.to_json() for p in RegistryRepo(session).all()]
    store.dispose()
    return data
