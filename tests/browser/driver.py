"""Driving the practice portal like a trainee: by labels and the stable `tdp-*` classes."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

from playwright.sync_api import Page, expect
from waiting import wait_until  # noqa: F401 - the browser tests take it from here

from tdp.catalog import load_catalog
from tdp.catalog.models import FieldSpec
from tdp.screens.search import matches

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "browser"


def key(path: str) -> str:
    return path.replace(".", "-")


AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"


def axe_check(page: Page, name: str) -> None:
    """axe-core on the current step: no serious or critical violation."""
    if not AXE.is_file():
        raise AssertionError("Thiếu node_modules/axe-core: chạy 'make browser'")
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    bad = [(v["id"], v["help"], [n["target"] for n in v["nodes"]][:3])
           for v in result["violations"] if v["impact"] in ("serious", "critical")]
    assert bad == [], f"{name}: {bad}"


def shot(page: Page, name: str, axe: bool = False) -> None:
    """A screenshot of the step (a test artifact), after checking there is no sideways
    scrolling on the phone-sized viewport (and, if asked, axe-core)."""
    if axe:
        axe_check(page, name)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    width = page.evaluate("document.documentElement.scrollWidth")
    viewport = page.viewport_size["width"] if page.viewport_size else width
    assert width <= viewport, f"{name}: trang rộng {width}px > {viewport}px"
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def open_app(page: Page, url: str) -> None:
    page.goto(url)
    expect(page.locator(".tdp-input-login-so_dinh_danh input")).to_be_visible()
    expect(page.get_by_text("BẢN MÔ PHỎNG — chỉ dùng để tập huấn")).to_be_visible()


def login(page: Page, person: dict[str, Any], name: str = "", axe: bool = False) -> None:
    page.locator(".tdp-input-login-so_dinh_danh input").fill(person["so_dinh_danh"])
    page.locator(".tdp-input-login-mat_khau input").fill(person["mat_khau_tap_huan"])
    if name:
        shot(page, f"{name}-01-dang-nhap", axe)
    page.locator(".tdp-login-submit").click()
    code = page.locator(".tdp-phone .tdp-otp")
    expect(code).to_have_text(re.compile(r"^\d{6}$"))
    page.locator(".tdp-input-login-otp input").fill(code.inner_text())
    if name:
        shot(page, f"{name}-02-otp", axe)
    page.locator(".tdp-otp-submit").click()
    expect(page.locator(".tdp-input-tim_kiem input")).to_be_visible()


def open_procedure(page: Page, proc_id: str, query: str, name: str = "",
                   axe: bool = False) -> None:
    page.locator(".tdp-input-tim_kiem input").fill(query)
    catalog = load_catalog()
    found = [p.id for p in catalog.procedures.values()
             if matches(query, p.name, p.short_description, p.id)]
    # as a trainee does: wait until the list shows what was typed, then tap
    expect(page.locator(".tdp-proc-card:visible")).to_have_count(len(found))
    link = page.locator(f".tdp-proc-{proc_id}")
    expect(link).to_be_visible()
    if name:
        shot(page, f"{name}-03-tim-thu-tuc", axe)
    link.click()
    expect(page.locator(".tdp-declaration")).to_be_visible()


def screen_value(spec: FieldSpec, value: Any) -> str:
    if spec.type == "date":
        day = date.fromisoformat(value)
        return f"{day.day}/{day.month}/{day.year}"  # d/m/yyyy is accepted too
    return str(value)


def set_field(page: Page, spec: FieldSpec, path: str, value: Any) -> None:
    box = page.locator(f".tdp-input-{key(path)}")
    catalog = load_catalog()
    if spec.id == "co_quan":
        commune = catalog.wards.commune(value)
        box.locator("select").select_option(label=f"UBND {commune.name}")
    elif spec.type == "choice":
        label = next(c.label for c in spec.choices if c.value == value)
        if box.locator("select").count():
            box.locator("select").select_option(label=label)
        else:
            choose(page, path, label)
    else:
        box.locator("input").fill(screen_value(spec, value))


def choose(page: Page, path: str, label: str) -> None:
    """Pick a radio option by clicking its words, as a trainee does."""
    option = page.locator(f".tdp-input-{key(path)} .widget-radio-box label",
                          has_text=re.compile(f"^{re.escape(label)}$"))
    option.click()
    expect(option.locator("input")).to_be_checked()


def fill_declaration(page: Page, proc_id: str, filing: dict[str, Any]) -> None:
    proc = load_catalog().procedure(proc_id)
    _fill(page, proc.fields, filing, "")


def _fill(page: Page, specs: list[FieldSpec], data: dict[str, Any], prefix: str) -> None:
    for spec in specs:
        path = prefix + spec.id
        if spec.type == "documents" or spec.id not in data:
            continue
        value = data[spec.id]
        if spec.type == "group":
            if value is None:
                page.locator(f".tdp-input-{key(path)}-null input").check()
                continue
            _fill(page, spec.fields, value, path + ".")
        elif spec.type == "list":
            for i, item in enumerate(value):
                if i > 0:
                    page.locator(f".tdp-add-{key(path)}").click()
                expect(page.locator(f".tdp-input-{key(path)}-{i}-{spec.fields[0].id}")
                       ).to_be_visible()
                _fill(page, spec.fields, item, f"{path}.{i}.")
        elif value is not None:
            set_field(page, spec, path, value)


def attach(page: Page, documents: list[str]) -> None:
    for doc in documents:
        page.locator(f".tdp-input-giay_to-{doc} input").check()


def read_receipt(page: Page) -> dict[str, str]:
    code = page.locator(".tdp-receipt-code")
    expect(code).to_have_text(re.compile(r"^\S+-\d{6}-\d{4}$"))
    return {"code": code.inner_text(), "appointment": page.locator(".tdp-appointment").inner_text(),
            "fee": page.locator(".tdp-panel, .tdp-fee").last.inner_text(),
            "steps": page.locator(".tdp-next-steps").inner_text()}


def login_person(people: list[dict], skip: int = 0, level: int = 1) -> dict:
    """A living adult resident with a VNeID account of at least `level`."""
    fits = [p for p in people if p["con_song"] and p["vneid_muc"] >= level
            and p["mat_khau_tap_huan"] and p["ngay_sinh"] < "2000-01-01"]
    return fits[skip]
