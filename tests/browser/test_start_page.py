"""The course on a 360×740 phone screen, from the start page: its banner and cards, each
trainee app and lesson reached from there, no file name or English Voilà text anywhere, no
sideways scroll, a Vietnamese 404 with the way home, the practice's "Chọn buổi học" not hidden
behind the cards, and a closed page's kernel freed. Screenshots: test-artifacts/browser/."""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request

import pytest
from driver import shot
from playwright.sync_api import expect

from tdp.app.pages import load_site
from tdp.paths import project_root

BANNER = "BẢN MÔ PHỎNG — chỉ dùng để tập huấn"
ENGLISH = ("Select items", "Voilà", "Voila", "Jupyter", "Notebook", "Not Found", "Kernel",
           "Error", "Loading")
SITE = load_site(project_root() / "notebooks")
# what shows that each page is up (the apps' first screen, a lesson's first "Thử ngay")
READY = {"cong": ".tdp-input-login-so_dinh_danh input", "luyen-tap": ".tdp-input-hoc_vien input",
         "bai-tap": ".tdp-app", "giang-vien": ".tdp-dashboard"}


def _visible_text_is_clean(page, name: str) -> None:
    body = page.inner_text("body")
    assert ".ipynb" not in body, name
    for word in ENGLISH:
        assert word not in body, f"{name}: {word}"


def _no_sideways_scroll(page, name: str) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"{name}: {width}px"


@pytest.mark.browser
def test_start_page_banner_and_cards(page, app_server):
    page.goto(app_server.base + "/")
    expect(page.locator(".tdp-page-banner")).to_have_text(BANNER)
    for p in SITE.pages:
        card = page.locator(f".tdp-site-card[data-page='{p.path}']")
        expect(card).to_be_visible()
        expect(card).to_contain_text(p.title)
        expect(card).to_contain_text(p.description)
    expect(page.get_by_text("Bảng điều khiển của giảng viên")).to_be_visible()  # local only
    _visible_text_is_clean(page, "trang-dau")
    shot(page, "trang-dau-360")


@pytest.mark.browser
@pytest.mark.parametrize("target", [p.path for p in SITE.pages])
def test_each_page_is_reached_from_the_start_page(page, app_server, target):
    page.goto(app_server.base + "/")
    page.locator(f".tdp-site-card[data-page='{target}'] a").click()
    page.wait_for_url(f"{app_server.base}/{target}")
    lesson = target.startswith("bai-hoc/")
    expect(page.locator(READY.get(target, ".tdp-thu-ngay button")).first).to_be_visible()
    banner = page.locator(".tdp-page-banner" if lesson else ".tdp-banner").first
    expect(banner).to_have_text(BANNER)
    expect(banner).to_be_visible()
    expect(page.locator(".tdp-page-home")).to_be_visible()
    _visible_text_is_clean(page, target)
    _no_sideways_scroll(page, target)
    shot(page, "trang-" + target.replace("/", "-") + "-360")
    page.locator(".tdp-page-home").click()
    page.wait_for_url(f"{app_server.base}/")


@pytest.mark.browser
def test_unknown_address_is_a_vietnamese_404_with_the_way_home(page, app_server):
    for path in ("/khong-co-trang-nay", "/voila/tree", "/voila/render/thuc_hanh.ipynb/x",
                 "/app/khong_co.ipynb"):
        response = page.goto(app_server.base + path)
        assert response.status == 404, path
        expect(page.get_by_role("heading", name="Không tìm thấy trang")).to_be_visible()
        _visible_text_is_clean(page, path)
    shot(page, "khong-tim-thay-360")
    page.get_by_role("link", name="Về trang đầu").click()
    expect(page.locator(".tdp-site-card").first).to_be_visible()


@pytest.mark.browser
def test_practice_module_picker_is_not_hidden_by_the_cards(page, app_server):
    page.goto(app_server.base + "/luyen-tap")
    page.locator(".tdp-input-hoc_vien input").fill("Nguyễn Thị Lan")
    page.locator(".tdp-trainee-submit").click()
    select = page.locator(".tdp-input-mo_dun select")
    expect(select).to_be_visible()
    expect(page.locator(".tdp-scenario-card").first).to_be_visible()
    box = page.locator(".tdp-input-mo_dun").bounding_box()
    inner = select.bounding_box()
    assert box and inner
    assert inner["y"] + inner["height"] <= box["y"] + box["height"] + 0.5, (box, inner)
    # the select is what a finger on it touches, not a card drawn over it
    on_top = page.evaluate(
        "([x, y]) => document.elementFromPoint(x, y).tagName",
        [inner["x"] + inner["width"] / 2, inner["y"] + inner["height"] / 2])
    assert on_top == "SELECT"
    shot(page, "luyen-tap-chon-buoi-360")


def _kernel_alive(base: str, kernel: str) -> bool:
    try:
        with urllib.request.urlopen(f"{base}/api/kernels/{kernel}", timeout=30) as r:
            return json.loads(r.read()).get("id") == kernel
    except urllib.error.HTTPError as exc:
        if exc.code == 404:
            return False
        raise


@pytest.mark.browser
def test_a_closed_page_frees_its_kernel(browser, app_server):
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.goto(app_server.base + "/bai-hoc/2")
    expect(page.locator(".tdp-thu-ngay button").first).to_be_visible()
    kernel = page.evaluate(
        "JSON.parse(document.getElementById('jupyter-config-data').textContent).kernelId")
    assert _kernel_alive(app_server.base, kernel)
    page.close(run_before_unload=True)
    deadline = time.monotonic() + 120
    while _kernel_alive(app_server.base, kernel) and time.monotonic() < deadline:
        time.sleep(0.5)  # waiting for the beacon's shutdown, not a timed assert
    alive = _kernel_alive(app_server.base, kernel)
    context.close()
    assert not alive
