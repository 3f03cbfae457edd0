"""Browser tests: the real app (`tdp app`) on a free port, driven by Debian's Chromium.

One app server for the session, with its own copy of a seeded store and its own var dir;
`app_server.restart()` stops and starts it on the same port and store (drafts test).
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]
TIMEOUT_MS = 90_000  # two shared cores: kernels start slowly

sys.path.insert(0, str(ROOT / "tests"))  # tests/builders.py
sys.path.insert(0, str(Path(__file__).parent))  # driver.py, appserver.py

from appserver import AppServer  # noqa: E402


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def seeded_db(template_db: Path) -> Path:
    """The suite's seeded store (tests/conftest.py); each server works on a copy."""
    return template_db


@pytest.fixture(scope="session")
def app_server(seeded_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[AppServer]:
    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium chưa được cài: chạy 'make browser' (make test tự cài)")
    work = tmp_path_factory.mktemp("app")
    db = work / "tdp.sqlite"
    shutil.copy(seeded_db, db)
    server = AppServer(work, f"sqlite:///{db}")
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def store(app_server: AppServer) -> Any:
    from tdp.store import database

    st = database.Store(app_server.db_url)
    yield st
    st.dispose()


@pytest.fixture(scope="session")
def people(store: Any) -> list[dict]:
    from tdp.registry.store import RegistryRepo

    with store.reading() as session:
        return [p.to_json() for p in RegistryRepo(session).all()]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Per module: a live sync Playwright holds the thread's asyncio loop, so it must end
    before other folders' tests (lessons, grading, dashboard) start their own."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Any, request: pytest.FixtureRequest) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="vi-VN")
    context.set_default_timeout(TIMEOUT_MS)
    pg = context.new_page()
    pg.requests_seen = []  # type: ignore[attr-defined]
    pg.on("request", lambda r: pg.requests_seen.append(r.url))
    yield pg
    context.close()


@pytest.fixture
def today() -> date:
    from tdp.dates import now_local

    return now_local().date()


@pytest.fixture(autouse=True, scope="session")
def _expect_timeout() -> None:
    from playwright.sync_api import expect

    expect.set_options(timeout=TIMEOUT_MS)
