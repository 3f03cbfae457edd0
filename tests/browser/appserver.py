"""`tdp app` as a subprocess on a free port, for the browser tests."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TDP = Path(sys.executable).with_name("tdp")
APP_PATH = "/cong"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class AppServer:
    """`tdp app` as a subprocess; the log goes to a file the tests can read."""

    def __init__(self, workdir: Path, db_url: str, lan: bool = False, token: str = "",
                 extra: tuple[str, ...] = (), voila_args: tuple[str, ...] = ()):
        self.workdir = workdir
        self.db_url = db_url
        self.port = free_port()
        self.lan = lan
        self.token = token
        self.extra = extra
        self.voila_args = voila_args  # given: the server module itself, with these settings
        self.proc: subprocess.Popen | None = None
        self.log_path = workdir / f"app-{self.port}.log"

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def url(self) -> str:
        return self.page_url(APP_PATH)

    def page_url(self, path: str) -> str:
        """`path` on this server, with the token when it has one (the QR code's way in)."""
        return self.base + path + (f"?token={self.token}" if self.token else "")

    def start(self) -> None:
        env = dict(os.environ, TDP_DATABASE_URL=self.db_url,
                   TDP_VAR_DIR=str(self.workdir / "var"), PYTHONUNBUFFERED="1")
        args = [str(TDP), "app", "--port", str(self.port)]
        if self.voila_args:
            args = [sys.executable, "-m", "tdp.app.server", "notebooks", f"--port={self.port}",
                    "--no-browser", "--Voila.port_retries=0", "--Voila.ip=127.0.0.1",
                    *self.voila_args]
        if self.lan:
            args += ["--lan", "--token", self.token]
        args += list(self.extra)
        log = self.log_path.open("ab")
        self.proc = subprocess.Popen(args, cwd=ROOT, env=env, stdout=log,
                                     stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"tdp app exited: {self.log_path.read_text()[-2000:]}")
            try:
                with urllib.request.urlopen(self.base + "/voila/static/tdp.css", timeout=5):
                    return
            except urllib.error.HTTPError:  # listening (with --lan: refused without token)
                return
            except OSError:
                time.sleep(0.3)  # polling for the server to listen, not a timed assert
        raise RuntimeError("tdp app did not start")

    def stop(self) -> None:
        if self.proc is None:
            return
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=10)
        self.proc = None

    def restart(self) -> None:
        self.stop()
        self.start()
