"""Benchmark of the portal engine and of the `tdp check` command (issue 2).

1. Filings checked per second in-process: `tdp.engine.checking.check` over a mix of valid and
   invalid filings of all five procedures (built from the seeded registry like
   `tests/builders.py` does), after one warm-up pass.
2. Whole-process time of `tdp check PROCEDURE FILE` next to `python -c pass`, median of
   `--runs` runs each (interleaved, so both see the same machine load), and their ratio.

Run: .venv/bin/python bench/engine.py [--runs 10] [--seconds 5] [--procedure khai_sinh]
Everything runs against a seeded store in a temporary directory (TDP_DATABASE_URL), never
against var/. Figures depend on the machine and its load: the load average is printed too.
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
AT = datetime(2026, 11, 27, 9, 0)  # a Friday morning: a working day, before 15:00
PROCEDURES = ("khai_sinh", "khai_tu", "ket_hon", "xac_nhan_hon_nhan",
              "chung_thuc_ban_sao_dien_tu")


def seed_store(work: Path) -> str:
    """A seeded SQLite store in `work`; the environment points this process and its children
    at it."""
    from tdp.catalog import load_catalog
    from tdp.engine import ensure_registry
    from tdp.store import database

    url = f"sqlite:///{work / 'tdp.sqlite'}"
    os.environ["TDP_DATABASE_URL"] = url
    os.environ["TDP_VAR_DIR"] = str(work / "var")
    ensure_registry(database.open_store(url), load_catalog())
    return url


def registry_people(url: str) -> list[dict[str, Any]]:
    from tdp.registry.store import RegistryRepo
    from tdp.store import open_store

    with open_store(url).reading() as session:
        return [p.to_json() for p in RegistryRepo(session).all()]


def _set(filing: dict, path: str, value: Any) -> dict:
    """A deep copy of `filing` with the dotted `path` set to `value` (None deletes it)."""
    out = copy.deepcopy(filing)
    *parents, last = path.split(".")
    node: Any = out
    for part in parents:
        node = node[int(part)] if part.isdigit() else node[part]
    if value is None:
        node.pop(last, None)
    else:
        node[last] = value
    return out


# Ways to break a valid filing of each procedure: missing, malformed and rule-breaking values.
BREAKS: dict[str, list[tuple[str, Any]]] = {
    "khai_sinh": [("tre.ngay_sinh", None), ("tre.ngay_sinh", "2027-01-01"),
                  ("me.so_dinh_danh", "064000000000"), ("giay_to", []),
                  ("tre.gioi_tinh", "khac"), ("co_quan", "ha_noi")],
    "khai_tu": [("nguoi_mat.ngay_mat", "2027-01-01"), ("nguoi_mat.ho_ten", "Ai Đó Khác"),
                ("giay_to", []), ("nguoi_yeu_cau.quan_he", "ban_be")],
    "ket_hon": [("ben_nam.ngay_sinh", "2010-01-01"), ("ben_nu.so_dinh_danh", "12345"),
                ("ben_nam.lan_ket_hon", "hai")],
    "xac_nhan_hon_nhan": [("muc_dich", "khac"), ("muc_dich", "ket_hon"),
                          ("nguoi_yeu_cau.so_dinh_danh", None)],
    "chung_thuc_ban_sao_dien_tu": [("giay_to_chung_thuc.0.so_trang", 0),
                                   ("giay_to_chung_thuc", []),
                                   ("nguoi_yeu_cau.ho_ten", "NGUYEN VAN A")],
}


def filing_mix(people: list[dict[str, Any]], per_procedure: int) -> list[tuple[str, Any]]:
    """`per_procedure` valid filings of each procedure (different people where the registry
    allows) and, for each, the broken variants of BREAKS, plus a few non-objects."""
    sys.path.insert(0, str(ROOT / "tests"))
    import builders

    mix: list[tuple[str, Any]] = []
    for procedure in PROCEDURES:
        build = builders.VALID[procedure]
        for skip in range(per_procedure):
            try:
                valid = build(people, skip=skip)
            except LookupError:
                break
            mix.append((procedure, valid))
            mix += [(procedure, _set(valid, path, value)) for path, value in BREAKS[procedure]]
    mix += [("khai_sinh", {}), ("ket_hon", {"ben_nam": "?", "co_quan": 7})]
    return mix


def bench_in_process(mix: list[tuple[str, Any]], seconds: float) -> dict[str, Any]:
    from tdp.engine import check
    from tdp.store import open_store

    store = open_store()
    verdicts = [check(p, f, AT, store=store).valid for p, f in mix]  # warm-up pass
    checked, start, cpu_start = 0, time.perf_counter(), time.process_time()
    while True:
        for procedure, filing in mix:
            check(procedure, filing, AT, store=store)
        checked += len(mix)
        elapsed = time.perf_counter() - start
        if elapsed >= seconds:
            break
    cpu = time.process_time() - cpu_start
    return {"filings": len(mix), "valid": sum(verdicts), "invalid": len(verdicts) - sum(verdicts),
            "checked": checked, "seconds": elapsed, "per_second": checked / elapsed,
            "cpu_seconds": cpu, "per_cpu_second": checked / cpu}


def _cpu_children() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _wall(cmd: list[str]) -> tuple[float, int, float]:
    """Wall-clock seconds, exit code and CPU seconds (user + system) of one run of `cmd`."""
    cpu, start = _cpu_children(), time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, check=False, timeout=600)
    return time.perf_counter() - start, proc.returncode, _cpu_children() - cpu


def bench_process(filing_path: Path, procedure: str, runs: int) -> dict[str, Any]:
    tdp = Path(sys.executable).parent / "tdp"
    at = AT.strftime("%Y-%m-%dT%H:%M")
    tdp_cmd = [str(tdp), "check", procedure, str(filing_path), "--at", at]
    pass_cmd = [sys.executable, "-c", "pass"]
    _wall(tdp_cmd), _wall(pass_cmd)  # warm the OS file cache and the .pyc files
    tdp_times, pass_times, tdp_cpu, pass_cpu, codes = [], [], [], [], set()
    for _ in range(runs):  # interleaved: both see the same load
        t, code, cpu = _wall(tdp_cmd)
        tdp_times.append(t)
        tdp_cpu.append(cpu)
        codes.add(code)
        t, _, cpu = _wall(pass_cmd)
        pass_times.append(t)
        pass_cpu.append(cpu)
    tdp_median, pass_median = statistics.median(tdp_times), statistics.median(pass_times)
    return {"command": " ".join(tdp_cmd[1:]), "exit_codes": sorted(codes),
            "tdp_median": tdp_median, "tdp_min": min(tdp_times), "tdp_max": max(tdp_times),
            "pass_median": pass_median, "pass_min": min(pass_times),
            "pass_max": max(pass_times), "ratio": tdp_median / pass_median,
            "tdp_cpu_median": statistics.median(tdp_cpu),
            "pass_cpu_median": statistics.median(pass_cpu)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10,
                        help="runs of `tdp check` and of `python -c pass` (median of each)")
    parser.add_argument("--seconds", type=float, default=5.0,
                        help="how long to keep checking in-process (after one warm-up pass)")
    parser.add_argument("--per-procedure", type=int, default=4,
                        help="valid filings per procedure (each with its broken variants)")
    parser.add_argument("--procedure", default="khai_sinh", choices=PROCEDURES,
                        help="the procedure whose valid filing `tdp check` reads")
    parser.add_argument("--json", action="store_true", help="also print the figures as JSON")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="tdp-bench-") as tmp:
        work = Path(tmp)
        t0 = time.perf_counter()
        url = seed_store(work)
        seeded = time.perf_counter() - t0
        people = registry_people(url)
        mix = filing_mix(people, args.per_procedure)

        print(f"tdp engine benchmark — Python {platform.python_version()}, "
              f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f} "
              f"(store: {len(people)} people, seeded in {seeded:.1f} s, temporary)")

        inproc = bench_in_process(mix, args.seconds)
        print(f"(a) in-process check(): {inproc['per_second']:,.0f} filings/s "
              f"({inproc['checked']:,} checks in {inproc['seconds']:.1f} s; mix of "
              f"{inproc['filings']} filings of 5 procedures: {inproc['valid']} valid, "
              f"{inproc['invalid']} invalid); per CPU second: "
              f"{inproc['per_cpu_second']:,.0f} filings/s")

        valid = next(f for p, f in mix if p == args.procedure)
        path = work / f"{args.procedure}.json"
        path.write_text(json.dumps(valid, ensure_ascii=False), encoding="utf-8")
        proc = bench_process(path, args.procedure, args.runs)
        print(f"(b) whole process, median of {args.runs} runs each:")
        print(f"    tdp {proc['command']}: {proc['tdp_median'] * 1000:,.0f} ms "
              f"(min {proc['tdp_min'] * 1000:,.0f}, max {proc['tdp_max'] * 1000:,.0f}; "
              f"exit {proc['exit_codes']})")
        print(f"    python -c pass: {proc['pass_median'] * 1000:,.0f} ms "
              f"(min {proc['pass_min'] * 1000:,.0f}, max {proc['pass_max'] * 1000:,.0f})")
        print(f"    ratio tdp check / python -c pass: {proc['ratio']:.1f}×")
        print(f"    CPU time (user+system), median: tdp check {proc['tdp_cpu_median'] * 1000:,.0f}"
              f" ms, python -c pass {proc['pass_cpu_median'] * 1000:,.0f} ms")
        if args.json:
            print(json.dumps({"in_process": inproc, "process": proc}, indent=2))
        from tdp.store import database

        for store in database._STORES.values():
            store.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
