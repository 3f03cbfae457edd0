"""A running province hub as the tests drive it: start, stop, log in, open a page."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import requests

TDP = Path(sys.executable).parent / "tdp"
SOLVED = Path(__file__).resolve().parents[2] / "solutions" / "bai1" / "bai1.ipynb"


@dataclass
class Hub:
    """A running hub and who can log in to it."""

    url: str
    dir: Path
    env: dict[str, str]
    classes: dict[str, str]  # class id -> trainer username
    staff: str = ""  # a province staff account
    pg_admin_password: str = ""  # PostgreSQL's admin account's
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

    def server_post(self, session: requests.Session, username: str, path: str,
                    **data: str) -> requests.Response:
        xsrf = session.cookies.get("_xsrf", path=f"/user/{username}/") or ""
        return session.post(f"{self.url}/user/{username}/{path}", data=data,
                            headers={"X-XSRFToken": xsrf}, timeout=300)

    def assignments(self, session: requests.Session, username: str, klass: str) -> list[dict]:
        """What the trainee's own server lists for the class (nbgrader's assignment list),
        starting the server when it is not running (after a hub restart)."""
        listed = self.open_app(session, username, f"assignments?course_id={klass}").json()
        assert listed["success"], listed
        return listed["value"]

    def fetch_and_submit(self, klass: str, trainee: str,
                         answer: Callable[[Path], None] | None = None) -> requests.Session:
        """The trainee logs in, fetches the class's bai1 into their work area, `answer`s it
        there (as a trainee would: the file is theirs) and submits it through the exchange."""
        session = self.login(trainee)
        self.open_app(session, trainee, "tree")
        fetched = self.server_post(session, trainee, "assignments/fetch", course_id=klass,
                                   assignment_id="bai1")
        assert fetched.ok, fetched.text
        target = self.dir / "home" / trainee / klass / "bai1" / "bai1.ipynb"
        assert target.is_file()
        if answer is not None:
            answer(target)
        submitted = self.server_post(session, trainee, "assignments/submit", course_id=klass,
                                     assignment_id="bai1")
        assert submitted.ok and "success" in submitted.text, submitted.text
        return session

    def server_environment(self, username: str) -> dict[str, str]:
        """The environment the hub gave the trainee's running server (read from its process)."""
        import psutil

        for proc in psutil.process_iter(["username", "cmdline"]):
            if proc.info["username"] == username and any(
                    "jupyterhub-singleuser" in part for part in proc.info["cmdline"] or ()):
                return proc.environ()
        raise AssertionError(f"no server of {username} is running")

    def run_as(self, username: str, code: str) -> str:
        """Python run as the trainee's own account, in their running server's environment."""
        done = subprocess.run(["runuser", "-u", username, "--", sys.executable, "-c", code],
                              env=self.server_environment(username), cwd="/",
                              capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr
        return done.stdout


def put_as(owner: str, source: Path, target: Path) -> None:
    """Copy `source` over `target` as `owner` (the trainee's account writes its own file)."""
    subprocess.run(["runuser", "-u", owner, "--", "cp", str(source), str(target)], check=True)


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


