"""Drafts: fill half a form, reload → values back; restart the server → values back."""

from __future__ import annotations

import pytest
from driver import choose, login, login_person, open_app, open_procedure, shot, wait_until
from playwright.sync_api import expect


def _check_restored(page) -> None:
    expect(page.locator(".tdp-draft-restored")).to_be_visible()
    expect(page.locator(".tdp-input-muc_dich").get_by_label("Mục đích khác", exact=True)
           ).to_be_checked()
    expect(page.locator(".tdp-input-muc_dich_chi_tiet input")).to_have_value(
        "Bổ sung hồ sơ xin việc")
    expect(page.locator(".tdp-input-ket_hon_voi-ho_ten")).to_be_hidden()


@pytest.mark.browser
def test_draft_survives_reload_and_restart(page, app_server, people, store):
    from tdp.screens.drafts import load_draft

    person = login_person(people, skip=55)
    open_app(page, app_server.url)
    login(page, person)
    open_procedure(page, "xac_nhan_hon_nhan", "hon nhan")
    expect(page.locator(".tdp-input-muc_dich_chi_tiet")).to_be_hidden()
    choose(page, "muc_dich", "Mục đích khác")
    detail = page.locator(".tdp-input-muc_dich_chi_tiet input")
    expect(detail).to_be_visible()  # the conditional field appears only now
    detail.fill("Bổ sung hồ sơ xin việc")
    shot(page, "nhap-01-dang-soan")

    def saved() -> bool:
        draft = load_draft(person["so_dinh_danh"], "xac_nhan_hon_nhan", store) or {}
        return draft.get("values", {}).get("muc_dich_chi_tiet") == "Bổ sung hồ sơ xin việc"

    wait_until(saved, what="bản nháp được lưu")

    page.reload()
    expect(page.locator(".tdp-input-login-so_dinh_danh input")).to_be_visible()
    login(page, person)
    open_procedure(page, "xac_nhan_hon_nhan", "hon nhan")
    _check_restored(page)
    shot(page, "nhap-02-sau-tai-lai")

    app_server.restart()
    open_app(page, app_server.url)
    login(page, person)
    open_procedure(page, "xac_nhan_hon_nhan", "hon nhan")
    _check_restored(page)
    shot(page, "nhap-03-sau-khoi-dong-lai")
