"""The registry in the store: reading people, seeding the synthetic population on first use,
and the changes filings make (a birth adds a person, a death and a marriage update them)."""

from __future__ import annotations

from dataclasses import asdict, fields
from typing import Any, cast

from sqlalchemy import Table, or_, select
from sqlalchemy.orm import Session

from tdp.registry.person import MarriageEnd, Person, Residence
from tdp.store.schema import Meta, PersonRow

SEED_KEY = "registry_seed"
EDITION_KEY = "registry_edition"
DEFAULT_SEED = 20220901  # the pilot's month: 9/2022

_PERSON_FIELDS = [f.name for f in fields(Person)
                  if f.name not in ("noi_cu_tru", "extra", "cham_dut_hon_nhan")]


def to_person(row: PersonRow) -> Person:
    data: dict[str, Any] = {name: getattr(row, name) for name in _PERSON_FIELDS}
    data["uu_dai"] = list(data["uu_dai"] or [])
    data["cha_me_nuoi"] = list(data["cha_me_nuoi"] or [])
    end = row.cham_dut_hon_nhan
    return Person(noi_cu_tru=Residence(row.co_quan, row.to_dan_pho, row.dia_chi),
                  cham_dut_hon_nhan=MarriageEnd.from_json(end) if end else None, **data)


def to_row(person: Person, source: str = "sinh_mau") -> dict[str, Any]:
    data: dict[str, Any] = {name: getattr(person, name) for name in _PERSON_FIELDS}
    data["uu_dai"] = list(person.uu_dai)
    data["cha_me_nuoi"] = list(person.cha_me_nuoi)
    end = person.cham_dut_hon_nhan
    data.update(co_quan=person.noi_cu_tru.co_quan, to_dan_pho=person.noi_cu_tru.to_dan_pho,
                dia_chi=person.noi_cu_tru.dia_chi, nguon=source,
                cham_dut_hon_nhan=asdict(end) if end is not None else None)
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

    def spouse_of(self, so_dinh_danh: str) -> Person | None:
        """The current spouse (or, on a dead person's record, the spouse at death)."""
        person = self.get(so_dinh_danh)
        if person is None or not person.so_dinh_danh_vo_chong:
            return None
        return self.get(person.so_dinh_danh_vo_chong)

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
            if isinstance(value, MarriageEnd):
                value = asdict(value)
            setattr(row, key, value)

    def record_death(self, so_dinh_danh: str, ngay_mat: str, so: str, co_quan: str) -> None:
        """A registered death: the person is dead; a living married spouse becomes widowed,
        and the death registration is the record that ended their marriage."""
        person = self.get(so_dinh_danh)
        if person is None:
            raise KeyError(so_dinh_danh)
        self.update(so_dinh_danh, con_song=False, ngay_mat=ngay_mat)
        spouse = self.spouse_of(so_dinh_danh)
        if spouse is not None and spouse.con_song and spouse.tinh_trang_hon_nhan == "da_ket_hon":
            self.update(spouse.so_dinh_danh, tinh_trang_hon_nhan="goa", so_dinh_danh_vo_chong=None,
                        cham_dut_hon_nhan=MarriageEnd("vo_chong_chet", so, ngay_mat, co_quan,
                                                      so_dinh_danh))

    def is_seeded(self) -> bool:
        return self.session.get(Meta, SEED_KEY) is not None

    def edition(self) -> str | None:
        """The generator edition that seeded this store (None: seeded before editions)."""
        row = self.session.get(Meta, EDITION_KEY)
        return row.value if row is not None else None

    def seed(self, people: list[Person], seed: int, edition: int) -> None:
        """Insert the generated population once (the caller holds the write lock)."""
        if self.is_seeded():
            return
        if people:
            # Core insert of the table (executemany): the ORM's bulk path is ~3x slower here.
            table = cast(Table, PersonRow.__table__)
            self.session.execute(table.insert(), [to_row(p) for p in people])
        self.session.add(Meta(key=SEED_KEY, value=str(seed)))
        self.session.add(Meta(key=EDITION_KEY, value=str(edition)))
