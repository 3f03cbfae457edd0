"""The dashboard in Chromium: served by `tdp app` (tests/browser/appserver.py) on the
fixture data; a known figure, a filter that changes it, no error output, 360 px wide."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "browser"))  # appserver.py

from appserver import AppServer  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]
TIMEOUT_MS = 120_000  # the kernel starts slowly on two shared cores
DASHBOARD = "/giang-vien"

pytestmark = pytest.mark.browser


@pytest.fixture
def server(filled: dict[str, Any], db_url: str, tmp_path: Path) -> Iterator[AppServer]:
    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium chưa được cài: chạy `make browser`")
    with filled["store"].engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    app = AppServer(tmp_path, db_url)  # inherits TDP_GRADEBOOK_URL, TDP_TRAINEES_CSV
    app.start()
    yield app
    app.stop()


def test_dashboard_in_browser(server: AppServer) -> None:
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(viewport={"width": 360, "height": 740},
                                          locale="vi-VN")
            context.set_default_timeout(TIMEOUT_MS)
            page = context.new_page()
            page.goto(server.base + DASHBOARD)
            expect(page.get_by_text("BẢN MÔ PHỎNG — chỉ dùng để tập huấn")).to_be_visible(
                timeout=TIMEOUT_MS)
            # practice tab (the first): 3 attempts, Chi has not practised
            attempts = page.locator(".tdp-dash-practice-attempts .tdp-dash-value")
            expect(attempts).to_have_text("3", timeout=TIMEOUT_MS)
            expect(page.locator(".tdp-dash-waiting")).to_contain_text("Lê Thị Chi")
            # An's last practice, as Vietnamese write a date (not 2025-03-11)
            expect(page.locator(".tdp-dash-trainees")).to_contain_text("11/03/2025 09:00")
            # support tab: 3 visits, 2 after choosing Phường Thống Nhất
            page.get_by_role("tab", name="Hoạt động hỗ trợ").click()
            visits = page.locator(".tdp-dash-support-visits .tdp-dash-value")
            expect(visits).to_have_text("3")
            expect(page.locator(".tdp-dash-activity-chart img")).to_be_visible()
            page.locator(".tdp-dash-ward select").select_option(label="Phường Thống Nhất")
            expect(visits).to_have_text("2")
            page.locator(".tdp-dash-from select").select_option(label="04/2025")
            expect(visits).to_have_text("0")
            expect(page.locator(".tdp-dash-support .tdp-dash-empty")).to_have_text(
                "Chưa có dữ liệu.")
            # grades tab
            page.get_by_role("tab", name="Điểm bài tập").click()
            expect(page.locator(".tdp-dash-grade-table")).to_contain_text("Nguyễn Văn An")
            # no error output anywhere, no sideways scrolling on a phone
            for selector in (".jp-OutputArea-output[data-mime-type*='error']", ".tdp-problem",
                             ".jp-RenderedText[data-mime-type='application/vnd.jupyter.stderr']"):
                assert page.locator(selector).count() == 0, selector
            assert "Traceback" not in page.content()
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= 360, f"trang rộng {width}px"
        finally:
            browser.close()
