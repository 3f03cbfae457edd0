"""Browser tests: the real app (`tdp app`) on a free port, driven by Debian's Chromium.

One app server for the session, with its own copy of a seeded store and its own var dir;
`app_server.restart()` stops and starts it on the same port and store (drafts test).
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
TDP = Path(sys.executable).with_name("tdp")
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]
APP_PATH = "/voila/render/thuc_hanh.ipynb"
ARTIFACTS = ROOT / "test-artifacts" / "browser"
TIMEOUT_MS = 90_000  # two shared cores: kernels start slowly

sys.path.insert(0, str(ROOT / "tests"))  # tests/builders.py


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.browser)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class AppServer:
    """`tdp app` as a subprocess; the log goes to a file the tests can read."""

    def __init__(self, workdir: Path, db_url: str, lan: bool = False, token: str = ""):
        self.workdir = workdir
        self.db_url = db_url
        self.port = free_port()
        self.lan = lan
        self.token = token
        self.proc: subprocess.Popen | None = None
        self.log_path = workdir / f"app-{self.port}.log"

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def url(self) -> str:
        return self.base + APP_PATH + (f"?token={self.token}" if self.token else "")

    def start(self) -> None:
        env = dict(os.environ, TDP_DATABASE_URL=self.db_url,
                   TDP_VAR_DIR=str(self.workdir / "var"), PYTHONUNBUFFERED="1")
        args = [str(TDP), "app", "--port", str(self.port)]
        if self.lan:
            args += ["--lan", "--token", self.token]
        log = self.log_path.open("ab")
        self.proc = subprocess.Popen(args, cwd=ROOT, env=env, stdout=log,
                                     stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"tdp app exited: {self.log_path.read_text()[-2000:]}")
            try:
                with urllib.request.urlopen(self.base + "/voila/static/tdp.css", timeout=5):
                    return
            except OSError:
                time.sleep(0.3)  # polling for the server to listen, not a timed assert
        raise RuntimeError("tdp app did not start")

    def stop(self) -> None:
        if self.proc is None:
            return
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=10)
        self.proc = None

    def restart(self) -> None:
        self.stop()
        self.start()


@pytest.fixture(scope="session")
def seeded_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from tdp.catalog import load_catalog
    from tdp.portal.engine import ensure_registry
    from tdp.store import database

    path = tmp_path_factory.mktemp("browser-db") / "tdp.sqlite"
    store = database.Store(f"sqlite:///{path}")
    ensure_registry(store, load_catalog())
    with store.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    store.dispose()
    return path


@pytest.fixture(scope="session")
def app_server(seeded_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[AppServer]:
    if not Path(CHROMIUM).exists():
        pytest.skip("Chromium chưa được cài (make browser)")
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


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
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
