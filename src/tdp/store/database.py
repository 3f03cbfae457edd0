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

from sqlalchemy import URL, Connection, Engine, create_engine, event, make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from tdp.errors import InputError, TdpError
from tdp.paths import database_url, default_database_url
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

    def __init__(self, url: str, *, create_folder: bool = False):
        """`create_folder`: make the SQLite file's folder if missing (only for the default
        `var/tdp.sqlite`: a store the user named must not appear where they did not ask)."""
        self.url = url
        self.registry_ready = False  # set once the registry is known to be seeded
        parsed = parse_url(url)
        if _is_sqlite(url):
            path = parsed.database
            if path and path != ":memory:" and not path.startswith("file:"):
                folder = Path(path).parent
                if create_folder:
                    folder.mkdir(parents=True, exist_ok=True)
                elif not folder.is_dir():
                    raise InputError(f"Cơ sở dữ liệu '{url}': không có thư mục '{folder}' "
                                     "(tạo thư mục trước, hoặc kiểm tra lại đường dẫn)")
            self.engine = create_engine(url, connect_args={"timeout": _BUSY_TIMEOUT_MS / 1000})
            _configure_sqlite(self.engine)
            writer: Engine = self.engine.execution_options(tdp_begin="BEGIN IMMEDIATE")
        else:
            self.engine = create_engine(url, pool_pre_ping=True)
            writer = self.engine
        self._read = sessionmaker(self.engine, expire_on_commit=False)
        self._write = sessionmaker(writer, expire_on_commit=False)
        try:
            self._create_tables()
        except OperationalError as exc:
            self.engine.dispose()
            first = str(exc.orig).strip().splitlines()[0][:160] if exc.orig else ""
            raise InputError(f"Không mở được cơ sở dữ liệu '{parsed.render_as_string()}'"
                             f" ({first})") from None

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


def parse_url(url: str) -> URL:
    """A database URL, checked: a clear Vietnamese line for anything SQLAlchemy cannot use
    (`--db garbage`, an unknown or uninstalled driver)."""
    from sqlalchemy.dialects import registry

    example = "ví dụ sqlite:///var/tdp.sqlite hoặc postgresql+psycopg://người_dùng@máy/tên"
    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError):
        raise InputError(f"Địa chỉ cơ sở dữ liệu '{url}' không hợp lệ ({example})") from None
    shown = parsed.render_as_string()  # the password, if any, as ***
    try:
        registry.load(parsed.drivername.replace("+", "."))
    except NoSuchModuleError:
        raise InputError(f"Địa chỉ cơ sở dữ liệu '{shown}': không hỗ trợ loại "
                         f"'{parsed.drivername}' ({example})") from None
    try:
        parsed.get_dialect().import_dbapi()
    except ImportError:
        raise InputError(f"Địa chỉ cơ sở dữ liệu '{shown}': máy chưa cài trình điều khiển "
                         f"cho '{parsed.drivername}' ({example})") from None
    return parsed


def open_store(url: str | None = None) -> Store:
    """The store at `url` (`--db`), `TDP_DATABASE_URL` or `var/tdp.sqlite`; one per process."""
    resolved = database_url(url)
    if resolved not in _STORES:
        _STORES[resolved] = Store(resolved, create_folder=resolved == default_database_url())
    return _STORES[resolved]
