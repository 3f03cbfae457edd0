"""Opening the store, and write transactions that lose nothing when processes race.

SQLite: WAL journal (readers never block the writer), `BEGIN IMMEDIATE` for writes (the
write lock is taken up front, so two writers never both read-then-write), a busy timeout,
and a bounded retry when the lock is still held. Other databases use their own locking.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from tdp.errors import TdpError
from tdp.paths import database_url
from tdp.store.schema import Base

T = TypeVar("T")

_BUSY_TIMEOUT_MS = 30_000
_WRITE_RETRIES = 8


def _is_sqlite(url: str) -> bool:
    return url.startswith("sqlite")


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:  # DBAPI types
        dbapi_connection.isolation_level = None  # we emit BEGIN ourselves, below
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        mode = connection.get_execution_options().get("tdp_begin", "BEGIN")
        connection.exec_driver_sql(mode)


class Store:
    """A database holding the registry, the filings and (later) practice and support data."""

    def __init__(self, url: str):
        self.url = url
        self.registry_ready = False  # set once the registry is known to be seeded
        if _is_sqlite(url):
            path = url.split("///", 1)[-1]
            if path and path != ":memory:":
                Path(path).parent.mkdir(parents=True, exist_ok=True)
            self.engine = create_engine(url, connect_args={"timeout": _BUSY_TIMEOUT_MS / 1000})
            _configure_sqlite(self.engine)
            writer: Engine = self.engine.execution_options(tdp_begin="BEGIN IMMEDIATE")
        else:
            self.engine = create_engine(url, pool_pre_ping=True)
            writer = self.engine
        self._read = sessionmaker(self.engine, expire_on_commit=False)
        self._write = sessionmaker(writer, expire_on_commit=False)
        self._create_tables()

    def _create_tables(self) -> None:
        def create(_session: Session) -> None:
            Base.metadata.create_all(_session.connection())

        self.write(create)

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A read-only session (a consistent snapshot under WAL)."""
        with self._read() as session, session.begin():
            yield session

    def write(self, work: Callable[[Session], T]) -> T:
        """Run `work` in one write transaction, retrying if the database stays locked.

        `work` must be safe to re-run: it is called again from scratch after a rollback.
        """
        delay = 0.05
        for attempt in range(_WRITE_RETRIES):
            try:
                with self._write() as session, session.begin():
                    return work(session)
            except OperationalError as exc:
                locked = "locked" in str(exc).lower() or "busy" in str(exc).lower()
                if not locked or attempt == _WRITE_RETRIES - 1:
                    raise
                time.sleep(delay)
                delay = min(delay * 2, 2.0)
        raise TdpError("Cơ sở dữ liệu đang bận, thử lại sau ít phút")  # pragma: no cover

    def dispose(self) -> None:
        self.engine.dispose()


_STORES: dict[str, Store] = {}


def open_store(url: str | None = None) -> Store:
    """The store at `url` (`--db`), `TDP_DATABASE_URL` or `var/tdp.sqlite`; one per process."""
    resolved = database_url(url)
    if resolved not in _STORES:
        _STORES[resolved] = Store(resolved)
    return _STORES[resolved]
