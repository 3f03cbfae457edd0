"""Trainee and trainer accounts of the province hub.

Trainees are not programmers: the trainer's class import creates their account and gives each
a short password that is easy to type on a phone; a forgotten password is reset by the
trainer. Passwords are kept only as scrypt hashes (hashlib, the standard library's vetted
KDF), in the accounts database, which only the hub process can reach: trainees' own servers
get the store's address, never this one.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import unicodedata
from dataclasses import dataclass

from sqlalchemy import Column, MetaData, String, Table, create_engine, select
from sqlalchemy.engine import Engine

from tdp.errors import InputError

_metadata = MetaData()
accounts = Table(
    "hub_accounts", _metadata,
    Column("username", String(40), primary_key=True),
    Column("ho_ten", String(200), nullable=False),
    Column("class_id", String(40), nullable=False),
    Column("role", String(20), nullable=False),  # hoc_vien | giang_vien | tinh
    Column("password_hash", String(200), nullable=False),
)

ROLES = ("hoc_vien", "giang_vien", "tinh")  # trainee, trainer, province staff
# No 0/O or 1/l/I: read aloud or copied from a printed class list without mistakes.
_PASSWORD_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
PASSWORD_LENGTH = 8
_SCRYPT = {"n": 2**14, "r": 8, "p": 1}


@dataclass(frozen=True)
class Account:
    username: str
    ho_ten: str
    class_id: str
    role: str


def new_password() -> str:
    return "".join(secrets.choice(_PASSWORD_ALPHABET) for _ in range(PASSWORD_LENGTH))


def _hash(password: str, salt: bytes) -> str:
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, **_SCRYPT, dklen=32)
    return f"scrypt${salt.hex()}${digest.hex()}"


def _matches(password: str, stored: str) -> bool:
    try:
        _, salt, _ = stored.split("$")
        expected = _hash(password, bytes.fromhex(salt))
    except ValueError:
        return False
    return hmac.compare_digest(expected, stored)


def username_for(class_id: str, number: int) -> str:
    """`lop_tn_12`, 3 → `lop-tn-12-03`: ASCII, also a valid system account name."""
    return f"{class_id.replace('_', '-')}-{number:02d}"


class AccountBook:
    """The accounts table, on the database the settings name (PostgreSQL in a province)."""

    def __init__(self, url: str) -> None:
        self.engine: Engine = create_engine(url, pool_pre_ping=True)
        _metadata.create_all(self.engine)

    def add(self, username: str, ho_ten: str, class_id: str, role: str) -> str:
        """Create the account and return its first password (shown once, to the trainer)."""
        if role not in ROLES:
            raise InputError(f"Vai trò '{role}' không có: chọn hoc_vien, giang_vien hoặc tinh")
        ho_ten = unicodedata.normalize("NFC", " ".join(ho_ten.split()))
        if not ho_ten:
            raise InputError("Thiếu họ tên của tài khoản")
        password = new_password()
        with self.engine.begin() as conn:
            if conn.execute(select(accounts.c.username)
                            .where(accounts.c.username == username)).first():
                raise InputError(f"Tài khoản '{username}' đã có")
            conn.execute(accounts.insert().values(
                username=username, ho_ten=ho_ten, class_id=class_id, role=role,
                password_hash=_hash(password, secrets.token_bytes(16))))
        return password

    def reset_password(self, username: str) -> str:
        password = new_password()
        with self.engine.begin() as conn:
            done = conn.execute(accounts.update().where(accounts.c.username == username)
                                .values(password_hash=_hash(password, secrets.token_bytes(16))))
            if done.rowcount != 1:
                raise InputError(f"Không có tài khoản '{username}'")
        return password

    def verify(self, username: str, password: str) -> Account | None:
        """The account when the password is right; None otherwise (same time either way)."""
        with self.engine.connect() as conn:
            row = conn.execute(select(accounts).where(
                accounts.c.username == username.strip().lower())).first()
        stored = row.password_hash if row else _hash("x", b"0" * 16)
        ok = _matches(password, stored)
        if row is None or not ok:
            return None
        return Account(row.username, row.ho_ten, row.class_id, row.role)

    def members(self, class_id: str | None = None) -> list[Account]:
        query = select(accounts).order_by(accounts.c.username)
        if class_id:
            query = query.where(accounts.c.class_id == class_id)
        with self.engine.connect() as conn:
            return [Account(r.username, r.ho_ten, r.class_id, r.role)
                    for r in conn.execute(query)]

    def dispose(self) -> None:
        self.engine.dispose()
