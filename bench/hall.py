"""The hall on this machine (issue 14): the app's server in the host's network namespace, the
phones (`bench/hall_phone.py`, protocol clients) in a namespace of their own behind a veth
pair shaped by `tc` like the hall's Wi-Fi (50 Mbit/s each way, 20 ms round trip), and, side by
side in the same run, stock `voila` with its defaults serving the same notebooks (the anchor).

For each N (30, 60 phones arriving within 10 s): a first visit to the portal (empty cache),
then a second visit to the practice app (cache warm). It prints served/N, p50/p95 time to
usable, p95 interaction latency with all N connected, bytes on the wire per phone (the veth's
counters), server CPU seconds (server + kernels), PSS per trainee (everything the server
holds with all N connected, divided by N), and memory back after the phones left and culling
ran. `--levers` instead measures one phone on each lever's configuration (bytes, time),
and what one kernel that no pool prepared costs on it (CPU until usable, PSS).

Needs root (`ip netns`, `tc`); says so and exits otherwise. Addresses 10.77.0.1 (server) and
10.77.0.2 (phones) exist only on the veth pair; the namespace is removed at the end.

Run: sudo .venv/bin/python bench/hall.py [--phones 30 60] [--rate 50] [--rtt 20] [--levers]
"""

from __future__ import annotations

import argparse
import contextlib
import fcntl
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from app import ARGS, CHROMIUM, seeded_copy  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
NS, HOST_IF, PHONE_IF = "tdphall", "tdph-h", "tdph-p"
HOST_IP, PHONE_IP = "10.77.0.1", "10.77.0.2"
PAGES = {"tdp": ("/cong", "/luyen-tap"),
         "voila": ("/voila/render/app/thuc_hanh.ipynb", "/voila/render/app/luyen_tap.ipynb")}
READY = {"/cong": ".tdp-input-login-so_dinh_danh input",  # the first field of each page
         "/luyen-tap": ".tdp-input-hoc_vien input"}
READY |= {"/voila/render/app/thuc_hanh.ipynb": READY["/cong"],
          "/voila/render/app/luyen_tap.ipynb": READY["/luyen-tap"]}
HALL: Hall | None = None
DENYLIST = ["--VoilaConfiguration.extension_allowlist=[]",
            "--VoilaConfiguration.extension_denylist=['@jupyter/nbgrader',"
            "'@jupyter-notebook/lab-extension','@voila-dashboards/jupyterlab-preview']"]
NO_FORK = ["--CourseVoila.fork_kernels=False"]
LEVERS = {  # each lever on its own row: what the server is given
    "none (no compression, no cache headers, denylist)": [
        "--CourseVoila.compress_responses=False", "--CourseVoila.cache_assets=False",
        *DENYLIST, *NO_FORK],
    "+ compression": ["--CourseVoila.cache_assets=False", *DENYLIST, *NO_FORK],
    "+ cache headers": [*DENYLIST, *NO_FORK],
    "+ allowlist": NO_FORK,
    "+ forked kernels (all levers: the app)": [],
}
COLD_PAGE = "/bai-tap"  # no pool prepares its kernels: what a kernel costs on its own


def sh(*cmd: str, netns: bool = False, check: bool = True) -> subprocess.CompletedProcess:
    full = ["ip", "netns", "exec", NS, *cmd] if netns else list(cmd)
    return subprocess.run(full, check=check, capture_output=True, text=True)


def preflight() -> str | None:
    """Why the link cannot be shaped here, or None."""
    if os.geteuid() != 0:
        return "needs root (ip netns, tc): run it with sudo or as CI's root"
    for tool in ("ip", "tc"):
        if shutil.which(tool) is None:
            return f"'{tool}' not found: install iproute2 (make browser)"
    return None


class Hall:
    """The phones' namespace and the shaped veth pair; removed on exit, whatever happens."""

    def __init__(self, rate_mbit: float, rtt_ms: float) -> None:
        self.rate, self.rtt = rate_mbit, rtt_ms
        self.relay_rtt = 0.0  # seconds the phones' relay adds when the kernel has no netem

    def __enter__(self) -> Hall:
        try:
            return self.build()
        except BaseException:
            self.remove()
            raise

    def build(self) -> Hall:
        self.remove()
        sh("ip", "netns", "add", NS)
        sh("ip", "link", "add", HOST_IF, "type", "veth", "peer", "name", PHONE_IF)
        sh("ip", "link", "set", PHONE_IF, "netns", NS)
        sh("ip", "addr", "add", f"{HOST_IP}/30", "dev", HOST_IF)
        sh("ip", "link", "set", HOST_IF, "up")
        sh("ip", "addr", "add", f"{PHONE_IP}/30", "dev", PHONE_IF, netns=True)
        sh("ip", "link", "set", PHONE_IF, "up", netns=True)
        sh("ip", "link", "set", "lo", "up", netns=True)
        tbf = ["tbf", "rate", f"{self.rate}mbit", "burst", "64kb", "latency", "200ms"]
        netem = sh("tc", "qdisc", "add", "dev", HOST_IF, "root", "handle", "1:", "netem",
                   "delay", f"{self.rtt / 2}ms", "limit", "100000", check=False)
        for dev, netns in ((HOST_IF, False), (PHONE_IF, True)):  # half the RTT each way
            if netem.returncode == 0:
                if netns:
                    sh("tc", "qdisc", "add", "dev", dev, "root", "handle", "1:", "netem",
                       "delay", f"{self.rtt / 2}ms", "limit", "100000", netns=netns)
                sh("tc", "qdisc", "add", "dev", dev, "parent", "1:1", "handle", "10:", *tbf,
                   netns=netns)
            else:
                sh("tc", "qdisc", "add", "dev", dev, "root", "handle", "10:", *tbf,
                   netns=netns)
        if netem.returncode != 0:
            self.relay_rtt = self.rtt / 1000
            print(f"tc has no netem here ({netem.stderr.strip()}): the rate is shaped by tbf, "
                  f"the {self.rtt:g} ms round trip is added by the phones' relay "
                  "(bench/hall_phone.py delay_relay)", flush=True)
        return self

    def __exit__(self, *exc: object) -> None:
        self.remove()

    @staticmethod
    def remove() -> None:
        sh("ip", "link", "del", HOST_IF, check=False)
        sh("ip", "netns", "del", NS, check=False)

    @staticmethod
    def wire_bytes() -> int:
        stats = Path(f"/sys/class/net/{HOST_IF}/statistics")
        return int((stats / "rx_bytes").read_text()) + int((stats / "tx_bytes").read_text())


class Server:
    """`tdp`'s server (`python -m tdp.app.server`) or stock `voila`, listening on the veth."""

    def __init__(self, kind: str, port: int, work: Path, db_url: str, extra: list[str]) -> None:
        self.kind, self.port = kind, port
        env = dict(os.environ, TDP_DATABASE_URL=db_url, TDP_VAR_DIR=str(work / "var"))
        common = [str(ROOT / "notebooks"), f"--port={port}", "--no-browser",
                  f"--Voila.ip={HOST_IP}"]
        if kind == "tdp":
            cmd = [sys.executable, "-m", "tdp.app.server", *common,
                   f"--CourseVoila.lan_hosts=['{HOST_IP}']",
                   "--CourseVoila.max_kernels_per_notebook=200",
                   "--MappingKernelManager.cull_idle_timeout=90",  # > a page under load
                   "--MappingKernelManager.cull_interval=5", *extra]
            cwd = ROOT  # voila.json
        else:
            cmd = [str(Path(sys.executable).with_name("voila")), *common]
            cwd = work / "stock"  # no voila.json: Voilà's defaults
            cwd.mkdir(exist_ok=True)
        logs = ROOT / "var" / "bench"
        logs.mkdir(parents=True, exist_ok=True)
        self.log = (logs / f"{kind}-{port}.log").open("wb")
        self.proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=self.log,
                                     stderr=subprocess.STDOUT, start_new_session=True)
        self.base = f"http://{HOST_IP}:{port}"
        self.cpu_seen: dict[int, float] = {}
        deadline = time.monotonic() + 240
        while time.monotonic() < deadline:
            try:
                import urllib.request
                urllib.request.urlopen(self.base + "/voila/static/voila.js", timeout=5).close()
                return
            except OSError:
                time.sleep(1)
        raise RuntimeError(f"{kind} did not start")

    def procs(self) -> list:
        import psutil

        main = psutil.Process(self.proc.pid)
        return [main, *main.children(recursive=True)]

    def sample_cpu(self) -> None:
        """Remember each process's CPU time (a culled kernel's last figure is kept)."""
        for p in self.procs():
            try:
                t = p.cpu_times()
                self.cpu_seen[p.pid] = t.user + t.system
            except Exception:  # noqa: BLE001 - gone between listing and asking
                continue

    def cpu(self) -> float:
        self.sample_cpu()
        return sum(self.cpu_seen.values())

    def pss_mb(self) -> float:
        total = 0.0
        for p in self.procs():
            try:
                total += p.memory_full_info().pss / 2**20
            except Exception:  # noqa: BLE001
                continue
        return total

    def kernels(self) -> int:
        return len(self.procs()) - 1

    def settle(self, timeout: float = 300) -> None:
        """Until the server and its kernels are idle (pools filled)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            before = self.cpu()
            time.sleep(3)
            if self.cpu() - before < 0.3:
                return

    def stop(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
        self.log.close()


def record_assets(server: Server, page: str, cache_file: Path) -> list[str]:
    """Every address Chromium fetches for `page` (but the page itself and its kernel's),
    recorded once per server configuration and kept in `cache_file`."""
    if cache_file.is_file():
        return json.loads(cache_file.read_text())
    from playwright.sync_api import sync_playwright

    seen: list[str] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        tab = browser.new_page()
        tab.on("request", lambda r: seen.append(r.url))
        tab.goto(server.base + page, timeout=240_000)
        tab.locator(READY[page]).wait_for(timeout=240_000)
        tab.wait_for_timeout(2000)
        browser.close()
    assets = []
    for url in seen:
        path = url[len(server.base):]
        if path.startswith(server.base) or path.split("?")[0] == page or "/api/kernels/" in path:
            continue
        if path not in assets:
            assets.append(path)
    cache_file.parent.mkdir(parents=True, exist_ok=True)
    cache_file.write_text(json.dumps(assets, indent=0))
    return assets


def visit(server: Server, page: str, assets: list[str], phones: int, spread: float,
          work: Path, person: dict, cache_in: Path | None, cache_out: Path) -> dict:
    """One wave of `phones` phones on `page`; the figures of that wave."""
    spec = {"base": server.base, "page": page, "assets": assets, "phones": phones,
            "spread": spread, "timeout": 180, "person": person,
            "cache_in": str(cache_in) if cache_in else "", "cache_out": str(cache_out),
            "relay_rtt": HALL.relay_rtt if HALL else 0.0,
            "interact": page == PAGES[server.kind][0]}  # the portal's login
    spec_file = work / "phones.json"
    spec_file.write_text(json.dumps(spec))
    start_pss, cpu0, wire0 = server.pss_mb(), server.cpu(), Hall.wire_bytes()
    main0 = server.cpu_seen.get(server.proc.pid, 0.0)
    peak = {"pss": start_pss, "kernels": server.kernels()}
    stop = threading.Event()

    def watch() -> None:  # peak memory while the phones are there; CPU of culled kernels
        while not stop.wait(2):
            server.sample_cpu()
            pss = server.pss_mb()
            if pss > peak["pss"]:
                peak.update(pss=pss, kernels=server.kernels())

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    out = sh(sys.executable, str(Path(__file__).with_name("hall_phone.py")), str(spec_file),
             netns=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    phones_cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    stop.set()
    watcher.join()
    results = json.loads(out.stdout)
    name = f"hall-phones-{server.kind}-{phones}-{page.strip('/').replace('/', '_')}.json"
    (ROOT / "var" / "bench" / name).write_text(json.dumps(results))
    usable = sorted(r["usable"] for r in results if r["usable"] is not None)
    inter = sorted(r["interaction"] for r in results if r["interaction"] is not None)
    errors = sorted({r["error"] for r in results if r["error"]})
    return {"served": len(usable), "n": phones, "p50": pct(usable, 50), "p95": pct(usable, 95),
            "inter95": pct(inter, 95), "bytes": (Hall.wire_bytes() - wire0) / phones,
            "cpu": server.cpu() - cpu0, "pss": peak["pss"] / phones,
            "main_cpu": server.cpu_seen.get(server.proc.pid, 0.0) - main0,
            "phones_cpu": phones_cpu,
            "start_pss": start_pss, "errors": errors[:3]}


def pct(values: list[float], p: int) -> float | None:
    if not values:
        return None
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def after_culling(server: Server, start_pss: float, wait: float) -> float:
    """Memory (PSS) once the phones left and culling had `wait` seconds, vs the start, %."""
    time.sleep(wait)
    return 100.0 * (server.pss_mb() - start_pss) / start_pss


def a_resident(db_url: str) -> dict:
    """A living resident with a VNeID account and a training password (the login's input)."""
    from tdp.registry.store import RegistryRepo
    from tdp.store import database

    store = database.Store(db_url)
    with store.reading() as session:
        for p in RegistryRepo(session).all():
            if p.con_song and p.vneid_muc >= 1 and p.mat_khau_tap_huan:
                return {"so_dinh_danh": p.so_dinh_danh, "mat_khau_tap_huan": p.mat_khau_tap_huan}
    raise RuntimeError("no resident with a VNeID account")


def load() -> str:
    return "load average {:.2f} {:.2f} {:.2f}".format(*os.getloadavg())


def crowd(kind: str, n: int, args: argparse.Namespace, work: Path, db_url: str,
          person: dict, port: int) -> list[dict]:
    extra = pool_args(args.pool) if kind == "tdp" and args.pool is not None else []
    extra += args.tdp_arg if kind == "tdp" else []
    server = Server(kind, port, work, db_url, extra)
    rows = []
    try:
        first, second = PAGES[kind]
        assets = {page: record_assets(server, page, ROOT / "var" / "bench" /
                                      f"hall-assets-{kind}{page.replace('/', '_')}.json")
                  for page in (first, second)}
        time.sleep(5)
        server.settle()
        cache = work / f"cache-{kind}-{n}.json"
        for label, page, cache_in in (("first", first, None), ("second", second, cache)):
            row = visit(server, page, assets[page], n, args.spread, work, person, cache_in,
                        cache)
            rows.append({"kind": kind, "visit": label, **row})
            print(fmt(rows[-1]), flush=True)
        rows[-1]["back"] = after_culling(server, rows[0]["start_pss"], args.cull_wait)
        rows[0]["back"] = rows[-1]["back"]
        print(f"  {kind} N={n}: memory after the phones left and {args.cull_wait:.0f} s: "
              f"{rows[-1]['back']:+.1f} % of the start ({rows[0]['start_pss']:.0f} MB)",
              flush=True)
    finally:
        server.stop()
    return rows


def pool_args(size: int) -> list[str]:
    """The two trainee apps' preheated pools at `size` (voila.json's sizes otherwise)."""
    pools = {"default": {"pool_size": 0}, "app/thuc_hanh.ipynb": {"pool_size": size},
             "app/luyen_tap.ipynb": {"pool_size": size}}
    return [f"--VoilaKernelManager.kernel_pools_config={json.dumps(pools)}"]


def fmt(r: dict) -> str:
    def s(v: float | None, spec: str = ".2f") -> str:
        return "—" if v is None else format(v, spec)
    return (f"{r['kind']:6} N={r['n']:<3} {r['visit']:6} served {r['served']:>3}/{r['n']:<3} "
            f"usable p50 {s(r['p50'])} s p95 {s(r['p95'])} s  interaction p95 "
            f"{s(r['inter95'] and r['inter95'] * 1000, '.0f')} ms  {r['bytes'] / 1024:,.0f} KB"
            f"/phone  server CPU {r['cpu']:.0f} s (its main process {r.get('main_cpu', 0):.0f} s)"
            f"  PSS/trainee {r['pss']:.0f} MB  phones' own CPU {r.get('phones_cpu', 0):.0f} s"
            + (f"  errors {r['errors']}" if r["errors"] else ""))


def kernel_cost(server: Server, page: str) -> tuple[float, float]:
    """CPU seconds one kernel that no pool prepared costs until its page is usable (the
    page's HTML complete): the new kernel's own, and everything the server side spent."""
    import urllib.request

    before = {p.pid for p in server.procs()}
    total0 = server.cpu()
    with urllib.request.urlopen(server.base + page, timeout=300) as response:
        response.read()
    own = 0.0
    for p in server.procs():
        if p.pid not in before:
            with contextlib.suppress(Exception):
                t = p.cpu_times()
                own += t.user + t.system
    return own, server.cpu() - total0


def levers(args: argparse.Namespace, work: Path, db_url: str, person: dict) -> None:
    """One phone, cold then warm, on each lever's configuration: the bytes each saves; and
    what a kernel that no pool prepared costs (CPU, memory) on each."""
    base_cpu = None
    for i, (name, extra) in enumerate(LEVERS.items()):
        server = Server("tdp", 18900 + i, work, db_url, extra)
        try:
            first, second = PAGES["tdp"]
            key = f"lever{i}"
            assets = {p: record_assets(server, p, work / f"assets-{key}{p.replace('/', '_')}")
                      for p in (first, second)}
            server.settle()
            cache = work / f"cache-{key}.json"
            cold = visit(server, first, assets[first], 1, 0, work, person, None, cache)
            warm = visit(server, second, assets[second], 1, 0, work, person, cache, cache)
            server.settle()
            pss0 = server.pss_mb()
            costs = [kernel_cost(server, COLD_PAGE) for _ in range(3)]
            own = sorted(c[0] for c in costs)[1]  # the median of three
            total = sorted(c[1] for c in costs)[1]
            pss = (server.pss_mb() - pss0) / 3
            base_cpu = base_cpu or own
            print(f"{name:40} requests {len(assets[first]) + 1:>3}  first visit "
                  f"{cold['bytes'] / 1024:,.0f} KB, usable {cold['p50'] or float('nan'):.2f} s;"
                  f" second {warm['bytes'] / 1024:,.0f} KB, usable "
                  f"{warm['p50'] or float('nan'):.2f} s; a kernel not from a pool: CPU "
                  f"{own:.2f} s ({own / base_cpu:.2f}× the first row), server side "
                  f"{total:.2f} s, +{pss:.0f} MB PSS", flush=True)
        finally:
            server.stop()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--phones", type=int, nargs="+", default=[30, 60])
    parser.add_argument("--spread", type=float, default=10.0, help="arrivals within (s)")
    parser.add_argument("--rate", type=float, default=50.0, help="Mbit/s each way")
    parser.add_argument("--rtt", type=float, default=20.0, help="round trip (ms)")
    parser.add_argument("--cull-wait", type=float, default=150.0)
    parser.add_argument("--only", choices=["tdp", "voila"], default=None)
    parser.add_argument("--levers", action="store_true")
    parser.add_argument("--tdp-arg", action="append", default=[],
                        help="one more setting for tdp's server, e.g. "
                             "--tdp-arg=--CourseVoila.phones_loading=8")
    parser.add_argument("--pool", type=int, default=None,
                        help="preheated kernels per trainee app (default: voila.json's)")
    args = parser.parse_args()
    why = preflight()
    if why:
        print(f"bench/hall.py cannot shape the link: {why}", file=sys.stderr)
        return 2
    print(f"{load()}; {os.cpu_count()} cores; link {args.rate:g} Mbit/s each way, "
          f"{args.rtt:g} ms RTT", flush=True)
    global HALL  # noqa: PLW0603 - one hall per run
    lock = (ROOT / "var").joinpath("bench-hall.lock")
    lock.parent.mkdir(exist_ok=True)
    with lock.open("w") as held:
        try:
            fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            print("bench/hall.py is already running (one hall at a time)", file=sys.stderr)
            return 2
        return run(args)


def run(args: argparse.Namespace) -> int:
    global HALL  # noqa: PLW0603 - one hall per run
    with tempfile.TemporaryDirectory() as tmp, Hall(args.rate, args.rtt) as HALL:
        work = Path(tmp)
        db_url = seeded_copy(work)
        person = a_resident(db_url)
        if args.levers:
            levers(args, work, db_url, person)
            print(load())
            return 0
        rows = []
        for n in args.phones:
            for j, kind in enumerate(k for k in ("tdp", "voila") if args.only in (None, k)):
                rows += crowd(kind, n, args, work, db_url, person, 18800 + 2 * n + j)
        print(f"\n{load()}; pools: {args.pool if args.pool is not None else 'voila.json'}")
        for n in args.phones:
            for label in ("first", "second"):
                mine = [r for r in rows if r["n"] == n and r["visit"] == label]
                if len(mine) == 2 and mine[0]["p95"] and mine[1]["p95"]:
                    print(f"N={n} {label}: p95 stock/tdp {mine[1]['p95'] / mine[0]['p95']:.1f}×, "
                          f"bytes stock/tdp {mine[1]['bytes'] / mine[0]['bytes']:.1f}×")
        (ROOT / "var" / "bench").mkdir(parents=True, exist_ok=True)
        (ROOT / "var" / "bench" / "hall-last.json").write_text(json.dumps(rows, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
