"""From VNeID login to the receipt, for each of the six procedures; the receipt shown is
the one the engine recorded."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

import builders
import pytest
from driver import (
    attach,
    choose,
    fill_declaration,
    login,
    open_app,
    open_procedure,
    read_receipt,
    shot,
)
from playwright.sync_api import expect

from tdp.dates import format_money, format_screen_date

CASES = [
    ("khai_sinh", "KHAI SINH", "nguoi_yeu_cau"),
    ("khai_tu", "khai tu", "nguoi_yeu_cau"),
    ("ket_hon", "kết hôn", "ben_nam"),
    ("xac_nhan_hon_nhan", "xac nhan tinh trang hon nhan", "nguoi_yeu_cau"),
    ("chung_thuc_ban_sao_dien_tu", "chứng thực", "nguoi_yeu_cau"),
    ("trich_luc_ban_sao", "trích lục", "nguoi_yeu_cau"),
]


def build(proc_id: str, people: list[dict], today: date, skip: int) -> dict[str, Any]:
    if proc_id == "khai_sinh":
        return builders.khai_sinh(people, born=(today - timedelta(days=5)).isoformat(),
                                  skip=skip)
    if proc_id == "khai_tu":
        return builders.khai_tu(people, died=(today - timedelta(days=2)).isoformat(),
                                skip=skip)
    if proc_id == "ket_hon":
        return builders.ket_hon(people, on=today, skip=skip)
    return builders.VALID[proc_id](people, skip=skip)


def pick(proc_id: str, who: str, people: list[dict], today: date,
         skip_from: int = 3) -> tuple[dict, dict]:
    """A valid filing whose requester can log in with VNeID (level 1 or 2)."""
    by_id = {p["so_dinh_danh"]: p for p in people}
    for skip in range(skip_from, skip_from + 60):
        filing = build(proc_id, people, today, skip)
        person = by_id[filing[who]["so_dinh_danh"]]
        if person["vneid_muc"] >= 1 and person["mat_khau_tap_huan"] and person["con_song"]:
            return filing, person
    raise LookupError("no requester with a VNeID account")


@pytest.mark.browser
@pytest.mark.parametrize(("proc_id", "query", "who"), CASES, ids=[c[0] for c in CASES])
def test_login_to_receipt(page, app_server, store, people, today, proc_id, query, who):
    from tdp.engine import get_filing

    filing, person = pick(proc_id, who, people, today)
    axe = proc_id == "chung_thuc_ban_sao_dien_tu"  # accessibility on every step, once
    open_app(page, app_server.url)
    login(page, person, name=proc_id, axe=axe)
    open_procedure(page, proc_id, query, name=proc_id, axe=axe)
    fill_declaration(page, proc_id, filing)
    shot(page, f"{proc_id}-04-to-khai", axe=axe)
    page.locator(".tdp-next").click()
    expect(page.locator(".tdp-doc-card").first).to_be_visible()
    attach(page, filing["giay_to"])
    shot(page, f"{proc_id}-05-giay-to", axe=axe)
    page.locator(".tdp-next").click()
    expect(page.get_by_role("heading", name="Kiểm tra lại thông tin trước khi nộp")
           ).to_be_visible()
    expect(page.locator(".tdp-edit-giay_to")).to_be_visible()
    shot(page, f"{proc_id}-06-kiem-tra-lai", axe=axe)
    page.locator(".tdp-submit").click()
    next_step = page.locator(".tdp-pay, .tdp-receipt-code").first
    expect(next_step).to_be_visible()
    if page.locator(".tdp-pay").count():
        choose(page, "thanh_toan.phuong_thuc", "Ví điện tử (mô phỏng)")
        shot(page, f"{proc_id}-07-thanh-toan", axe=axe)
        page.locator(".tdp-pay").click()
    receipt = read_receipt(page)
    shot(page, f"{proc_id}-08-bien-nhan", axe=axe)

    recorded = get_filing(receipt["code"], store)
    assert recorded.procedure == proc_id
    assert recorded.owner == person["so_dinh_danh"]
    assert receipt["appointment"] == format_screen_date(date.fromisoformat(recorded.appointment))
    assert format_money(recorded.fee) in page.locator(".tdp-fee").inner_text()
    assert receipt["steps"].strip()
    if proc_id == "khai_sinh":
        expect(page.locator(".tdp-new-id")).to_have_text(recorded.result["so_dinh_danh"])

    page.locator(".tdp-my-files").click()
    card = page.locator(".tdp-file-card", has_text=receipt["code"])
    expect(card).to_be_visible()
    expect(card.locator(".tdp-file-status")).to_have_text("Mới đăng ký")
    shot(page, f"{proc_id}-09-dich-vu-cong-cua-toi", axe=axe)
    outside = [u for u in page.requests_seen if not u.startswith(app_server.base)
               and not re.match(r"^(data|blob):", u)]
    assert outside == []
