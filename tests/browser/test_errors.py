"""The error path: submit an (almost) empty declaration."""

from __future__ import annotations

import pytest
from driver import login, login_person, open_app, open_procedure, shot
from playwright.sync_api import expect


@pytest.mark.browser
def test_empty_declaration_lists_errors_and_links_focus_fields(page, app_server, people):
    open_app(page, app_server.url)
    login(page, login_person(people, skip=40))
    open_procedure(page, "khai_sinh", "khai sinh")
    page.locator(".tdp-input-tre-ho_ten input").fill("Nguyễn Minh An")
    page.locator(".tdp-input-tre-ngay_sinh input").fill("31/02/2026")
    page.locator(".tdp-next").click()

    summary = page.locator(".tdp-error-summary")
    expect(summary.get_by_role("heading", name="Có lỗi cần sửa")).to_be_visible()
    links = summary.locator("button")
    expect(links.first).to_be_focused()
    assert links.count() >= 8
    shot(page, "loi-01-tom-tat", axe=True)

    # each entry names its field's problem, and the same words stand beside the field
    date_link = page.locator(".tdp-error-link-tre-ngay_sinh")
    beside = page.locator(".tdp-error-tre-ngay_sinh")
    expect(beside).to_contain_text(date_link.inner_text())
    date_link.click()
    expect(page.locator(".tdp-input-tre-ngay_sinh input")).to_be_focused()

    # by keyboard too: Enter on an entry moves focus to its field
    mother = page.locator(".tdp-error-link-me-ho_ten")
    mother.focus()
    page.keyboard.press("Enter")
    expect(page.locator(".tdp-input-me-ho_ten input")).to_be_focused()

    # what was typed stays
    expect(page.locator(".tdp-input-tre-ho_ten input")).to_have_value("Nguyễn Minh An")
    expect(page.locator(".tdp-input-tre-ngay_sinh input")).to_have_value("31/02/2026")
    expect(page.locator(".tdp-error-link-tre-ho_ten")).to_have_count(0)
    shot(page, "loi-02-sau-khi-bam")


@pytest.mark.browser
def test_resident_without_vneid_is_told_how_to_register(page, app_server, people):
    nobody = next(p for p in people if p["con_song"] and p["vneid_muc"] == 0)
    open_app(page, app_server.url)
    page.locator(".tdp-input-login-so_dinh_danh input").fill(nobody["so_dinh_danh"])
    page.locator(".tdp-input-login-mat_khau input").fill("bat-ky")
    page.locator(".tdp-login-submit").click()
    notice = page.locator(".tdp-login-notice")
    expect(notice).to_contain_text("mức 1")
    expect(notice).to_contain_text("công an")
    expect(page.locator(".tdp-phone")).to_have_count(0)
    shot(page, "dang-nhap-chua-co-vneid")
