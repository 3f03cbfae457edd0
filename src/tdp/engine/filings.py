"""Recording accepted filings: receipt codes, status history, the simulated officer."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from tdp.dates import format_at
from tdp.engine.context import CheckContext
from tdp.engine.statuses import FINAL, NEXT_STATUS, STATUSES
from tdp.errors import InputError
from tdp.registry.store import RegistryRepo
from tdp.store import Store, open_store
from tdp.store.schema import FilingRow, ReceiptCounterRow, StatusEventRow


def next_receipt(session: Session, agency: str, at: datetime) -> str:
    """`<agency>-<YYMMDD>-<NNNN>`: the submission day and a sequence per agency per day.

    Runs inside the submitting write transaction, which holds the write lock, so two
    processes can never take the same number."""
    day = at.strftime("%y%m%d")
    counter = session.scalar(
        select(ReceiptCounterRow).where(ReceiptCounterRow.agency == agency,
                                        ReceiptCounterRow.day == day).with_for_update())
    if counter is None:
        counter = ReceiptCounterRow(agency=agency, day=day, last=0)
        session.add(counter)
    counter.last += 1
    session.flush()
    return f"{agency}-{day}-{counter.last:04d}"


def record_filing(
    session: Session, ctx: CheckContext, result: Any, owner: str | None
) -> tuple[str, dict[str, Any]]:
    """Store an accepted filing with status 1, apply its result; return (receipt, changes)."""
    from tdp.engine.effects import apply_effects

    commune = ctx.catalog.wards.commune(ctx.filing["co_quan"])
    receipt = next_receipt(session, commune.agency_code, ctx.at)  # type: ignore[union-attr]
    changes = apply_effects(ctx, RegistryRepo(session), receipt)
    row = FilingRow(
        receipt=receipt, procedure=ctx.procedure.id, co_quan=ctx.filing["co_quan"],
        submitted_at=format_at(ctx.at), appointment=result.appointment.isoformat(),
        fee=result.fee, late=result.late, status=1, filing=ctx.filing, result=changes,
        owner=owner,
    )
    session.add(row)
    session.flush()
    session.add(StatusEventRow(filing_id=row.id, status=1, at=format_at(ctx.at),
                               note="Hồ sơ nộp trực tuyến"))
    return receipt, changes


@dataclass
class FilingView:
    receipt: str
    procedure: str
    co_quan: str
    submitted_at: str
    appointment: str
    fee: int
    late: bool
    status: int
    owner: str | None
    filing: dict[str, Any]
    result: dict[str, Any]
    history: list[dict[str, Any]]

    def to_json(self) -> dict[str, Any]:
        data = dict(self.__dict__)
        data["status_name"] = STATUSES[self.status]
        return data


def _view(session: Session, row: FilingRow) -> FilingView:
    events = session.scalars(select(StatusEventRow).where(StatusEventRow.filing_id == row.id)
                             .order_by(StatusEventRow.id))
    history = [{"status": e.status, "status_name": STATUSES[e.status], "at": e.at,
                "note": e.note} for e in events]
    return FilingView(row.receipt, row.procedure, row.co_quan, row.submitted_at,
                      row.appointment, row.fee, row.late, row.status, row.owner, row.filing,
                      row.result, history)


def get_filing(receipt: str, store: Store | None = None) -> FilingView:
    store = store or open_store()
    with store.reading() as session:
        row = session.scalar(select(FilingRow).where(FilingRow.receipt == receipt))
        if row is None:
            raise InputError(f"Không có hồ sơ mã '{receipt}'")
        return _view(session, row)


def list_filings(owner: str | None = None, store: Store | None = None) -> list[FilingView]:
    """Filings, newest first; only `owner`'s when given ("Dịch vụ công của tôi")."""
    store = store or open_store()
    with store.reading() as session:
        query = select(FilingRow).order_by(FilingRow.id.desc())
        if owner is not None:
            query = query.where(FilingRow.owner == owner)
        return [_view(session, row) for row in session.scalars(query)]


def advance(
    at: datetime, receipt: str | None = None, to: int | None = None, note: str = "",
    store: Store | None = None,
) -> list[FilingView]:
    """The simulated officer moves a file (or every open file) one step on, or to `to`."""
    if to is not None and to not in STATUSES:
        raise InputError(f"Mã trạng thái {to} không có; dùng 1–10")
    store = store or open_store()

    def work(session: Session) -> list[FilingView]:
        query = select(FilingRow).where(FilingRow.status.not_in(FINAL))
        if receipt:
            query = select(FilingRow).where(FilingRow.receipt == receipt)
        rows = list(session.scalars(query.order_by(FilingRow.id)))
        if receipt and not rows:
            raise InputError(f"Không có hồ sơ mã '{receipt}'")
        moved = []
        for row in rows:
            target = to if to is not None else NEXT_STATUS.get(row.status)
            if target is None or row.status in FINAL:
                continue
            row.status = target
            session.add(StatusEventRow(filing_id=row.id, status=target, at=format_at(at),
                                       note=note or "Cán bộ (mô phỏng) xử lý"))
            session.flush()
            moved.append(_view(session, row))
        return moved

    return store.write(work)
