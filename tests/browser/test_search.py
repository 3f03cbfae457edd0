"""Finding a procedure: the list follows what is typed, and a tapped card always opens."""

from __future__ import annotations

import pytest
from driver import login, login_person, open_app, open_procedure, shot
from playwright.sync_api import expect


@pytest.mark.browser
def test_search_hides_and_shows_the_same_cards(page, app_server, people):
    open_app(page, app_server.url)
    login(page, login_person(people, skip=61))
    box = page.locator(".tdp-input-tim_kiem input")
    cards = page.locator(".tdp-proc-card:visible")
    every = cards.count()
    assert every >= 6  # all procedures before anything is typed
    first = page.locator(".tdp-proc-ket_hon").element_handle()

    box.fill("khong co thu tuc nay")
    expect(cards).to_have_count(0)
    expect(page.locator(".tdp-no-result")).to_be_visible()
    shot(page, "tim-khong-thay")

    box.fill("")
    expect(cards).to_have_count(every)
    expect(page.locator(".tdp-no-result")).to_be_hidden()
    # the card is the very element drawn at first, not a new one drawn by the refresh
    assert page.evaluate("(el) => el.isConnected", first)

    open_procedure(page, "ket_hon", "ket hon")  # no diacritics, as trainees type on phones
    expect(page.get_by_role("heading", name="Đăng ký kết hôn").first).to_be_visible()
