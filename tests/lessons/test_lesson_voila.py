"""In the browser: every lesson renders in `tdp app` (the app's own server and template, at
its clean address) on a 360 px screen with no sideways scroll and no error output, and a
"Thử ngay" answers when clicked; the start page links every lesson."""

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
from lesson_pages import LESSONS, NOTEBOOKS, ROOT
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.timeout(300)]

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
ERROR_OUTPUT = '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]'
WAIT_MS = 150_000
ARTIFACTS = ROOT / "test-artifacts" / "lessons"
BANNER = "BẢN MÔ PHỎNG — chỉ dùng để tập huấn"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def lesson_path(lesson: Path) -> str:
    """The clean address the app serves a lesson at: bai_hoc_3_… → /bai-hoc/3."""
    return "/bai-hoc/" + lesson.stem.split("_")[2]


@pytest.fixture(scope="module")
def voila_url(lesson_env) -> Iterator[str]:
    """`tdp app` on a free port: the server and template that serve the lessons to phones."""
    if not os.path.exists(CHROMIUM):
        pytest.fail("Chưa có Chromium (/usr/bin/chromium): chạy `make browser`")
    port = _free_port()
    cmd = [str(Path(sys.executable).with_name("tdp")), "app", f"--port={port}"]
    log = open(lesson_env["TDP_VAR_DIR"] + "-voila.log", "wb")  # noqa: SIM115
    proc = subprocess.Popen(cmd, cwd=ROOT, env=os.environ.copy(), stdout=log,
                            stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while True:
        try:
            urllib.request.urlopen(base + "/", timeout=2).close()
            break
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                log.close()
                pytest.fail("tdp app không khởi động được: "
                            + Path(log.name).read_text(errors="replace")[-2000:])
            time.sleep(0.2)  # polling for the server to listen, not a timed assert
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
    """Every lesson requested at once (Voilà runs the kernels side by side), on a 360 px
    phone (mobile viewport, touch), then waited for: a lesson is ready when its first "Thử
    ngay" button shows."""
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True,
                                  has_touch=True, device_scale_factor=2)
    pages = {}
    for lesson in LESSONS:
        page = context.new_page()
        page.goto(voila_url + lesson_path(lesson), wait_until="commit", timeout=WAIT_MS)
        pages[lesson.relative_to(NOTEBOOKS).as_posix()] = page
    for rel, page in pages.items():
        try:
            page.locator(".tdp-thu-ngay button").first.wait_for(state="visible",
                                                                 timeout=WAIT_MS)
        except Exception as exc:
            body = page.inner_text("body")[-1500:] if page.locator("body").count() else ""
            pytest.fail(f"{rel} không hiện trong Voilà: {exc}\n{body}")
    yield pages
    context.close()


@pytest.mark.parametrize("rel", [p.relative_to(NOTEBOOKS).as_posix() for p in LESSONS])
def test_lesson_renders_and_answers(rendered, rel):
    page = rendered[rel]
    _assert_no_errors(page, rel)
    # the app's template: its bar with the banner and the way home; no file name shown
    banner = page.locator(".tdp-page-bar .tdp-page-banner")
    expect(banner).to_have_text(BANNER)
    expect(banner).to_be_visible()
    assert ".ipynb" not in page.inner_text("body")
    assert page.locator("table.tdp-bang").count() >= 1, "bảng lấy từ danh mục thủ tục"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{Path(rel).stem}-360.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360, "trang cuộn ngang"
    button = page.locator(".tdp-thu-ngay button").first
    feedback = page.locator(".tdp-thu-ngay-feedback").first
    button.scroll_into_view_if_needed()
    button.tap()  # a finger on a phone; nothing chosen yet: the check asks for an answer
    page.wait_for_function("el => el.innerText.trim().length > 0",
                           arg=feedback.element_handle(), timeout=30_000)


def test_start_page_links_the_lessons(voila_url, browser):
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.goto(voila_url + "/")
    hrefs = page.eval_on_selector_all("a[href*='bai-hoc/']", "els => els.map(e => e.href)")
    assert sorted(hrefs) == sorted(voila_url + lesson_path(p) for p in LESSONS)
    context.close()
