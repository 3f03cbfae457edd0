"""Keeping and reading the support log in the store."""

from __future__ import annotations

import weakref
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy import Select, func, insert, select
from sqlalchemy.orm import Session

from tdp.dates import format_at, now_local
from tdp.errors import InputError
from tdp.store import Store, open_store
from tdp.support.choices import SupportChoices
from tdp.support.model import FIELDS, SupportRecord, validate_record
from tdp.support.tables import SupportBase, SupportImportRow, SupportRecordRow

if TYPE_CHECKING:
    import pandas as pd

_READY: weakref.WeakSet[Store] = weakref.WeakSet()


def ensure_tables(store: Store) -> Store:
    """Create the support tables in `store` if they are missing (once per store object)."""
    if store not in _READY:
        store.write(lambda session: SupportBase.metadata.create_all(session.connection()))
        _READY.add(store)
    return store


def _store(store: Store | None) -> Store:
    return ensure_tables(store or open_store())


def _row(record: SupportRecord, created_at: str, import_id: int | None) -> dict[str, Any]:
    data = {f: getattr(record, f) for f in FIELDS}
    data["ngay"] = record.ngay.isoformat()
    data["created_at"] = created_at
    data["import_id"] = import_id
    return data


def _record(row: SupportRecordRow) -> SupportRecord:
    values = {f: getattr(row, f) for f in FIELDS}
    values["ngay"] = date.fromisoformat(row.ngay)
    return SupportRecord.model_construct(id=row.id, **values)  # stored rows are valid


def add_record(
    data: Mapping[str, Any] | SupportRecord,
    *,
    store: Store | None = None,
    choices: SupportChoices | None = None,
    today: date | None = None,
) -> SupportRecord:
    """Validate and keep one record (the app's form calls this). Returns it with its `id`;
    raises `SupportValidationError` (every problem, in Vietnamese) and keeps nothing."""
    record = validate_record(data, choices, today=today)
    created = format_at(now_local())

    def write(session: Session) -> int:
        row = SupportRecordRow(**_row(record, created, None))
        session.add(row)
        session.flush()
        return row.id

    new_id = _store(store).write(write)
    return record.model_copy(update={"id": new_id})


def add_records(
    records: Iterable[SupportRecord],
    *,
    store: Store | None = None,
    source: tuple[str, str] | None = None,
) -> int:
    """Keep already validated records in one transaction; returns how many.

    `source` = (file name, SHA-256) records an import batch; the same file twice is refused
    with `DuplicateImportError`."""
    created = format_at(now_local())
    records = list(records)

    def write(session: Session) -> int:
        import_id = None
        if source is not None:
            name, sha = source
            known = session.scalar(select(SupportImportRow).where(SupportImportRow.sha256 == sha))
            if known is not None:
                raise DuplicateImportError(known.file_name, known.imported_at)
            batch = SupportImportRow(sha256=sha, file_name=name, imported_at=created,
                                     rows=len(records))
            session.add(batch)
            session.flush()
            import_id = batch.id
        if records:
            session.execute(
                insert(SupportRecordRow),
                [_row(r, created, import_id) for r in records],
            )
        return len(records)

    return _store(store).write(write)


class DuplicateImportError(InputError):
    """The same file (same content) was imported before: importing it again would count
    every resident twice."""

    def __init__(self, file_name: str, imported_at: str):
        self.file_name = file_name
        self.imported_at = imported_at
        when = imported_at.replace("T", " lúc ")
        super().__init__(
            f"Tệp này đã được nhập ngày {when} (tên tệp khi đó: {file_name}); "
            "nhập lại sẽ đếm trùng mỗi lượt hỗ trợ, nên không nhập"
        )


def find_import(sha256: str, *, store: Store | None = None) -> tuple[str, str] | None:
    """(file name, when) if a file with this content was imported already."""
    with _store(store).reading() as session:
        row = session.scalar(select(SupportImportRow).where(SupportImportRow.sha256 == sha256))
        return (row.file_name, row.imported_at) if row else None


def _query(
    ward: str | Sequence[str] | None,
    start: date | None,
    end: date | None,
    group: str | None,
) -> Select:
    stmt = select(SupportRecordRow)
    if isinstance(ward, str):
        stmt = stmt.where(SupportRecordRow.xa_phuong == ward)
    elif ward is not None:
        stmt = stmt.where(SupportRecordRow.xa_phuong.in_(list(ward)))
    if group is not None:
        stmt = stmt.where(SupportRecordRow.to_dan_pho == group)
    if start is not None:
        stmt = stmt.where(SupportRecordRow.ngay >= start.isoformat())
    if end is not None:
        stmt = stmt.where(SupportRecordRow.ngay <= end.isoformat())
    return stmt.order_by(SupportRecordRow.ngay, SupportRecordRow.id)


def list_records(
    *,
    store: Store | None = None,
    ward: str | Sequence[str] | None = None,
    start: date | None = None,
    end: date | None = None,
    group: str | None = None,
) -> list[SupportRecord]:
    """Records in date order; `ward` (one id or several), `group`, and `start`/`end`
    (inclusive) filter."""
    with _store(store).reading() as session:
        rows = session.scalars(_query(ward, start, end, group)).all()
        return [_record(r) for r in rows]


def count_records(*, store: Store | None = None) -> int:
    with _store(store).reading() as session:
        return int(session.scalar(select(func.count(SupportRecordRow.id))) or 0)


COLUMNS: tuple[str, ...] = ("id", *FIELDS)


def records_frame(
    *,
    store: Store | None = None,
    ward: str | Sequence[str] | None = None,
    start: date | None = None,
    end: date | None = None,
    group: str | None = None,
) -> pd.DataFrame:
    """The log as a pandas DataFrame, one row per record: `id`, `ngay` (datetime64), and the
    ids of `xa_phuong`, `to_dan_pho`, `thu_tuc`, `hinh_thuc`, `nhom_tuoi`, `ket_qua`, plus
    `tinh_nguyen_vien` (name). Reports and the dashboard start from this frame."""
    cols = [getattr(SupportRecordRow, c) for c in COLUMNS]
    stmt = _query(ward, start, end, group).with_only_columns(*cols)
    with _store(store).reading() as session:
        rows = session.execute(stmt).all()
    return frame_from_rows(rows)


def empty_frame() -> pd.DataFrame:
    """A records frame with no rows (and the right columns and types)."""
    import pandas as pd

    frame = pd.DataFrame({c: pd.Series(dtype="object") for c in COLUMNS})
    frame["id"] = frame["id"].astype("int64")
    frame["ngay"] = pd.to_datetime(frame["ngay"])
    return frame


def frame_from_rows(rows: Iterable[Sequence[Any]] | Iterable[Mapping[str, Any]]) -> pd.DataFrame:
    """A records frame from tuples in `COLUMNS` order (or dicts with those keys)."""
    import pandas as pd

    frame = pd.DataFrame.from_records(list(rows), columns=list(COLUMNS))
    if frame.empty:
        return empty_frame()
    frame["ngay"] = pd.to_datetime(frame["ngay"], format="ISO8601")
    return frame
