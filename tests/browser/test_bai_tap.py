"""The "Bài tập" app on a 360 px phone, graded by a real nbgrader run.

A scratch course (its own trainees.csv, exercises/ released by nbgrader, var/) is served by
a real `tdp app`. One trainee answers bai1 right, another wrong; drafts survive a server
restart; both submit; `tdp grade autograde bai1` grades them; the trainer's feedback is then
shown to each trainee, their own only. A third trainee forgets the PIN: after the trainer's
`tdp class pin … --dat-lai` the app asks for a new one, and the draft and the submission
are still theirs.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from appserver import AppServer
from driver import shot, wait_until
from playwright.sync_api import expect

ROOT = Path(__file__).resolve().parents[2]
TDP = Path(sys.executable).with_name("tdp")
URL_PATH = "/bai-tap"  # course/app_pages.yaml
TRAINEES = "ma_hoc_vien,ho_ten\nhv01,Nguyễn Thị Thu\nhv02,Rơ Mah Hải\nhv03,Lê Văn Tám\n"
WRITTEN = "Dạ, bác chỉ lên phường một lần để nhận kết quả; mật khẩu bác tự gõ."


def _course_root(root: Path) -> Path:
    """A course folder like the repository, whose class list and state are its own."""
    for name in ("solutions", "exercises"):
        shutil.copytree(ROOT / name, root / name)
    for name in ("notebooks", "voila.json", "nbgrader_config.py"):
        (root / name).symlink_to(ROOT / name)
    (root / "course").mkdir()
    for item in (ROOT / "course").iterdir():
        if item.name != "trainees.csv":
            (root / "course" / item.name).symlink_to(item)
    (root / "course" / "trainees.csv").write_text(TRAINEES, encoding="utf-8")
    return root


class CourseServer(AppServer):
    """`tdp app` with TDP_ROOT pointing at the scratch course."""

    def __init__(self, workdir: Path, db_url: str, course_root: Path):
        super().__init__(workdir, db_url)
        self.course_root = course_root

    @property
    def url(self) -> str:
        return self.base + URL_PATH

    def start(self) -> None:
        env = {"TDP_ROOT": str(self.course_root),
               "TDP_TRAINEES_CSV": str(self.course_root / "course" / "trainees.csv")}
        old = {k: os.environ.get(k) for k in env}
        os.environ.update(env)
        try:
            super().start()
        finally:
            for k, v in old.items():
                if v is None:
                    os.environ.pop(k, None)
                else:
                    os.environ[k] = v


@pytest.fixture(scope="module")
def course_server(seeded_db: Path, tmp_path_factory: pytest.TempPathFactory
                  ) -> Iterator[CourseServer]:
    work = tmp_path_factory.mktemp("bai-tap")
    root = _course_root(work / "course-root")
    (work / "var").mkdir()
    shutil.copy(seeded_db, work / "tdp.sqlite")
    shutil.copy(seeded_db, work / "var" / "bai_tap.sqlite")  # the exercises' own store
    subprocess.run([str(TDP), "course", "release"], cwd=root, check=True,
                   env=dict(os.environ, TDP_ROOT=str(root), TDP_VAR_DIR=str(work / "var")),
                   capture_output=True, timeout=600)
    server = CourseServer(work, f"sqlite:///{work / 'tdp.sqlite'}", root)
    server.start()
    yield server
    server.stop()


def _course(server: CourseServer):
    from tdp.grading.course import Course

    return Course(root=server.course_root)


def _store(server: CourseServer):
    from tdp.store import database

    return database.Store(server.db_url)


PINS = {"Nguyễn Thị Thu": "2468", "Rơ Mah Hải": "1357", "Lê Văn Tám": "8642"}


def _pick_name(page, name: str, pin: str = "", shots: str = "") -> None:
    """Name from the class list, then the PIN (set the first time, typed afterwards)."""
    page.goto(page.app_url)
    expect(page.get_by_text("BẢN MÔ PHỎNG — chỉ dùng để tập huấn")).to_be_visible()
    page.locator(".tdp-input-hoc_vien select").select_option(label=name)
    page.locator(".tdp-next").click()
    entry = page.locator(".tdp-input-ma_pin input")
    expect(entry).to_be_visible()
    entry.fill(pin or PINS[name])
    again = page.locator(".tdp-input-ma_pin_lai input")
    if again.count():
        again.fill(pin or PINS[name])
    if shots:
        shot(page, shots)
    page.locator(".tdp-pin-next").click()
    if not pin or pin == PINS[name]:
        expect(page.locator(".tdp-open-bai1")).to_be_visible()


def _answer(page, task: str, value: str) -> None:
    box = page.locator(f".tdp-input-bai-tap-{task}")
    kind = box.evaluate("e => e.querySelector('select') ? 'select' : "
                        "e.querySelector('textarea') ? 'textarea' : "
                        "e.querySelector('input[type=radio]') ? 'radio' : 'text'")
    if kind == "select":
        box.locator("select").select_option(label=value)
    elif kind == "radio":
        box.get_by_label(value, exact=True).check()
    elif kind == "textarea":
        box.locator("textarea").fill(value)
    else:
        box.locator("input").fill(value)
        box.locator("input").press("Tab")


def _check(page, task: str):
    page.locator(f".tdp-check-button-{task}").click()
    result = page.locator(f".tdp-check-{task}")
    expect(result).to_be_visible()
    return result


RIGHT = {"cau_1": "Cấp giấy xác nhận tình trạng hôn nhân", "cau_2": "B", "cau_3": "3",
         "cau_4": "16/2/2027", "cau_5": "B", "viet_1": WRITTEN}


@pytest.mark.browser
def test_bai1_on_the_phone_right_and_wrong_then_nbgrader_grades_and_feedback(
        browser, course_server):
    from tdp.screens.drafts import load_draft

    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="vi-VN")
    context.set_default_timeout(90_000)
    page = context.new_page()
    page.app_url = course_server.url
    store = _store(course_server)

    # 1. the right answers, typed as a trainee types them, checked one by one
    _pick_name(page, "Nguyễn Thị Thu", shots="bai-tap-00b-dat-ma-pin")
    shot(page, "bai-tap-01-chon-bai")
    page.locator(".tdp-open-bai1").click()
    expect(page.locator(".tdp-question-cau_1")).to_be_visible()
    shot(page, "bai-tap-02-cau-hoi")
    _answer(page, "cau_4", "17/02/2027")
    wrong = _check(page, "cau_4")
    expect(wrong).to_contain_text("Chưa đúng")
    expect(wrong).to_contain_text("ngày bắt đầu tính (ngày 0)")
    wrong.scroll_into_view_if_needed()
    shot(page, "bai-tap-03-kiem-tra-chua-dung")
    for task, value in RIGHT.items():
        _answer(page, task, value)
    for task in ("cau_1", "cau_2", "cau_3", "cau_4", "cau_5"):
        expect(_check(page, task)).to_contain_text("Đúng")
    shot(page, "bai-tap-04-kiem-tra-dung")

    def drafted() -> bool:
        data = load_draft("hv01", "bai_tap:bai1", store) or {}
        return data.get("viet_1") == WRITTEN and data.get("cau_4") == "16/2/2027"

    wait_until(drafted, what="bản nháp bài 1")

    # 2. a restart loses nothing: the draft comes back, then it is submitted
    course_server.restart()
    _pick_name(page, "Nguyễn Thị Thu")
    page.locator(".tdp-open-bai1").click()
    expect(page.locator(".tdp-draft-restored")).to_be_visible()
    expect(page.locator(".tdp-input-bai-tap-cau_3 input")).to_have_value("3")
    expect(page.locator(".tdp-input-bai-tap-viet_1 textarea")).to_have_value(WRITTEN)
    page.locator(".tdp-submit").click()
    expect(page.locator(".tdp-submit-result")).to_contain_text("Đã nộp bài lúc")
    shot(page, "bai-tap-05-da-nop")

    # 3. another trainee answers wrong
    _pick_name(page, "Rơ Mah Hải")
    page.locator(".tdp-open-bai1").click()
    for task, value in dict(RIGHT, cau_1="Đăng ký kết hôn", cau_4="15/02/2027",
                            viet_1="Không biết").items():
        _answer(page, task, value)
    expect(_check(page, "cau_4")).to_contain_text("Chưa đúng")
    page.locator(".tdp-submit").click()
    expect(page.locator(".tdp-submit-result")).to_contain_text("Đã nộp bài lúc")

    # 4. the trainer grades with nbgrader, unchanged
    course = _course(course_server)
    for trainee in ("hv01", "hv02"):
        assert (course.submitted / trainee / "bai1" / "timestamp.txt").is_file()
    env = dict(os.environ, TDP_ROOT=str(course.root),
               TDP_VAR_DIR=str(course_server.workdir / "var"))
    graded = subprocess.run([str(TDP), "grade", "autograde", "bai1"], cwd=course.root, env=env,
                            capture_output=True, text=True, timeout=900)
    assert graded.returncode == 0, graded.stdout + graded.stderr
    from nbgrader.api import Gradebook

    from tdp.grading.course import ensure_tools_on_path

    ensure_tools_on_path()
    with Gradebook(course.db_url) as gb:
        auto = {}
        for trainee in ("hv01", "hv02"):
            nb = gb.find_submission_notebook("bai1", "bai1", trainee)
            checks = [g for g in nb.grades if g.name.startswith("kiem_tra_")]
            auto[trainee] = (sum(g.auto_score or 0 for g in checks),
                             sum(g.max_score for g in checks))
            written = next(g for g in nb.grades if g.name == "viet_1")
            assert written.needs_manual_grade  # the formgrader shows it to the trainer
    assert auto["hv01"][0] == auto["hv01"][1] > 0  # full autograded marks
    assert auto["hv02"][0] < auto["hv01"][0]
    autograded = (course.autograded / "hv01" / "bai1" / "bai1.ipynb").read_text("utf-8")
    assert WRITTEN in autograded

    # 5. feedback: each trainee sees their own, hidden tests removed
    released_feedback = subprocess.run([str(TDP), "grade", "feedback", "bai1"], cwd=course.root,
                                       env=env, capture_output=True, text=True, timeout=900)
    assert released_feedback.returncode == 0, released_feedback.stdout + released_feedback.stderr
    _pick_name(page, "Rơ Mah Hải")
    page.locator(".tdp-feedback-bai1").click()
    frame = page.frame_locator(".tdp-feedback-frame")
    expect(frame.get_by_text("Không biết")).to_be_visible()
    shot(page, "bai-tap-06-nhan-xet")  # the feedback as the trainee reads it
    html = page.locator(".tdp-feedback-frame").get_attribute("srcdoc") or ""
    assert "Không biết" in html and WRITTEN not in html  # their own answers, not hv01's
    assert "HIDDEN TESTS" not in html and "dung_thu_tuc" not in html
    assert "Test cell" not in html and "Ô kiểm tra" in html

    # nobody else's: hv01's work needs hv01's PIN
    _pick_name(page, "Nguyễn Thị Thu", pin="1357")
    expect(page.locator(".tdp-error-ma_pin")).to_contain_text("Mã PIN chưa đúng")
    expect(page.locator(".tdp-open-bai1")).to_have_count(0)
    shot(page, "bai-tap-08-sai-ma-pin")
    context.close()
    store.dispose()


@pytest.mark.browser
def test_a_forgotten_pin_reset_by_the_trainer_keeps_the_work(browser, course_server):
    from tdp.screens.drafts import load_draft

    name, new_pin = "Lê Văn Tám", "9753"
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="vi-VN")
    context.set_default_timeout(90_000)
    page = context.new_page()
    page.app_url = course_server.url
    store = _store(course_server)
    _pick_name(page, name)
    page.locator(".tdp-open-bai1").click()
    _answer(page, "cau_3", "3")
    page.locator(".tdp-submit").click()
    expect(page.locator(".tdp-submit-result")).to_contain_text("Đã nộp bài lúc")
    _answer(page, "viet_1", WRITTEN)  # after the submission: a draft only
    wait_until(lambda: (load_draft("hv03", "bai_tap:bai1", store) or {}).get("viet_1")
               == WRITTEN, what="bản nháp của hv03")

    # the trainee forgot the PIN: the trainer resets it
    env = dict(os.environ, TDP_DATABASE_URL=course_server.db_url,
               TDP_ROOT=str(course_server.course_root),
               TDP_TRAINEES_CSV=str(course_server.course_root / "course" / "trainees.csv"),
               TDP_VAR_DIR=str(course_server.workdir / "var"))
    reset = subprocess.run([str(TDP), "class", "pin", name, "--dat-lai"], env=env,
                           cwd=course_server.course_root, capture_output=True, text=True,
                           timeout=120)
    assert reset.returncode == 0, reset.stderr
    assert reset.stdout.startswith(f"Đã đặt lại mã PIN của {name} (hv03).")

    # the next visit asks to set a new PIN, not for the old one
    page.goto(page.app_url)
    page.locator(".tdp-input-hoc_vien select").select_option(label=name)
    page.locator(".tdp-next").click()
    expect(page.get_by_text("Lần đầu vào bài tập")).to_be_visible()
    again = page.locator(".tdp-input-ma_pin_lai input")
    expect(again).to_be_visible()
    page.locator(".tdp-input-ma_pin input").fill(new_pin)
    again.fill(new_pin)
    shot(page, "bai-tap-09-dat-lai-ma-pin")
    page.locator(".tdp-pin-next").click()
    expect(page.locator(".tdp-status-bai1")).to_contain_text("Đã nộp lúc")  # submission kept
    page.locator(".tdp-open-bai1").click()
    expect(page.locator(".tdp-draft-restored")).to_be_visible()  # the draft kept
    expect(page.locator(".tdp-input-bai-tap-cau_3 input")).to_have_value("3")
    expect(page.locator(".tdp-input-bai-tap-viet_1 textarea")).to_have_value(WRITTEN)
    shot(page, "bai-tap-10-bai-lam-con-nguyen")
    context.close()
    store.dispose()


@pytest.mark.browser
def test_the_name_page_at_360px(browser, course_server):
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="vi-VN")
    context.set_default_timeout(90_000)
    page = context.new_page()
    page.goto(course_server.url)
    expect(page.locator(".tdp-input-hoc_vien select")).to_be_visible()
    page.locator(".tdp-next").click()
    expect(page.locator(".tdp-error-hoc_vien")).to_contain_text("chọn tên của mình")
    assert ".ipynb" not in page.inner_text("body")
    shot(page, "bai-tap-00-chon-ten")
    context.close()


@pytest.mark.browser
def test_a_filing_is_answered_on_the_portals_own_declaration(browser, course_server,
                                                            monkeypatch):
    from driver import attach, fill_declaration

    from tdp.grading import bai_tap

    monkeypatch.setenv("TDP_VAR_DIR", str(course_server.workdir / "var"))
    bai_tap._people.cache_clear()
    ba_tam = bai_tap.nguoi_mau("vneid_2")
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="vi-VN")
    context.set_default_timeout(90_000)
    page = context.new_page()
    page.app_url = course_server.url
    _pick_name(page, "Nguyễn Thị Thu")
    page.locator(".tdp-open-bai5").click()
    card = page.locator(".tdp-question-cau_2")
    expect(card.locator(".tdp-declaration")).to_be_visible()
    expect(_check(page, "cau_2")).to_contain_text("Cổng chưa nhận tờ khai")
    fill_declaration(page, "chung_thuc_ban_sao_dien_tu", {
        "nguoi_yeu_cau": {"ho_ten": ba_tam.ho_ten, "so_dinh_danh": ba_tam.so_dinh_danh},
        "giay_to_chung_thuc": [{"ten": "Bằng tốt nghiệp trung học phổ thông", "so_trang": 1,
                                "so_ban": 3}],
        "co_quan": "pleiku"})
    attach(page, ["ban_chup_ban_chinh"])
    result = _check(page, "cau_2")
    expect(result).to_contain_text("Đúng")
    result.scroll_into_view_if_needed()
    shot(page, "bai-tap-07-to-khai")
    _answer(page, "cau_1", "14 nghìn")  # money as a Vietnamese user types it
    expect(_check(page, "cau_1")).to_contain_text("Đúng")
    bai_tap._people.cache_clear()
    context.close()


@pytest.mark.browser
def test_lan_mode_serves_the_app_only_with_the_token(seeded_db, tmp_path):
    import urllib.error
    import urllib.request

    shutil.copy(seeded_db, tmp_path / "tdp.sqlite")
    server = AppServer(tmp_path, f"sqlite:///{tmp_path / 'tdp.sqlite'}", lan=True,
                       token="ma-bai-tap-456")
    server.start()
    import http.cookiejar

    try:
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(server.base + URL_PATH, timeout=60)
        assert refused.value.code == 403
        phone = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        with phone.open(server.page_url(URL_PATH), timeout=120) as ok:
            assert ok.status == 200 and "Bài tập" in ok.read().decode()
    finally:
        server.stop()
