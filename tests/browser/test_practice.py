"""The practice app (`notebooks/app/luyen_tap.ipynb`): a trainee plays one scenario right and
one wrong; the feedback is shown and both attempts are stored, and nothing is filed."""

from __future__ import annotations

import re

import pytest
from driver import attach, choose, fill_declaration, shot, wait_until
from playwright.sync_api import expect

PRACTICE_PATH = "/luyen-tap"
TRAINEE = "Trần Thị Học Viên"
RIGHT = "m5_ghi_so_theo_doi_ho_tro"  # copy certification, fee 6.000 đ, one question
WRONG = "m5_ban_chinh_bi_tay_xoa"  # the original is altered: do not file


def _filings(store) -> int:  # noqa: ANN001 - tdp.store.Store
    with store.engine.connect() as conn:
        return conn.exec_driver_sql("SELECT COUNT(*) FROM filings").scalar_one()


def _pick(page, scenario) -> None:  # noqa: ANN001
    page.locator(".tdp-input-mo_dun select").select_option(
        label=f"Buổi {scenario.module}: {_module_title(scenario.module)}")
    page.locator(f".tdp-scenario-{scenario.id}").click()
    expect(page.locator(".tdp-story")).to_contain_text(scenario.story.strip()[:40])
    page.locator(".tdp-start").click()
    expect(page.locator(".tdp-input-luyen_tap-thu_tuc")).to_be_visible()


def _module_title(module: int) -> str:
    from tdp.practice import load_modules

    return next(m.title for m in load_modules().modules if m.id == module)


def _proc_name(proc_id: str) -> str:
    from tdp.catalog import load_catalog

    return load_catalog().procedure(proc_id).name


def _label(scenario, question: str, value: str) -> str:  # noqa: ANN001
    q = scenario.question(question)
    return next(o.label for o in q.options if o.value == value)


@pytest.mark.browser
def test_practice_right_and_wrong(page, app_server, store):
    from tdp.practice import get_scenario, list_attempts

    filings_before = _filings(store)
    right, wrong = get_scenario(RIGHT), get_scenario(WRONG)

    page.goto(app_server.base + PRACTICE_PATH)
    expect(page.get_by_text("BẢN MÔ PHỎNG — chỉ dùng để tập huấn")).to_be_visible()
    name = page.locator(".tdp-input-hoc_vien input")
    expect(name).to_be_visible()
    page.locator(".tdp-trainee-submit").click()  # no name: an error, not a traceback
    expect(page.locator(".tdp-error-hoc_vien")).to_contain_text("Nhập họ và tên")
    name.fill(TRAINEE)
    shot(page, "luyen-tap-01-ten")
    page.locator(".tdp-trainee-submit").click()
    expect(page.locator(".tdp-input-mo_dun select")).to_be_visible()
    expect(page.locator(".tdp-trainee")).to_have_text(TRAINEE)

    # ----- right: fill, attach, pay (simulated), answer, full score ------------------------
    _pick(page, right)
    choose(page, "luyen_tap.thu_tuc", _proc_name(right.expected.procedure))
    choose(page, "luyen_tap.nop", "Lập hồ sơ và nộp trên Cổng")
    shot(page, "luyen-tap-02-chon-thu-tuc", axe=True)
    page.locator(".tdp-next").click()
    expect(page.locator(".tdp-declaration")).to_be_visible()
    expect(page.locator(".tdp-scenario-strip")).to_contain_text(right.resident)
    fill_declaration(page, right.expected.procedure, right.expected.filing)
    shot(page, "luyen-tap-03-to-khai")
    page.locator(".tdp-next").click()
    expect(page.locator(".tdp-doc-card").first).to_be_visible()
    attach(page, right.expected.filing["giay_to"])
    page.locator(".tdp-next").click()
    expect(page.locator(".tdp-submit")).to_be_visible()
    expect(page.locator(".tdp-fee")).to_contain_text("6.000")
    page.locator(".tdp-submit").click()
    expect(page.locator(".tdp-pay")).to_be_visible()
    choose(page, "thanh_toan.phuong_thuc", "Ví điện tử (mô phỏng)")
    page.locator(".tdp-pay").click()
    expect(page.locator(".tdp-filing-done")).to_be_visible()
    choose(page, "q.ghi_so", _label(right, "ghi_so", "toi_thieu"))
    page.locator(".tdp-finish").click()
    expect(page.locator(".tdp-score")).to_have_text(f"{right.max_score} / {right.max_score} điểm")
    expect(page.locator(".tdp-criterion--ok")).to_have_count(len(right.rubric))
    expect(page.locator(".tdp-criterion--fail")).to_have_count(0)
    shot(page, "luyen-tap-04-ket-qua-dung")

    # ----- wrong: rightly not filed, but a wrong decision ----------------------------------
    page.locator(".tdp-other").click()
    _pick(page, wrong)
    choose(page, "luyen_tap.thu_tuc", _proc_name(wrong.expected.procedure))
    choose(page, "luyen_tap.nop", "Không nộp hồ sơ")
    page.locator(".tdp-next").click()
    expect(page.locator(".tdp-filing-done")).to_contain_text("không nộp")
    page.locator(".tdp-finish").click()  # unanswered: an error beside the question
    expect(page.locator(".tdp-error-q-xu_ly")).to_contain_text("Chọn một câu trả lời")
    choose(page, "q.xu_ly", _label(wrong, "xu_ly", "chup_mo"))
    page.locator(".tdp-finish").click()
    lost = wrong.criterion("tra_loi_xu_ly")
    expect(page.locator(".tdp-score")).to_have_text(
        f"{wrong.max_score - lost.points} / {wrong.max_score} điểm")
    bad = page.locator(".tdp-criterion-tra_loi_xu_ly")
    expect(bad).to_have_class(re.compile(r"tdp-criterion--fail"))
    expect(bad).to_contain_text("✗")
    expect(bad).to_contain_text(lost.feedback.strip()[:60])
    expect(page.locator(".tdp-criterion-nop_hay_khong")).to_contain_text("✓")
    shot(page, "luyen-tap-05-ket-qua-sai", axe=True)

    # ----- the trainee's history, and the store ------------------------------------------------
    page.locator(".tdp-retry").click()  # "Làm lại": the same scenario from its story
    expect(page.locator(".tdp-story")).to_contain_text(wrong.story.strip()[:40])
    page.locator(".tdp-nav-history").click()
    expect(page.locator(".tdp-attempt")).to_have_count(2)
    expect(page.locator(".tdp-attempt").first).to_contain_text(wrong.title)
    shot(page, "luyen-tap-06-lich-su", axe=True)
    attempts = wait_until(lambda: list_attempts(TRAINEE, store=store), what="lần làm bài")
    assert [(a.scenario, a.score, a.max) for a in attempts] == [
        (RIGHT, right.max_score, right.max_score),
        (WRONG, wrong.max_score - lost.points, wrong.max_score)]
    assert attempts[0].answer["file"] is True and attempts[0].answer["filing"]
    assert attempts[1].answer == {"procedure": wrong.expected.procedure, "file": False,
                                  "filing": None, "decisions": {"xu_ly": "chup_mo"}}
    assert [i["ok"] for i in attempts[1].items if i["criterion"] == "tra_loi_xu_ly"] == [False]
    assert all(a.started_at <= a.ended_at for a in attempts)
    assert _filings(store) == filings_before  # practice never files into the shared store

    assert "Traceback" not in page.content()


@pytest.mark.browser
def test_pair_work_shows_the_two_cards(page, app_server):
    """Two phones, one scenario: the resident's card (opening, facts, papers, the password
    the resident types) and the volunteer's card (the tasks only)."""
    from tdp.practice import get_scenario, reference_store, role_card_view

    scenario = get_scenario(RIGHT)
    card = role_card_view(scenario, reference_store())
    page.goto(app_server.base + PRACTICE_PATH)
    page.locator(".tdp-input-hoc_vien input").fill(TRAINEE)
    page.locator(".tdp-trainee-submit").click()
    page.locator(".tdp-input-mo_dun select").select_option(
        label=f"Buổi {scenario.module}: {_module_title(scenario.module)}")
    page.locator(f".tdp-scenario-{scenario.id}").click()
    page.locator(".tdp-role-resident").click()
    expect(page.locator(".tdp-role-opening")).to_contain_text(card["opening"][:40])
    expect(page.locator(".tdp-role-facts")).to_contain_text(card["facts"][0]["answer"][:30])
    expect(page.locator(".tdp-resident-password")).to_have_text(
        card["resident"]["mat_khau_tap_huan"])
    shot(page, "luyen-tap-07-the-vai-nguoi-dan", axe=True)

    page.locator(".tdp-back").click()
    page.locator(f".tdp-scenario-{scenario.id}").click()
    page.locator(".tdp-role-volunteer").click()
    expect(page.locator(".tdp-volunteer-tasks")).to_contain_text(scenario.tasks[0])
    expect(page.locator(".tdp-story")).to_have_count(0)
    shot(page, "luyen-tap-08-the-tinh-nguyen-vien", axe=True)
    assert "Traceback" not in page.content()
