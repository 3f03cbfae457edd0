"""A running province hub as the tests drive it: start, stop, log in, open a page."""

from __future__ import annotations

import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import requests

TDP = Path(sys.executable).parent / "tdp"


@dataclass
class Hub:
    """A running hub and who can log in to it."""

    url: str
    dir: Path
    env: dict[str, str]
    classes: dict[str, str]  # class id -> trainer username
    staff: str = ""  # a province staff account
    logins: dict[str, str] = field(default_factory=dict)  # username -> password
    members: dict[str, list[str]] = field(default_factory=dict)  # class id -> trainees
    process: subprocess.Popen | None = None

    def tdp(self, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run([str(TDP), *args, "--dir", str(self.dir)], env=self.env,
                              capture_output=True, text=True, timeout=300)

    def start(self) -> None:
        log = (self.dir / "hub.log").open("a")
        self.process = subprocess.Popen([str(TDP), "hub", "up", "--dir", str(self.dir)],
                                        env=self.env, stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            try:
                if requests.get(f"{self.url}/hub/health", timeout=5).ok:
                    return
            except requests.RequestException:  # not up yet (a busy machine answers late)
                pass
            if self.process.poll() is not None:
                break
            time.sleep(0.5)
        raise AssertionError("hub did not start:\n" + (self.dir / "hub.log").read_text()[-4000:])

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=120)

    def login(self, username: str, password: str | None = None) -> requests.Session:
        session = requests.Session()
        session.get(f"{self.url}/hub/login")
        reply = session.post(f"{self.url}/hub/login", allow_redirects=False, data={
            "username": username, "password": password or self.logins[username],
            "_xsrf": session.cookies.get("_xsrf", "")})
        session.login_status = reply.status_code  # type: ignore[attr-defined]
        return session

    def open_app(self, session: requests.Session, username: str, path: str) -> requests.Response:
        """GET a page of the user's own server, waiting while the hub starts it."""
        deadline = time.monotonic() + 240
        while True:
            reply = session.get(f"{self.url}/user/{username}/{path}", timeout=120)
            reply.encoding = "utf-8"
            if reply.status_code == 424:  # not running: what the page's script would do
                session.get(f"{self.url}/hub/spawn/{username}", timeout=120)
            elif "/spawn-pending/" not in reply.url or time.monotonic() > deadline:
                return reply
            time.sleep(1)


def parse_logins(output: str) -> dict[str, str]:
    found = {}
    for line in output.splitlines():
        parts = line.split("\t")
        if len(parts) == 3 and parts[0] != "Tên đăng nhập":
            found[parts[0]] = parts[1]
        if "tên đăng nhập" in line and "mật khẩu" in line:
            words = line.replace(",", "").split()
            found[words[words.index("nhập") + 1]] = words[words.index("khẩu") + 1]
    return found


