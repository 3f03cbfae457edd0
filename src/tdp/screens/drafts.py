"""Drafts ("Lưu nháp"): what a trainee typed, per trainee and procedure, kept in the store.

The screens save on every change and restore when the same trainee opens the same procedure
again, also after a server restart. The table is the screens' own (not the engine's schema).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, String, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

from tdp.dates import format_at, now_local
from tdp.store import Store, open_store


class DraftBase(DeclarativeBase):
    pass


class DraftRow(DraftBase):
    __tablename__ = "screen_drafts"

    owner: Mapped[str] = mapped_column(String(64), primary_key=True)
    procedure: Mapped[str] = mapped_column(String(64), primary_key=True)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    updated_at: Mapped[str] = mapped_column(String(16))


_READY: set[str] = set()


def ensure_tables(store: Store) -> None:
    if store.url in _READY:
        return

    def create(session: Session) -> None:
        DraftBase.metadata.create_all(session.connection())

    store.write(create)
    _READY.add(store.url)


def _store(store: Store | None) -> Store:
    store = store or open_store()
    ensure_tables(store)
    return store


def load_draft(owner: str, procedure: str, store: Store | None = None) -> dict[str, Any] | None:
    store = _store(store)
    with store.reading() as session:
        row = session.get(DraftRow, (owner, procedure))
        return dict(row.data) if row is not None else None


def save_draft(owner: str, procedure: str, data: dict[str, Any], store: Store | None = None,
               at: datetime | None = None) -> None:
    store = _store(store)
    stamp = format_at(at or now_local())

    def work(session: Session) -> None:
        row = session.get(DraftRow, (owner, procedure))
        if row is None:
            session.add(DraftRow(owner=owner, procedure=procedure, data=data, updated_at=stamp))
        else:
            row.data = data
            row.updated_at = stamp

    store.write(work)


def delete_draft(owner: str, procedure: str, store: Store | None = None) -> None:
    store = _store(store)

    def work(session: Session) -> None:
        row = session.get(DraftRow, (owner, procedure))
        if row is not None:
            session.delete(row)

    store.write(work)


def list_drafts(owner: str, store: Store | None = None) -> list[tuple[str, str]]:
    """(procedure, updated_at) of the trainee's drafts, newest first."""
    store = _store(store)
    with store.reading() as session:
        rows = session.scalars(select(DraftRow).where(DraftRow.owner == owner)
                               .order_by(DraftRow.updated_at.desc()))
        return [(r.procedure, r.updated_at) for r in rows]
