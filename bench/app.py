"""Benchmark of the practice app in headless Chromium (issue 3).

1. Time from navigation to the first usable form field (the VNeID number box), median of
   `--runs` runs, with cold kernels and with preheated kernels, and their ratio.
2. `--trainees` simulated trainees opening the app within `--spread` seconds (preheated
   server): how many got a working page, p50/p95 time, memory per kernel and of the whole
   server, and memory after they leave and culling has run.

3. `--front-end`: the front end's own cost, one page with a cold then a warm browser cache,
   at 1× and 4× CPU throttling (a cheap phone): seconds to the first usable field and the
   bytes received.

It also prints the CPU Chromium spends per page and, during the crowd, the CPU used by
Chromium, the server and the kernels: on one machine the browsers compete with the server.

Run: .venv/bin/python bench/app.py [--runs 5] [--trainees 30] [--spread 10] [--pool 4]
BENCH_EXTRA='["--Voila.option=value"]' adds server options to the crowd's server.
Each server gets its own copy of a seeded store in a temporary directory.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

EXTRA = json.loads(os.environ.get("BENCH_EXTRA", "[]"))  # experiments only
ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]
FIELD = ".tdp-input-login-so_dinh_danh input"
APP = "/cong"  # the portal at its clean address (tdp.app.routes)
READY_JS = """
new MutationObserver((_m, obs) => {
  const field = document.querySelector('FIELD_SELECTOR');
  if (field && field.offsetParent !== null) {
    window.__tdpReady = performance.now();  // ms since this page's navigation started
    obs.disconnect();
  }
}).observe(document, {childList: true, subtree: true});
""".replace("FIELD_SELECTOR", FIELD)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def seeded_copy(work: Path) -> str:
    from tdp.catalog import load_catalog
    from tdp.engine import ensure_registry
    from tdp.screens.drafts import ensure_tables
    from tdp.store import database

    path = work / "tdp.sqlite"
    store = database.Store(f"sqlite:///{path}")
    ensure_registry(store, load_catalog())
    ensure_tables(store)
    store.dispose()
    return f"sqlite:///{path}"


class Server:
    def __init__(self, work: Path, db_url: str, extra: list[str]):
        self.port = free_port()
        env = dict(os.environ, TDP_DATABASE_URL=db_url, TDP_VAR_DIR=str(work / "var"))
        args = [sys.executable, "-m", "tdp.app.server", str(ROOT / "notebooks"),
                f"--port={self.port}", "--no-browser", "--Voila.ip=127.0.0.1", *extra]
        self.log = (work / f"server-{self.port}.log").open("wb")
        self.proc = subprocess.Popen(args, cwd=ROOT, env=env, stdout=self.log,
                                     stderr=subprocess.STDOUT, start_new_session=True)
        self.url = f"http://127.0.0.1:{self.port}{APP}"
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{self.port}/voila/static/tdp.css",
                                       timeout=5).close()
                return
            except OSError:
                time.sleep(0.5)
        raise RuntimeError("server did not start")

    def memory(self) -> tuple[float, list[float]]:
        """(server + kernels RSS, [each kernel's RSS]) in MB."""
        import psutil

        main = psutil.Process(self.proc.pid)
        procs = [main, *main.children(recursive=True)]
        kernels = [p for p in procs if "ipykernel" in " ".join(p.cmdline())]
        rss = [p.memory_info().rss / 2**20 for p in procs]
        return sum(rss), [p.memory_info().rss / 2**20 for p in kernels]

    def kernels(self) -> int:
        return len(self.memory()[1])

    def stop(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
        self.log.close()


def cpu_seconds(server: Server) -> dict[str, float]:
    """CPU seconds used so far by Chromium's processes, by the server and by its kernels:
    where the time of a crowd goes."""
    import psutil

    used = {"chromium": 0.0, "server": 0.0, "kernels": 0.0}
    main = psutil.Process(server.proc.pid)
    mine = {main.pid: "server"} | {p.pid: "kernels" for p in main.children(recursive=True)}
    for p in psutil.process_iter(["cmdline"]):
        try:
            group = mine.get(p.pid) or (
                "chromium" if "chromium" in " ".join(p.info["cmdline"] or []) else None)
            if group:
                t = p.cpu_times()
                used[group] += t.user + t.system
        except psutil.Error:
            continue
    return used


def time_to_field(browser, server: Server) -> tuple[float, float]:  # noqa: ANN001
    """(seconds to a usable first field, CPU seconds Chromium spent on it)."""
    before = cpu_seconds(server)["chromium"]
    page = browser.new_page(viewport={"width": 360, "height": 740})
    start = time.perf_counter()
    page.goto(server.url, timeout=180_000)
    page.locator(FIELD).wait_for(state="visible", timeout=180_000)
    page.locator(FIELD).fill("0")  # usable: it takes typing
    took = time.perf_counter() - start
    cpu = cpu_seconds(server)["chromium"] - before
    page.close()
    return took, cpu


def wait_for_pool(server: Server, size: int, timeout: float = 600) -> None:
    """Until the pool has `size` kernels and the server and its kernels are idle (the pool's
    notebooks have run)."""
    import psutil

    deadline = time.monotonic() + timeout
    while server.kernels() < size and time.monotonic() < deadline:
        time.sleep(1)
    main = psutil.Process(server.proc.pid)
    while time.monotonic() < deadline:
        procs = [main, *main.children(recursive=True)]
        for p in procs:
            p.cpu_percent(None)
        time.sleep(1.0)
        busy = sum(p.cpu_percent(None) for p in procs if p.is_running())
        if busy < 10:
            return


def pools(size: int) -> list[str]:
    """A pool of `size` preheated kernels for the practice app only (voila.json's own pools
    are replaced: the bench measures one notebook)."""
    config = json.dumps({"default": {"pool_size": 0}, APP.rsplit("/", 1)[1]: {"pool_size": size}})
    return ["--VoilaConfiguration.preheat_kernel=True",
            f"--VoilaKernelManager.kernel_pools_config={config}"]


def single(browser, work: Path, db_url: str, preheat: bool,  # noqa: ANN001
           runs: int) -> list[tuple[float, float]]:
    extra = pools(1) if preheat else ["--VoilaConfiguration.preheat_kernel=False"]
    server = Server(work, db_url, extra)
    try:
        times = []
        for _ in range(runs):
            if preheat:
                wait_for_pool(server, 1)
            times.append(time_to_field(browser, server))
        return times
    finally:
        server.stop()


def crowd(pw, work: Path, db_url: str, trainees: int, spread: float, pool: int) -> dict:  # noqa: ANN001
    extra = [*pools(pool),
             "--MappingKernelManager.cull_idle_timeout=300", *EXTRA,  # after the 240 s wait
             "--MappingKernelManager.cull_interval=5",
             "--MappingKernelManager.cull_connected=False"]
    server = Server(work, db_url, extra)
    try:
        wait_for_pool(server, pool)
        start_mem, _ = server.memory()
        results: list[float | None] = [None] * trainees
        pages = []
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        contexts = [browser.new_context(viewport={"width": 360, "height": 740})
                    for _ in range(trainees)]
        for ctx in contexts:  # each page notes when its first field appeared
            ctx.add_init_script(READY_JS)
        cpu_start = cpu_seconds(server)
        t0 = time.perf_counter()
        opened = []
        for i, ctx in enumerate(contexts):
            target = t0 + spread * i / max(trainees - 1, 1)
            time.sleep(max(0.0, target - time.perf_counter()))
            page = ctx.new_page()
            opened.append((i, page, time.perf_counter()))
            page.goto(server.url, wait_until="commit", timeout=180_000)
        deadline = time.monotonic() + 240
        waiting = dict((i, page) for i, page, _began in opened)
        while waiting and time.monotonic() < deadline:
            for i, page in list(waiting.items()):
                try:
                    ready = page.evaluate("window.__tdpReady")
                except Exception:  # noqa: BLE001 - a page still navigating
                    ready = None
                if ready is not None:
                    results[i] = ready / 1000.0
                    pages.append(waiting.pop(i))
            time.sleep(0.25)
        peak_mem, kernel_mem = server.memory()
        cpu_end = cpu_seconds(server)
        crowd_wall = time.perf_counter() - t0
        for ctx in contexts:
            ctx.close()
        browser.close()
        deadline = time.monotonic() + 420
        while server.kernels() > pool and time.monotonic() < deadline:
            time.sleep(2)
        time.sleep(5)
        end_mem, _ = server.memory()
        ok = [r for r in results if r is not None]
        ok.sort()
        return {
            "served": len(ok), "trainees": trainees,
            "p50": statistics.median(ok) if ok else None,
            "p95": ok[min(len(ok) - 1, int(round(0.95 * (len(ok) - 1))))] if ok else None,
            "kernel_mb": statistics.median(kernel_mem) if kernel_mem else None,
            "server_start_mb": start_mem, "server_peak_mb": peak_mem,
            "server_after_mb": end_mem, "wall": crowd_wall,
            "cpu": {k: cpu_end[k] - cpu_start[k] for k in cpu_end},
        }
    finally:
        server.stop()


def front_end(browser, work: Path, db_url: str, runs: int) -> None:  # noqa: ANN001
    """Cold vs warm browser cache, 1× and 4× CPU (Chrome DevTools' throttling)."""
    server = Server(work, db_url, pools(1))
    try:
        for rate in (1, 4):
            cold, warm, sizes = [], [], []
            for _ in range(runs):
                wait_for_pool(server, 1)
                context = browser.new_context(viewport={"width": 360, "height": 740})
                for attempt in (cold, warm):
                    received = [0]
                    page = context.new_page()
                    cdp = context.new_cdp_session(page)
                    cdp.send("Network.enable")
                    cdp.send("Emulation.setCPUThrottlingRate", {"rate": rate})
                    cdp.on("Network.loadingFinished",
                           lambda e, got=received: got.__setitem__(
                               0, got[0] + e["encodedDataLength"]))
                    start = time.perf_counter()
                    page.goto(server.url, timeout=180_000)
                    page.locator(FIELD).wait_for(state="visible", timeout=180_000)
                    attempt.append(time.perf_counter() - start)
                    sizes.append(received[0])
                    page.close()
                    wait_for_pool(server, 1)
                context.close()
            print(f"CPU {rate}×: cold cache {statistics.median(cold):.2f} s "
                  f"({sizes[0] / 1024:,.0f} KB), warm cache {statistics.median(warm):.2f} s "
                  f"({sizes[1] / 1024:,.0f} KB), load average "
                  f"{os.getloadavg()[0]:.2f}", flush=True)
    finally:
        server.stop()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--trainees", type=int, default=30)
    parser.add_argument("--spread", type=float, default=10.0)
    parser.add_argument("--pool", type=int, default=4,
                        help="preheated kernels of the practice app during the crowd")
    parser.add_argument("--skip-crowd", action="store_true")
    parser.add_argument("--skip-single", action="store_true")
    parser.add_argument("--front-end", action="store_true",
                        help="only: cold vs warm cache at 1× and 4× CPU")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        db_url = seeded_copy(work)
        with sync_playwright() as pw:
            if args.front_end:
                browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
                front_end(browser, work, db_url, args.runs)
                browser.close()
                return 0
            h = float("nan")
            if not args.skip_single:
                browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
                cold = single(browser, work, db_url, False, args.runs)
                warm = single(browser, work, db_url, True, args.runs)
                browser.close()
                c = statistics.median(t for t, _ in cold)
                h = statistics.median(t for t, _ in warm)
                print(f"cold kernel  : median {c:.2f} s  runs {[round(t, 2) for t, _ in cold]}")
                print(f"preheated    : median {h:.2f} s  runs {[round(t, 2) for t, _ in warm]}")
                print(f"ratio preheated/cold: {h / c:.2f} (goal ≤ 0.33)")
                print("Chromium CPU per page load (median): "
                      f"{statistics.median(u for _, u in cold + warm):.2f} s", flush=True)
            if not args.skip_crowd:
                r = crowd(pw, work, db_url, args.trainees, args.spread, args.pool)
                print(f"{r['served']}/{r['trainees']} trainees (arriving over "
                      f"{args.spread:.0f} s) got a working page within 240 s; "
                      f"p50 {r['p50']:.2f} s, p95 {r['p95']:.2f} s "
                      f"(goal ≤ {4 * h:.2f} s = 4× single)")
                cpu = r["cpu"]
                print(f"CPU during the crowd ({r['wall']:.0f} s, {os.cpu_count()} cores): "
                      f"Chromium {cpu['chromium']:.0f} s, server {cpu['server']:.0f} s, "
                      f"kernels {cpu['kernels']:.0f} s")
                print(f"memory: {r['kernel_mb']:.0f} MB per kernel (median); server "
                      f"{r['server_start_mb']:.0f} MB at start, {r['server_peak_mb']:.0f} MB "
                      f"with everyone, {r['server_after_mb']:.0f} MB after they left and "
                      "culling ran")
        shutil.rmtree(work / "var", ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
