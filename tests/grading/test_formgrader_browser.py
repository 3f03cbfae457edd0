"""The formgrader works in JupyterLab: `jupyter lab` on a copy of the released course, with
an nbgrader_config.py pointing at it, and nbgrader's /formgrader page lists the assignments.
"""

from __future__ import annotations

import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]
JUPYTER = Path(sys.executable).with_name("jupyter")
TIMEOUT_MS = 90_000  # two shared cores


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _config(course) -> str:
    lines = ['"""nbgrader settings of this scratch course (written by the formgrader test)."""',
             "c = get_config()  # noqa: F821"]
    for key, value in course.settings().items():
        lines.append(f"c.{key} = {value if value == 'True' else repr(value)}")
    lines.append(f"c.CourseDirectory.course_id = {'to_dan_pho_dien_tu'!r}")
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def lab(course, tmp_path_factory):
    """`jupyter lab` on a copy of the shared released course; stopped in teardown."""
    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium chưa được cài: chạy `make browser`")
    from tdp.grading.course import Course

    root = tmp_path_factory.mktemp("formgrader") / "khoa_hoc"
    shutil.copytree(course.root, root, ignore=shutil.ignore_patterns("submitted", "autograded",
                                                                     "feedback*", "phan_hoi"))
    copy = Course(root=root, var=root / "var", timeout=course.timeout)
    (root / "nbgrader_config.py").write_text(_config(copy), encoding="utf-8")
    port, token = _free_port(), secrets.token_hex(16)
    runtime = root.parent / "runtime"
    env = dict(os.environ, JUPYTER_RUNTIME_DIR=str(runtime), PYTHONUNBUFFERED="1")
    env["PATH"] = str(JUPYTER.parent) + os.pathsep + env.get("PATH", "")
    log_path = root.parent / "lab.log"
    as_root = ["--allow-root"] if os.geteuid() == 0 else []  # containers run tests as root
    with log_path.open("wb") as log:
        proc = subprocess.Popen(
            [str(JUPYTER), "lab", "--no-browser", f"--port={port}", "--ip=127.0.0.1",
             f"--ServerApp.token={token}", f"--ServerApp.root_dir={root}", *as_root],
            cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 180
        while True:
            if proc.poll() is not None:
                pytest.fail(f"jupyter lab exited:\n{log_path.read_text()[-3000:]}")
            try:
                with urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=5):
                    break
            except OSError:
                if time.monotonic() > deadline:
                    pytest.fail(f"jupyter lab did not start:\n{log_path.read_text()[-3000:]}")
                time.sleep(0.5)  # polling until the server listens
        yield base, token, log_path
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(timeout=10)


def test_formgrader_lists_the_assignments(lab):
    from playwright.sync_api import expect, sync_playwright

    base, token, log_path = lab
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_context().new_page()
            page.set_default_timeout(TIMEOUT_MS)
            response = page.goto(f"{base}/formgrader?token={token}")
            assert response is not None and response.ok, (response and response.status)
            link = page.locator("td.name a", has_text="bai1")
            expect(link).to_be_visible(timeout=TIMEOUT_MS)
            expect(page.locator("td.name a", has_text="bai5")).to_be_visible()
            assert "/formgrader" in page.url
        finally:
            browser.close()
    assert "The course directory root is not a subdirectory" not in log_path.read_text()
