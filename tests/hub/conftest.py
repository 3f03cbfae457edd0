"""A real province hub for the tests: PostgreSQL, JupyterHub with its npm proxy, two classes.

Everything is started here and stopped afterwards, including the system accounts the
spawner runs servers as (the tests run as root, as CI does).
"""

from __future__ import annotations

import os
import pwd
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import requests
from postgres import free_port, postgres_server

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


def _parse_logins(output: str) -> dict[str, str]:
    found = {}
    for line in output.splitlines():
        parts = line.split("\t")
        if len(parts) == 3 and parts[0] != "Tên đăng nhập":
            found[parts[0]] = parts[1]
        if "tên đăng nhập" in line and "mật khẩu" in line:
            words = line.replace(",", "").split()
            found[words[words.index("nhập") + 1]] = words[words.index("khẩu") + 1]
    return found


@pytest.fixture(scope="package")
def hub() -> Iterator[Hub]:
    if os.geteuid() != 0:
        pytest.fail("the hub tests create system accounts: run them as root (CI does)")
    suffix = secrets.token_hex(2)
    base = Path(tempfile.mkdtemp(prefix="tdp-hub-"))
    base.chmod(0o711)
    with postgres_server() as pg:
        env = {**os.environ, "TDP_HUB_PG": pg, "TDP_VAR_DIR": str(base / "var")}
        port = free_port()
        made = Hub(url=f"http://127.0.0.1:{port}", dir=base / "hub", env=env, classes={})
        init = subprocess.run([str(TDP), "hub", "init", "--province", "gia_lai", "--dir",
                               str(made.dir), "--pg", pg, "--bind-url", made.url, "--prefix",
                               f"t{suffix}"], env=env, capture_output=True, text=True)
        assert init.returncode == 0, init.stderr
        for klass, trainer, ward, trainees in (
            (f"a{suffix}", "Trần Thị Giảng", "thong_nhat", ["Nguyễn Văn An", "Phạm Thị Bình"]),
            (f"b{suffix}", "Lê Văn Dạy", "pleiku", ["Hoàng Văn Cường"]),
        ):
            added = made.tdp("hub", "class", "add", klass, "--trainer", trainer, "--ward", ward)
            assert added.returncode == 0, added.stderr
            made.classes[klass] = next(iter(_parse_logins(added.stdout)))
            made.logins.update(_parse_logins(added.stdout))
            member = made.tdp("hub", "class", "member", klass, *trainees)
            assert member.returncode == 0, member.stderr
            new = _parse_logins(member.stdout)
            made.logins.update(new)
            made.members[klass] = list(new)
        staff = made.tdp("hub", "staff", "Cán Bộ Tỉnh")
        assert staff.returncode == 0, staff.stderr
        made.staff = next(iter(_parse_logins(staff.stdout)))
        made.logins.update(_parse_logins(staff.stdout))
        try:
            made.start()
            yield made
        finally:
            made.stop()
            for user in list(made.logins) + [f"grader-{k}" for k in made.classes]:
                try:
                    pwd.getpwnam(user)
                except KeyError:
                    continue
                subprocess.run(["userdel", user], capture_output=True)
            shutil.copy(made.dir / "hub.log", "/tmp/hubtest.log")
            shutil.rmtree(base, ignore_errors=True)
