"""Filling an empty store with the synthetic population described by `course/wards.yaml`."""

from __future__ import annotations

from sqlalchemy import inspect
from sqlalchemy.orm import Session

from tdp.catalog.models import Catalog
from tdp.errors import InputError
from tdp.registry.generate import GroupSpec, generate_population
from tdp.registry.store import DEFAULT_SEED, RegistryRepo
from tdp.store import Store
from tdp.store.schema import PersonRow


def group_specs(catalog: Catalog) -> list[GroupSpec]:
    """One spec per residential group that the registry populates (households > 0)."""
    specs = []
    for commune in catalog.wards.communes:
        province = catalog.wards.province(commune.province)
        for group in commune.groups:
            if group.households <= 0:
                continue
            specs.append(GroupSpec(
                commune_id=commune.id,
                group_id=group.id,
                group_name=group.name,
                street_names=tuple(commune.streets),
                households=group.households,
                people=group.people,
                id_province_code=province.id_code if province else "064",
                stream_key=commune.former_id,
                commune_name=commune.name,
                former_name=commune.former_name,
                former_district=commune.former_district,
            ))
    return specs


def seed_registry(store: Store, catalog: Catalog, seed: int = DEFAULT_SEED) -> None:
    """Generate and insert the population unless another process already did."""
    people = generate_population(group_specs(catalog), seed=seed)

    def work(session: Session) -> None:
        RegistryRepo(session).seed(people, seed)

    store.write(work)


def _check_columns(session: Session) -> None:
    """A store made by an older version lacks the registry's newer columns: say what to do,
    in Vietnamese, instead of failing later on the first query."""
    present = {c["name"] for c in inspect(session.connection()).get_columns("persons")}
    missing = sorted(c.name for c in PersonRow.__table__.columns if c.name not in present)
    if missing:
        raise InputError(
            "Cơ sở dữ liệu được tạo từ phiên bản cũ của khóa học (sổ dân cư mô phỏng thiếu "
            f"{', '.join(missing)}). Hãy đổi tên thư mục var (ví dụ thành var.cu) rồi chạy "
            "lại: sổ dân cư mới sẽ được tạo, dữ liệu cũ vẫn còn trong thư mục đã đổi tên.")


def ensure_seeded(store: Store, catalog: Catalog, seed: int = DEFAULT_SEED) -> None:
    """Seed the synthetic population on first use (once, even with several processes).

    `seed_registry` re-checks under the write lock, so two processes starting together insert
    the population once; `store.registry_ready` spares later calls even the read.
    """
    if store.registry_ready:
        return
    with store.reading() as session:
        _check_columns(session)
        seeded = RegistryRepo(session).is_seeded()
    if not seeded:
        seed_registry(store, catalog, seed)
    store.registry_ready = True
