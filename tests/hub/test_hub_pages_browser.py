"""The hub's own pages on a trainee's phone (real Chromium, 360 px): the Vietnamese login
page, a wrong password, the trainee's home page, a page that is not there, one they may not
see, the token page (not there), the page shown while their server starts, the page after
logging out, and the province dashboard its staff opens. None scrolls sideways, none shows a
word of JupyterHub's stock (English) templates, every one says `lang="vi"`. Screenshots in
test-artifacts/hub/."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hubserver import Hub

pytestmark = [pytest.mark.slow, pytest.mark.browser]

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts" / "hub"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]
TIMEOUT_MS = 90_000  # two shared cores
WIDTH = 360


def stock_words() -> set[str]:
    """The English words JupyterHub's own templates show (text and labels, not markup)."""
    import jupyterhub

    folder = Path(jupyterhub.__file__).resolve().parent
    stock = next(p for p in [folder.parent / "share" / "jupyterhub" / "templates",
                             *Path(jupyterhub.__file__).resolve().parents[4].glob(
                                 "share/jupyterhub/templates")] if p.is_dir())
    words: set[str] = set()
    for template in stock.glob("*.html"):
        text = template.read_text(encoding="utf-8")
        text = re.sub(r"\{#.*?#\}|<script.*?</script>|<style.*?</style>", " ", text, flags=re.S)
        labels = re.findall(r'(?:aria-label|title|alt|placeholder|value)="([^"{]*)"', text)
        text = re.sub(r"\{%.*?%\}|\{\{.*?\}\}|<[^>]*>", " ", text, flags=re.S)
        words |= {w.lower() for w in re.findall(r"[A-Za-z]{4,}", text + " " + " ".join(labels))}
    return words


STOCK = stock_words()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium chưa được cài: chạy 'make browser' (make test tự cài)")
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def phone(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": WIDTH, "height": 740}, locale="vi-VN")
    context.set_default_timeout(TIMEOUT_MS)
    yield context.new_page()
    context.close()


def check_page(page: Any, name: str) -> str:
    """The page as a trainee's phone shows it: screenshot, no sideways scroll, Vietnamese
    only. Its visible text."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
    assert page.evaluate("document.documentElement.lang") == "vi", name
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= WIDTH, (name, width)
    visible = page.evaluate("document.body.innerText")
    labels = page.evaluate("""() => [...document.querySelectorAll(
        '[aria-label], [title], [alt], [placeholder], input[type=submit], input[type=button]')]
        .map(e => [e.getAttribute('aria-label'), e.getAttribute('title'), e.getAttribute('alt'),
                   e.getAttribute('placeholder'), e.type === 'submit' || e.type === 'button'
                   ? e.value : null].filter(Boolean).join(' ')).join(' ')""")
    title = page.title()
    found = {w.lower() for w in re.findall(r"[A-Za-z]{4,}", f"{visible} {labels} {title}")}
    assert not found & STOCK, (name, sorted(found & STOCK), visible[:400])
    return visible


def test_the_stock_words_are_read() -> None:
    """The check below means something: it knows the stock login page's words."""
    assert {"password", "username", "logout", "server", "token"} <= STOCK


def test_the_login_page_and_a_wrong_password_on_a_phone(hub: Hub, phone: Any) -> None:
    phone.goto(f"{hub.url}/hub/login")
    text = check_page(phone, "dang_nhap")
    assert "Đăng nhập" in text and "Mật khẩu" in text and "BẢN MÔ PHỎNG" in text
    trainee = hub.members[next(iter(hub.members))][0]
    phone.fill("#username_input", trainee)
    phone.fill("#password_input", "sai-mat-khau")
    phone.click("#login_submit")
    phone.wait_for_selector("text=Tên đăng nhập hoặc mật khẩu chưa đúng")
    check_page(phone, "dang_nhap_sai_mat_khau")


def log_in(phone: Any, hub: Hub, username: str) -> None:
    phone.goto(f"{hub.url}/hub/login?next=/hub/home")
    phone.fill("#username_input", username)
    phone.fill("#password_input", hub.logins[username])
    phone.click("#login_submit")
    phone.wait_for_url(re.compile(r".*/hub/home$"))


def test_a_trainees_home_page_and_logging_out_on_a_phone(hub: Hub, phone: Any) -> None:
    trainee = hub.members[next(iter(hub.members))][0]
    log_in(phone, hub, trainee)
    text = check_page(phone, "trang_dau_hoc_vien")
    for card in ("Cổng Dịch vụ công (mô phỏng)", "Luyện tập tình huống", "Bài tập và bài học",
                 f"Chào anh/chị {trainee}"):
        assert card in text, card
    phone.goto(f"{hub.url}/hub/khong-co-trang-nay")
    text = check_page(phone, "khong_tim_thay")
    assert "Không tìm thấy trang" in text
    phone.goto(f"{hub.url}/hub/admin")  # not for trainees
    text = check_page(phone, "khong_duoc_xem")
    assert "Anh/chị không được xem trang này" in text
    phone.goto(f"{hub.url}/hub/home")
    phone.click("text=Đăng xuất")
    phone.wait_for_load_state()
    check_page(phone, "sau_khi_dang_xuat")


def test_the_token_page_is_not_there_and_a_starting_server_on_a_phone(
        hub: Hub, phone: Any) -> None:
    """Trainees never need an API token: /hub/token is the hub's Vietnamese 404. Then the
    page a new trainee sees while their server starts for the first time (its progress
    stream held back by the browser, so the page stays while it is checked; the server
    starts all the same)."""
    from hubserver import parse_logins

    added = hub.tdp("hub", "class", "member", list(hub.members)[1], "Vũ Thị Chờ")
    assert added.returncode == 0, added.stderr
    hub.logins.update(parse_logins(added.stdout))  # its system account goes at the end
    trainee = next(iter(parse_logins(added.stdout)))
    log_in(phone, hub, trainee)
    reply = phone.goto(f"{hub.url}/hub/token")
    assert reply.status == 404
    assert "Không tìm thấy trang" in check_page(phone, "khong_co_trang_token")
    phone.route("**/server/progress*", lambda route: route.abort())
    phone.goto(f"{hub.url}/hub/spawn/{trainee}")
    phone.wait_for_url(re.compile(rf".*/hub/spawn-pending/{trainee}$"))
    text = check_page(phone, "dang_mo_khu_lam_viec")
    assert "Đang chuẩn bị khu làm việc của anh/chị" in text
    phone.unroute("**/server/progress*")
    phone.reload()  # the stream now says when the server is ready, and the page goes there
    phone.wait_for_url(re.compile(rf".*/user/{trainee}/.*"), wait_until="commit")


def test_the_province_dashboard_on_a_phone(hub: Hub, phone: Any, graded_bai1) -> None:
    log_in(phone, hub, hub.staff)
    phone.goto(f"{hub.url}/services/tinh/")
    phone.wait_for_selector("table")
    text = check_page(phone, "tien_do_tinh")
    assert "Tiến độ các lớp" in text and "BẢN MÔ PHỎNG" in text
    assert "Phường Thống Nhất" in text and "Phường Pleiku" in text  # names, not ids
    for klass in hub.classes:
        assert f"Lớp {klass}" in text
    table = phone.evaluate("document.querySelector('table').getBoundingClientRect().width")
    assert table <= WIDTH  # each row a card: nothing to scroll sideways inside either


def test_the_check_refuses_a_stock_english_page(phone: Any) -> None:
    """What the checks above would say of JupyterHub's own login page text."""
    phone.set_content('<html lang="vi"><body><p>Sign in</p><label>Username:</label>'
                      '<label>Password:</label></body></html>')
    with pytest.raises(AssertionError, match="password"):
        check_page(phone, "kiem_tra_trang_tieng_anh")


def test_a_trainee_reaches_the_class_assignments_from_the_home_page(
        hub: Hub, browser: Any, graded_bai1) -> None:
    """"Bài tập và bài học" opens JupyterLab, whose Nbgrader menu lists the class's released
    bai1 (Notebook 7.4's file tree shows no nbgrader menu with nbgrader 0.9.6). A laptop's
    width: JupyterLab's menu bar is not made for a phone."""
    klass = next(iter(hub.members))
    trainee = hub.members[klass][0]
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="vi-VN")
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    try:
        log_in(page, hub, trainee)
        assert "menu Nbgrader, mục đầu tiên" in page.inner_text("body")
        page.click("text=Bài tập và bài học")
        page.wait_for_url(re.compile(rf".*/user/{trainee}/lab.*"), timeout=240_000)
        page.click(".lm-MenuBar-itemLabel:text-is('Nbgrader')", timeout=240_000)
        page.click(".lm-Menu-itemLabel >> nth=0")
        listed = page.wait_for_selector("#nbgrader-assignment-list")
        page.wait_for_selector(f"#nbgrader-assignment-list >> text={klass}")
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "bai_tap_cua_lop.png"))
        text = listed.inner_text()
        assert "bai1" in text and "Submitted assignments" in text, text[:600]
    finally:
        context.close()
