"""In the browser: the start page and every lesson render in Voilà (the app's own server and
template) with no error output, and a "Thử ngay" answers when clicked."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from lesson_pages import LESSONS, NOTEBOOKS, PAGES, ROOT

pytestmark = [pytest.mark.browser, pytest.mark.timeout(300)]

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
ERROR_OUTPUT = '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]'
WAIT_MS = 150_000


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def voila_url(lesson_env) -> Iterator[str]:
    """Voilà serving notebooks/ on a free port, as the practice app's server does."""
    if not os.path.exists(CHROMIUM):
        pytest.fail("Chưa có Chromium (/usr/bin/chromium): chạy `make browser`")
    port = _free_port()
    cmd = [sys.executable, "-m", "tdp.app.server", str(NOTEBOOKS), f"--port={port}",
           "--no-browser", "--Voila.ip=127.0.0.1", "--Voila.port_retries=0",
           "--VoilaConfiguration.show_tracebacks=True"]
    log = open(lesson_env["TDP_VAR_DIR"] + "-voila.log", "wb")  # noqa: SIM115
    proc = subprocess.Popen(cmd, cwd=ROOT, env=os.environ.copy(), stdout=log,
                            stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(base + "/", timeout=2).close()
            break
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                log.close()
                pytest.fail("Voilà không khởi động được: "
                            + Path(log.name).read_text(errors="replace")[-2000:])
            time.sleep(0.2)
    try:
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


def _assert_no_errors(page, name: str) -> None:
    errors = page.locator(ERROR_OUTPUT)
    texts = [errors.nth(i).inner_text() for i in range(errors.count())]
    assert texts == [], f"{name}: {texts}"
    body = page.inner_text("body")
    for bad in ("Traceback", "Error displaying widget", "There was an error"):
        assert bad not in body, f"{name}: {bad}"


@pytest.fixture(scope="module")
def rendered(voila_url, browser) -> Iterator[dict]:
    """Every page requested at once (Voilà runs the kernels side by side), on a phone-sized
    screen, then waited for: a lesson is ready when its first "Thử ngay" button shows."""
    context = browser.new_context(viewport={"width": 412, "height": 900})
    pages = {}
    for path in PAGES:
        page = context.new_page()
        rel = path.relative_to(NOTEBOOKS).as_posix()
        page.goto(f"{voila_url}/voila/render/{rel}", wait_until="commit", timeout=WAIT_MS)
        pages[rel] = page
    for rel, page in pages.items():
        ready = ("text=Thực hành trên Cổng mô phỏng" if rel == "index.ipynb"
                 else ".tdp-thu-ngay button")
        try:
            page.locator(ready).first.wait_for(state="visible", timeout=WAIT_MS)
        except Exception as exc:
            body = page.inner_text("body")[-1500:] if page.locator("body").count() else ""
            pytest.fail(f"{rel} không hiện trong Voilà: {exc}\n{body}")
    yield pages
    context.close()


@pytest.mark.parametrize("rel", [p.relative_to(NOTEBOOKS).as_posix() for p in LESSONS])
def test_lesson_renders_and_answers(rendered, rel):
    page = rendered[rel]
    _assert_no_errors(page, rel)
    assert "BẢN MÔ PHỎNG" in page.inner_text("body")
    assert page.locator("table.tdp-bang").count() >= 1, "bảng lấy từ danh mục thủ tục"
    button = page.locator(".tdp-thu-ngay button").first
    feedback = page.locator(".tdp-thu-ngay-feedback").first
    button.click()  # nothing chosen yet: the check asks for an answer
    page.wait_for_function("el => el.innerText.trim().length > 0",
                           arg=feedback.element_handle(), timeout=30_000)


def test_start_page_links_the_lessons(rendered, voila_url):
    page = rendered["index.ipynb"]
    _assert_no_errors(page, "index.ipynb")
    hrefs = page.eval_on_selector_all("a[href*='lessons/']", "els => els.map(e => e.href)")
    # The same addresses the lesson tests render: /voila/render/lessons/<file>.
    assert sorted(hrefs) == sorted(f"{voila_url}/voila/render/lessons/{p.name}" for p in LESSONS)
