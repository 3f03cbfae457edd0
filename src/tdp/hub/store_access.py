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
restart, and `tdp hub` can (re)create the role at any time.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import Connection, make_url

from tdp.errors import InputError
from tdp.hub.settings import HubSettings

KEY_FILE = "store_role_key"
_NAME = re.compile(r"[a-z][a-z0-9_]{0,62}")


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

    @classmethod
    def of(cls, settings: HubSettings) -> StoreAccess:
        return cls(settings.store_url, settings.prefix, settings.dir / KEY_FILE)

    def role(self, username: str) -> str:
        """`lop-tn-12-03` in a hub with prefix `tdp` → `tdp_lop_tn_12_03` (roles are shared
        by every database of the server, so the hub's prefix keeps two hubs apart)."""
        name = f"{self.prefix}_{username.replace('-', '_')}"
        if not _NAME.fullmatch(name):
            raise InputError(f"Không đặt được tên vai trò cơ sở dữ liệu cho tài khoản "
                             f"'{username}'")
        return name

    def _password(self, username: str) -> str:
        if not self.key_file.is_file():  # a hub set up by an older version: made now
            write_secret(self.key_file)
        key = self.key_file.read_bytes().strip()
        return hmac.new(key, username.encode(), hashlib.sha256).hexdigest()

    def url_for(self, username: str) -> str:
        """The store's address the account's own server (and so its kernels) gets."""
        url = make_url(self.store_url).set(username=self.role(username),
                                           password=self._password(username))
        return url.render_as_string(hide_password=False)

    def _admin(self) -> Connection:
        return create_engine(self.store_url, isolation_level="AUTOCOMMIT").connect()

    def ensure(self, username: str) -> None:
        """The account's role (with its password) and schema in the store, unless both are
        there. Called when the account is made and before each start of its server (an
        account made by an older version gets them then)."""
        role = self.role(username)
        store = make_url(self.store_url).database
        conn = self._admin()
        try:
            if conn.execute(text(
                    "SELECT 1 FROM pg_namespace n JOIN pg_roles r ON n.nspowner = r.oid "
                    "WHERE n.nspname = :r AND r.rolname = :r AND r.rolcanlogin"),
                    {"r": role}).first():
                return
            password = self._password(username)  # hex: safe inside the literal
            exists = conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :r"),
                                  {"r": role}).first()
            conn.execute(text(
                f'{"ALTER" if exists else "CREATE"} ROLE "{role}" WITH LOGIN PASSWORD '
                f"'{password}' NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS"))
            conn.execute(text(f'GRANT CONNECT ON DATABASE "{store}" TO "{role}"'))
            conn.execute(text(f'CREATE SCHEMA IF NOT EXISTS "{role}" AUTHORIZATION "{role}"'))
            conn.execute(text(f'ALTER ROLE "{role}" IN DATABASE "{store}" '
                              f'SET search_path = "{role}"'))
        finally:
            conn.close()
            conn.engine.dispose()

    def lock_down(self, *urls: str) -> None:
        """Nobody connects to the hub's databases (`urls`) but whom the hub names; in the
        store, nobody uses the `public` schema (PostgreSQL grants both to every role by
        default)."""
        conn = self._admin()
        try:
            for url in urls:
                conn.execute(text(f'REVOKE CONNECT, TEMPORARY ON DATABASE '
                                  f'"{make_url(url).database}" FROM PUBLIC'))
            conn.execute(text("REVOKE ALL ON SCHEMA public FROM PUBLIC"))
        finally:
            conn.close()
            conn.engine.dispose()
