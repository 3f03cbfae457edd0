"""Several processes submitting at once to one SQLite file lose nothing.

Six processes (spawned, so nothing is shared but the file) load everything first, wait at a
barrier, then submit their filings as fast as they can: births (each adds a child with a new
identity number) and copy certifications. Afterwards every submission has exactly one filing
row, every receipt is distinct, and per agency and day the sequence is 0001..N with no gap.
The same is then done with the real `tdp submit` command. No assertion is about time.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import queue
import shutil
import subprocess
import sys
import traceback
from collections import defaultdict
from datetime import datetime
from pathlib import Path

import builders
import pytest
from sqlalchemy import func, select

from tdp.engine import check
from tdp.store.database import Store
from tdp.store.schema import FilingRow, PersonRow, ReceiptCounterRow, StatusEventRow

AT = datetime(2026, 11, 27, 9, 0)
WORKERS = 6
PER_WORKER = 4  # two births and two copy certifications each
HANG_GUARD = 300  # seconds; only against a deadlock, never a performance check

Job = tuple[str, dict]


def _submit_many(url: str, jobs: list[Job], at: datetime, barrier, results) -> None:  # noqa: ANN001
    """In a spawned process: warm up, wait for the others, then submit every job."""
    try:
        os.environ["TDP_DATABASE_URL"] = url
        from tdp.catalog import load_catalog
        from tdp.engine import submit
        from tdp.store import open_store

        load_catalog()
        store = open_store(url)
        barrier.wait(timeout=HANG_GUARD)
        out = []
        for procedure, filing in jobs:
            r = submit(procedure, filing, at, store=store)
            out.append({"procedure": procedure, "valid": r.valid, "receipt": r.receipt,
                        "so_dinh_danh": r.result.get("so_dinh_danh"),
                        "errors": [e.code for e in r.errors]})
        results.put(("ok", out))
    except BaseException:  # noqa: BLE001 - report it to the parent instead of hanging it
        barrier.abort()
        results.put(("error", traceback.format_exc()))


def valid_births(people: list[dict], count: int, store: Store) -> list[dict]:
    """`count` valid births by distinct mothers (so the children are distinct)."""
    births, skip = [], 0
    while len(births) < count:
        filing = builders.khai_sinh(people, skip=skip)
        skip += 1
        if check("khai_sinh", filing, AT, store=store).valid:
            births.append(filing)
    return births


def valid_copies(people: list[dict], count: int, store: Store) -> list[dict]:
    copies, skip = [], 0
    while len(copies) < count:
        filing = builders.chung_thuc(people, pages=(skip % 4 + 1,), skip=skip)
        skip += 1
        if check("chung_thuc_ban_sao_dien_tu", filing, AT, store=store).valid:
            copies.append(filing)
    return copies


def make_jobs(people: list[dict], store: Store) -> list[list[Job]]:
    births = valid_births(people, WORKERS * PER_WORKER // 2, store)
    copies = valid_copies(people, WORKERS * PER_WORKER // 2, store)
    jobs: list[list[Job]] = [[] for _ in range(WORKERS)]
    for i, (birth, copy) in enumerate(zip(births, copies, strict=True)):
        jobs[i % WORKERS] += [("khai_sinh", birth), ("chung_thuc_ban_sao_dien_tu", copy)]
    return jobs


def agency_of(receipt: str) -> tuple[str, str, int]:
    agency, day, seq = receipt.rsplit("-", 2)
    return agency, day, int(seq)


def assert_nothing_lost(url: str, submitted: list[dict], total: int) -> None:
    """The store holds exactly the submitted filings, with gap-free receipts."""
    assert len(submitted) == total
    assert all(r["valid"] and r["receipt"] for r in submitted), [
        r for r in submitted if not r["valid"]]
    receipts = [r["receipt"] for r in submitted]
    assert len(set(receipts)) == total, "a receipt code was issued twice"

    by_agency: dict[tuple[str, str], list[int]] = defaultdict(list)
    for receipt in receipts:
        agency, day, seq = agency_of(receipt)
        assert day == AT.strftime("%y%m%d")
        by_agency[(agency, day)].append(seq)
    for key, seqs in by_agency.items():
        assert sorted(seqs) == list(range(1, len(seqs) + 1)), (key, sorted(seqs))

    children = [r["so_dinh_danh"] for r in submitted if r["procedure"] == "khai_sinh"]
    assert all(children) and len(set(children)) == len(children), "a child number repeats"

    store = Store(url)
    try:
        with store.reading() as session:
            stored = session.scalars(select(FilingRow.receipt)).all()
            assert sorted(stored) == sorted(receipts)
            events = session.scalar(select(func.count()).select_from(StatusEventRow))
            assert events == total
            counters = {(c.agency, c.day): c.last
                        for c in session.scalars(select(ReceiptCounterRow))}
            assert counters == {k: len(v) for k, v in by_agency.items()}
            added = session.scalars(
                select(PersonRow.so_dinh_danh).where(PersonRow.nguon != "sinh_mau")).all()
            assert sorted(added) == sorted(children)
    finally:
        store.dispose()


def test_processes_submitting_at_once_lose_nothing(
    db_url: str, store: Store, people: list[dict]
) -> None:
    jobs = make_jobs(people, store)
    total = sum(len(j) for j in jobs)
    store.dispose()  # the parent holds no connection while the children write

    ctx = mp.get_context("spawn")
    barrier = ctx.Barrier(WORKERS)
    results = ctx.Queue()
    workers = [ctx.Process(target=_submit_many, args=(db_url, j, AT, barrier, results))
               for j in jobs]
    for w in workers:
        w.start()
    submitted: list[dict] = []
    errors: list[str] = []
    try:
        for _ in workers:
            status, payload = results.get(timeout=HANG_GUARD)
            if status == "ok":
                submitted += payload
            else:
                errors.append(payload)
    except queue.Empty:
        pytest.fail("a worker did not report back (hung?)")
    finally:
        for w in workers:
            w.join(timeout=HANG_GUARD)
            if w.is_alive():
                w.kill()
    assert not errors, errors[0]
    assert all(w.exitcode == 0 for w in workers)
    assert_nothing_lost(db_url, submitted, total)


def tdp_executable() -> str:
    beside = Path(sys.executable).parent / "tdp"
    found = str(beside) if beside.exists() else shutil.which("tdp")
    assert found, "the `tdp` console script is not installed"
    return found


def test_tdp_submit_commands_at_once_lose_nothing(
    db_url: str, store: Store, people: list[dict], tmp_path: Path
) -> None:
    import json

    births = valid_births(people, 3, store)
    copies = valid_copies(people, 3, store)
    store.dispose()
    jobs = [("khai_sinh", f) for f in births] + [("chung_thuc_ban_sao_dien_tu", f)
                                                 for f in copies]
    tdp = tdp_executable()
    procs = []
    for i, (procedure, filing) in enumerate(jobs):
        path = tmp_path / f"filing{i}.json"
        path.write_text(json.dumps(filing, ensure_ascii=False), encoding="utf-8")
        procs.append((procedure, subprocess.Popen(
            [tdp, "submit", procedure, str(path), "--at", AT.strftime("%Y-%m-%dT%H:%M")],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8",
            env=dict(os.environ))))
    submitted = []
    for procedure, proc in procs:
        out, err = proc.communicate(timeout=HANG_GUARD)
        assert proc.returncode == 0, (out, err)
        data = json.loads(out)
        submitted.append({"procedure": procedure, "valid": data["valid"],
                          "receipt": data.get("receipt"),
                          "so_dinh_danh": data.get("so_dinh_danh")})
    assert_nothing_lost(db_url, submitted, len(jobs))
