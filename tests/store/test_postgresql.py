"""The store also runs on PostgreSQL (`TDP_DATABASE_URL`): a real server, started here.

PostgreSQL enforces what SQLite lets pass (column lengths, types), so the whole submit path
runs against it: seeding, a birth (adds a person), receipts, the officer's status change.
`make test` installs Debian's postgresql package when it is missing.
"""

from __future__ import annotations

from datetime import datetime

import pytest
from builders import chung_thuc, khai_sinh
from postgres import postgres_server

from tdp.catalog import load_catalog
from tdp.engine import advance, check, ensure_registry, get_filing, submit
from tdp.registry.store import RegistryRepo
from tdp.store.database import Store

AT = datetime(2026, 11, 27, 10, 0)


@pytest.fixture(scope="module")
def pg_url():
    with postgres_server() as url:
        yield url


def test_the_whole_submit_path_runs_on_postgresql(pg_url: str, people: list[dict]) -> None:
    store = Store(pg_url)
    try:
        ensure_registry(store, load_catalog())
        with store.reading() as session:
            assert len(RegistryRepo(session).all()) == len(people)

        birth = khai_sinh(people)
        assert check("khai_sinh", birth, AT, store).valid
        accepted = submit("khai_sinh", birth, AT, store)
        assert accepted.valid, accepted.errors
        assert accepted.receipt.endswith("-261127-0001")
        with store.reading() as session:
            child = RegistryRepo(session).get(accepted.result["so_dinh_danh"])
        assert child is not None and child.so_dinh_danh_me == birth["me"]["so_dinh_danh"]

        again = submit("khai_sinh", birth, AT, store)
        assert not again.valid and again.receipt is None

        copies = [submit("chung_thuc_ban_sao_dien_tu", chung_thuc(people), AT, store)
                  for _ in range(3)]
        assert [c.receipt[-4:] for c in copies] == ["0001", "0002", "0003"]

        advance(AT, copies[0].receipt, store=store)
        filing = get_filing(copies[0].receipt, store)
        assert [h["status"] for h in filing.history] == [1, 2]
    finally:
        store.dispose()


def test_the_longest_text_check_accepts_is_written_on_postgresql(pg_url: str,
                                                                 people: list[dict]) -> None:
    """The field types' limits match the columns: what `check` accepts, `submit` writes."""
    from tdp.engine import PERSON_NAME

    store = Store(pg_url)
    try:
        ensure_registry(store, load_catalog())
        birth = khai_sinh(people, skip=1)
        too_long = " ".join(["Nguyễn"] * 44)  # 306 characters + 1: more than any name
        birth["tre"]["ho_ten"] = too_long
        refused = check("khai_sinh", birth, AT, store)
        assert [e.code for e in refused.errors if e.field == "tre.ho_ten"] == ["van_ban_qua_dai"]
        longest = ("Nguyễn " + "Ê" * (PERSON_NAME.max_length() - 7))
        assert len(longest) == PERSON_NAME.max_length()
        birth["tre"]["ho_ten"] = longest
        # dan_toc must be a parent's (BLDS Điều 29), so its 50-character limit is checked in
        # tests/engine/test_field_limits.py, not here
        birth["tre"]["noi_sinh"] = "B" * 200
        accepted = submit("khai_sinh", birth, AT, store)
        assert accepted.valid, accepted.errors
    finally:
        store.dispose()
