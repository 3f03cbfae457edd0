"""The registry in the store: reading people, seeding the synthetic population on first use,
and the changes filings make (a birth adds a person, a death and a marriage update them)."""

from __future__ import annotations

from dataclasses import fields
from typing import Any

from sqlalchemy import insert, or_, select
from sqlalchemy.orm import Session

from tdp.registry.person import Person, Residence
from tdp.store.schema import Meta, PersonRow

SEED_KEY = "registry_seed"
DEFAULT_SEED = 20220901  # the pilot's month: 9/2022

_PERSON_FIELDS = [f.name for f in fields(Person) if f.name not in ("noi_cu_tru", "extra")]


def to_person(row: PersonRow) -> Person:
    data = {name: getattr(row, name) for name in _PERSON_FIELDS}
    return Person(noi_cu_tru=Residence(row.co_quan, row.to_dan_pho, row.dia_chi), **data)


def to_row(person: Person, source: str = "sinh_mau") -> dict[str, Any]:
    data = {name: getattr(person, name) for name in _PERSON_FIELDS}
    data.update(co_quan=person.noi_cu_tru.co_quan, to_dan_pho=person.noi_cu_tru.to_dan_pho,
                dia_chi=person.noi_cu_tru.dia_chi, nguon=source)
    return data


class RegistryRepo:
    """The registry seen through one session (one transaction)."""

    def __init__(self, session: Session):
        self.session = session

    def get(self, so_dinh_danh: str) -> Person | None:
        row = self.session.get(PersonRow, so_dinh_danh)
        return to_person(row) if row is not None else None

    def children_of(self, so_dinh_danh: str) -> list[Person]:
        rows = self.session.scalars(select(PersonRow).where(or_(
            PersonRow.so_dinh_danh_me == so_dinh_danh, PersonRow.so_dinh_danh_cha == so_dinh_danh)))
        return [to_person(r) for r in rows]

    def household(self, ma_ho: str) -> list[Person]:
        rows = self.session.scalars(select(PersonRow).where(PersonRow.ma_ho == ma_ho))
        return [to_person(r) for r in rows]

    def all(self, commune: str | None = None) -> list[Person]:
        query = select(PersonRow).order_by(PersonRow.ma_ho, PersonRow.so_dinh_danh)
        if commune:
            query = query.where(PersonRow.co_quan == commune)
        return [to_person(r) for r in self.session.scalars(query)]

    def exists(self, so_dinh_danh: str) -> bool:
        return self.session.get(PersonRow, so_dinh_danh) is not None

    def add(self, person: Person, source: str) -> None:
        self.session.add(PersonRow(**to_row(person, source)))

    def update(self, so_dinh_danh: str, **changes: object) -> None:
        row = self.session.get(PersonRow, so_dinh_danh)
        if row is None:
            raise KeyError(so_dinh_danh)
        for key, value in changes.items():
            setattr(row, key, value)

    def is_seeded(self) -> bool:
        return self.session.get(Meta, SEED_KEY) is not None

    def seed(self, people: list[Person], seed: int) -> None:
        """Insert the generated population once (the caller holds the write lock)."""
        if self.is_seeded():
            return
        if people:
            self.session.execute(insert(PersonRow), [to_row(p) for p in people])
        self.session.add(Meta(key=SEED_KEY, value=str(seed)))
