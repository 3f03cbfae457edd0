"""Benchmark of the province hub (issue 16): N trainees log in and open the practice app.

A real hub (`tdp hub init/class add/member/up` on a throwaway PostgreSQL), N trainee
accounts in one class; the trainees arrive spread over `--spread` seconds, each logs in and
opens `app/luyen_tap.ipynb` in their own server (spawned on demand, as the hall would).
A trainee is a protocol client (HTTP login, spawn, the Voilà page rendered with its
notebook executed): the browsers' own rendering happens on the trainees' devices.

It prints: served / N, p50 / p95 time to usable (page rendered), PSS per trainee (their
server and kernel), the hub's and the proxy's own CPU, and how many trainees one 8-core,
32 GB server holds by TLJH's sizing rule (RAM = concurrent users × per-user maximum +
overhead), against the CPU the crowd used per trainee.

Run as root: .venv/bin/python bench/hub.py [--trainees 50 100] [--spread 60]
"""

from __future__ import annotations

import argparse
import os
import pwd
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "tests" / "hub"))
from hubserver import TDP, Hub, parse_logins  # noqa: E402
from postgres import free_port, postgres_server  # noqa: E402

APP = "voila/render/app/luyen_tap.ipynb"
PAGE = 4096  # bytes


def pss_kib(pid: int) -> int:
    try:
        text = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return 0
    return next((int(line.split()[1]) for line in text.splitlines()
                 if line.startswith("Pss:")), 0)


def cpu_seconds(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def pids_of(uid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if entry.stat().st_uid == uid:
                    found.append(int(entry.name))
            except OSError:
                continue
    return found


def children(pid: int) -> list[int]:
    out = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout
    return [int(p) for p in out.split()]


def one_trainee(hub: Hub, username: str, start_at: float, results: dict) -> None:
    time.sleep(max(0.0, start_at - time.monotonic()))
    began = time.monotonic()
    try:
        session = hub.login(username)
        reply = hub.open_app(session, username, APP)
        ok = reply.status_code == 200 and "tdp.css" in reply.text
    except requests.RequestException:
        ok = False
    results[username] = (ok, time.monotonic() - began)


def run(trainees: int, spread: float) -> dict[str, float]:
    base = Path(tempfile.mkdtemp(prefix="tdp-bench-hub-"))
    base.chmod(0o711)
    with postgres_server() as pg:
        env = {**os.environ, "TDP_HUB_PG": pg, "TDP_VAR_DIR": str(base / "var")}
        hub = Hub(url=f"http://127.0.0.1:{free_port()}", dir=base / "hub", env=env, classes={})
        suffix = f"{os.getpid() % 10000:04d}"
        subprocess.run([str(TDP), "hub", "init", "--province", "gia_lai", "--dir", str(hub.dir),
                        "--pg", pg, "--bind-url", hub.url, "--prefix", f"b{suffix}"],
                       env=env, check=True, capture_output=True)
        klass = f"k{suffix}"
        hub.tdp("hub", "class", "add", klass, "--trainer", "Giảng Viên", "--ward", "thong_nhat")
        names = [f"Học Viên {i}" for i in range(trainees)]
        added = hub.tdp("hub", "class", "member", klass, *names)
        hub.logins.update(parse_logins(added.stdout))
        users = list(hub.logins)
        try:
            hub.start()
            hub_pid = hub.process.pid if hub.process else 0
            proxy_pids = [p for c in children(hub_pid) for p in [c] if "configurable"
                          in Path(f"/proc/{p}/cmdline").read_bytes().decode(errors="ignore")]
            cpu_before = cpu_seconds(hub_pid) + sum(cpu_seconds(p) for p in proxy_pids)
            load_before = os.getloadavg()
            results: dict[str, tuple[bool, float]] = {}
            t0 = time.monotonic()
            threads = [threading.Thread(target=one_trainee,
                                        args=(hub, u, t0 + spread * i / max(1, len(users)),
                                              results)) for i, u in enumerate(users)]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            cpu_hub = cpu_seconds(hub_pid) + sum(cpu_seconds(p) for p in proxy_pids) - cpu_before
            per_user = []
            user_cpu = []
            for u in users:
                pids = pids_of(pwd.getpwnam(u).pw_uid)
                per_user.append(sum(pss_kib(p) for p in pids) / 1024)
                user_cpu.append(sum(cpu_seconds(p) for p in pids))
            times = sorted(t for ok, t in results.values() if ok)
            served = len(times)
        finally:
            hub.stop()
            for u in list(hub.logins) + [f"grader-{klass}"]:
                subprocess.run(["userdel", u], capture_output=True)
            shutil.rmtree(base, ignore_errors=True)
    q = statistics.quantiles(times, n=20) if len(times) >= 2 else times * 19
    return {"n": trainees, "served": served, "p50": statistics.median(times) if times else 0,
            "p95": q[18] if times else 0, "pss_mean": statistics.mean(per_user),
            "pss_max": max(per_user), "cpu_hub": cpu_hub,
            "cpu_per_trainee": statistics.mean(user_cpu), "load": load_before[0]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trainees", type=int, nargs="+", default=[50, 100])
    parser.add_argument("--spread", type=float, default=60.0)
    args = parser.parse_args()
    if os.geteuid() != 0:
        sys.exit("bench/hub.py tạo tài khoản hệ thống: chạy với quyền root")
    print(f"load average at start: {os.getloadavg()[0]:.2f} (2 cores)")
    for n in args.trainees:
        r = run(n, args.spread)
        # TLJH: RAM = concurrent users × per-user maximum + overhead (hub, proxy, OS: 1 GB)
        by_memory = int((32 * 1024 - 1024) // r["pss_max"])
        by_cpu = int(8 * args.spread / max(r["cpu_per_trainee"], 0.01))
        print(f"N={n}: served {r['served']}/{n}, time to usable p50 {r['p50']:.1f} s, "
              f"p95 {r['p95']:.1f} s; PSS per trainee mean {r['pss_mean']:.0f} MB, max "
              f"{r['pss_max']:.0f} MB; hub+proxy CPU {r['cpu_hub']:.1f} s; CPU per trainee "
              f"{r['cpu_per_trainee']:.1f} s; load at start {r['load']:.2f}")
        print(f"  one 8-core, 32 GB server: {by_memory} trainees by memory (TLJH rule), "
              f"{by_cpu} arriving within {args.spread:.0f} s by CPU → {min(by_memory, by_cpu)}")


if __name__ == "__main__":
    main()
