"""Each hub account's own part of the `tdp` store: a PostgreSQL role and a schema of its own.

A trainee's kernel can read its server's environment, so whatever database address the
server gets, the trainee's code gets too. The address is therefore the account's own role,
whose tables (the store's: registry, filings, drafts, support log) live in the schema of the
same name, which only that role may use. PostgreSQL itself refuses the rest: the other
accounts' schemas and the `public` schema (no USAGE), the hub's other databases (no
CONNECT), the other roles (passwords: the server must not trust TCP connections).

Why a schema per account and not row-level security on shared tables: filings change the
registry (a birth adds the child, a death marks the person) and drafts are keyed by the
resident, not the trainee, so every table would need an owner column and policies, and the
registry a per-trainee copy anyway; with a schema the store's code is unchanged and each
trainee's portal is a world of its own, seeded on first use as on a laptop. The course's
catalog is files, read from the course folder, not from the database.

Passwords are kept nowhere: each is an HMAC of the account name under a key in the hub's
folder (private to root, as its other secrets), so the hub gives the same address after a
restart, and `tdp hub` can (re)create the role at any time. Every other role the hub makes (a
class's gradebook role, `tdp.hub.gradebook_access`) gets its password and its rules here too.
Each role has a CONNECTION LIMIT: a hostile kernel cannot take the server's max_connections.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import re
import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.exc import OperationalError

from tdp.errors import InputError
from tdp.hub.settings import HubSettings

KEY_FILE = "store_role_key"
_NAME = re.compile(r"[a-z][a-z0-9_]{0,62}")
# Every cluster has them, and PostgreSQL lets every role connect to them by default.
MAINTENANCE_DATABASES = ("postgres", "template1")


def write_secret(path: Path) -> None:
    """A new random secret in `path`, readable by its owner (root) only."""
    path.touch(mode=0o600)
    path.chmod(0o600)
    path.write_text(secrets.token_hex(32))


@dataclass(frozen=True)
class StoreAccess:
    """The store's admin address, the hub's prefix and the passwords' key: what makes and
    names each account's part (one server's `tdp hub`, or the Helm chart's hub)."""

    store_url: str  # the admin's, pointing at the store's database
    prefix: str
    key_file: Path
    connection_limit: int = HubSettings.model_fields["connections_per_account"].default

    @classmethod
    def of(cls, settings: HubSettings) -> StoreAccess:
        return cls(settings.store_url, settings.prefix, settings.dir / KEY_FILE,
                   settings.connections_per_account)

    def role(self, username: str) -> str:
        """`lop-tn-12-03` in a hub with prefix `tdp` → `tdp_lop_tn_12_03` (roles are shared
        by every database of the server, so the hub's prefix keeps two hubs apart)."""
        name = f"{self.prefix}_{username.replace('-', '_')}"
        if not _NAME.fullmatch(name):
            raise InputError(f"Không đặt được tên vai trò cơ sở dữ liệu cho tài khoản "
                             f"'{username}'")
        return name

    def password(self, label: str) -> str:
        """The password of the role `label` names: an account's name (its store role), or
        another label of the hub's (never a possible account name: those fit `role`)."""
        if not self.key_file.is_file():  # a hub set up by an older version: made now
            write_secret(self.key_file)
        key = self.key_file.read_bytes().strip()
        return hmac.new(key, label.encode(), hashlib.sha256).hexdigest()

    def url_for(self, username: str) -> str:
        """The store's address the account's own server (and so its kernels) gets."""
        url = make_url(self.store_url).set(username=self.role(username),
                                           password=self.password(username))
        return url.render_as_string(hide_password=False)

    def ensure(self, username: str) -> None:
        """The account's role (its password, its connection limit) and schema in the store,
        as the hub says. Called when the account is made and before each start of its
        server (an account made by an older version gets them then; a password the role
        changed itself is put back)."""
        role = self.role(username)
        store = make_url(self.store_url).database
        with admin_connection(self.store_url) as conn:
            ensure_login_role(conn, role, self.password(username), self.connection_limit)
            conn.execute(text(f'GRANT CONNECT ON DATABASE "{store}" TO "{role}"'))
            conn.execute(text(f'CREATE SCHEMA IF NOT EXISTS "{role}" AUTHORIZATION "{role}"'))
            conn.execute(text(f'ALTER ROLE "{role}" IN DATABASE "{store}" '
                              f'SET search_path = "{role}"'))

    def lock_down(self, *urls: str) -> None:
        """Nobody connects to the hub's databases (`urls`) nor to the cluster's maintenance
        databases but whom the hub names (and the admin); in the store, nobody uses the
        `public` schema (PostgreSQL grants all three to every role by default)."""
        with admin_connection(self.store_url) as conn:
            superuser = conn.execute(text(
                "SELECT rolsuper FROM pg_roles WHERE rolname = current_user")).scalar()
            for name in MAINTENANCE_DATABASES:
                if not superuser:  # an admin that is not a superuser keeps its way in
                    conn.execute(text(f'GRANT CONNECT ON DATABASE "{name}" TO CURRENT_USER'))
                conn.execute(text(f'REVOKE CONNECT, TEMPORARY ON DATABASE "{name}" FROM PUBLIC'))
            for url in urls:
                conn.execute(text(f'REVOKE CONNECT, TEMPORARY ON DATABASE '
                                  f'"{make_url(url).database}" FROM PUBLIC'))
            conn.execute(text("REVOKE ALL ON SCHEMA public FROM PUBLIC"))


@contextlib.contextmanager
def admin_connection(url: str) -> Iterator[Connection]:
    """An autocommit connection with the admin's address `url` (roles, grants, owners)."""
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        try:
            conn = engine.connect()
        except OperationalError as exc:
            raise InputError(f"Không kết nối được PostgreSQL bằng địa chỉ quản trị của hub "
                             f"({type(exc.orig).__name__}): kiểm tra máy chủ PostgreSQL và "
                             "các địa chỉ trong hub.yaml") from None
        with conn:
            yield conn
    finally:
        engine.dispose()


def ensure_login_role(conn: Connection, role: str, password: str, limit: int) -> None:
    """`role` logs in with `password`, at most `limit` sessions at once, with no rights of
    its own beyond logging in (made, or put back as the hub says)."""
    exists = conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": role}).first()
    conn.execute(text(  # the password is hex and the limit an int: safe inside the literal
        f'{"ALTER" if exists else "CREATE"} ROLE "{role}" WITH LOGIN PASSWORD '
        f"'{password}' CONNECTION LIMIT {int(limit)} "
        "NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS"))
