"""Practice attempts in the store: who played which scenario, their answer, score and items,
when they started and finished. A table of its own (its own metadata), created on first use
next to the engine's tables."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Integer, String, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

from tdp.dates import format_at, now_local
from tdp.errors import InputError
from tdp.store import Store, open_store
from tdp.text import clean, name_key


class PracticeBase(DeclarativeBase):
    pass


class AttemptRow(PracticeBase):
    __tablename__ = "practice_attempts"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    trainee: Mapped[str] = mapped_column(String(200))  # as typed (NFC, trimmed)
    trainee_key: Mapped[str] = mapped_column(String(200), index=True)  # name_key(trainee)
    scenario: Mapped[str] = mapped_column(String(100), index=True)
    answer: Mapped[dict] = mapped_column(JSON)
    score: Mapped[int] = mapped_column(Integer)
    max_score: Mapped[int] = mapped_column(Integer)
    items: Mapped[list] = mapped_column(JSON)
    started_at: Mapped[str] = mapped_column(String(16))  # YYYY-MM-DDTHH:MM local
    ended_at: Mapped[str] = mapped_column(String(16))


@dataclass
class Attempt:
    id: int
    trainee: str
    scenario: str
    answer: dict[str, Any]
    score: int
    max: int
    items: list[dict[str, Any]]
    started_at: str
    ended_at: str

    @property
    def seed(self) -> str:
        """The seed that ordered this attempt's options (a replay shows the same order)."""
        from tdp.practice.options import attempt_seed

        return attempt_seed(self.trainee, self.scenario, self.started_at)

    def to_json(self) -> dict[str, Any]:
        return dict(self.__dict__)


_READY: set[int] = set()


def _ensure_table(store: Store) -> None:
    if id(store.engine) in _READY:
        return

    def create(session: Session) -> None:
        PracticeBase.metadata.create_all(session.connection())

    store.write(create)
    _READY.add(id(store.engine))


def _to_attempt(row: AttemptRow) -> Attempt:
    return Attempt(row.id, row.trainee, row.scenario, row.answer, row.score, row.max_score,
                   row.items, row.started_at, row.ended_at)


def _trainee(name: str) -> str:
    trainee = clean(name) if isinstance(name, str) else ""
    if not trainee:
        raise InputError("Nhập tên học viên")
    return trainee


def record_attempt(
    trainee: str, scenario_id: str, answer: Any, result: Any, started: datetime,
    ended: datetime | None = None, store: Store | None = None,
) -> Attempt:
    """Store one attempt. `answer`: the trainee's answer (an `Answer` or its JSON);
    `result`: the `ScoreResult` of `score(...)`; times are naive local times."""
    trainee = _trainee(trainee)
    store = store or open_store()
    _ensure_table(store)
    answer_json = answer.model_dump() if hasattr(answer, "model_dump") else answer
    ended = ended or now_local()
    items = [i.to_json() for i in result.items]

    def work(session: Session) -> Attempt:
        row = AttemptRow(trainee=trainee, trainee_key=name_key(trainee), scenario=scenario_id,
                         answer=answer_json, score=result.score, max_score=result.max,
                         items=items, started_at=format_at(started), ended_at=format_at(ended))
        session.add(row)
        session.flush()
        return _to_attempt(row)

    return store.write(work)


def list_attempts(trainee: str, scenario_id: str | None = None, store: Store | None = None
                  ) -> list[Attempt]:
    """A trainee's attempts (name compared after NFC, case and space folding), oldest first."""
    key = name_key(_trainee(trainee))
    store = store or open_store()
    _ensure_table(store)
    with store.reading() as session:
        query = select(AttemptRow).where(AttemptRow.trainee_key == key)
        if scenario_id:
            query = query.where(AttemptRow.scenario == scenario_id)
        rows = session.scalars(query.order_by(AttemptRow.started_at, AttemptRow.id))
        return [_to_attempt(r) for r in rows]
