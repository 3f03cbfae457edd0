"""The lesson helpers: tables, quick checks and demos say what the catalog and engine say."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from tdp.catalog import load_catalog
from tdp.dates import format_money
from tdp.engine import STATUSES, copy_fee
from tdp.lessons import choice, portal, questions, tables, tet
from tdp.lessons.quick import Question, parse_whole_number, widget


@pytest.fixture(scope="module")
def catalog():
    return load_catalog()


def test_procedures_table_lists_every_procedure(catalog):
    df = tables.procedures_table()
    assert list(df["Mã"]) == list(catalog.procedures)
    for proc in catalog.procedures.values():
        row = df[df["Mã"] == proc.id].iloc[0]
        assert row["Thủ tục"] == proc.name
        assert row["Mức độ dịch vụ"] == tables.SERVICE_LEVELS[proc.service_level]
        assert row["Nơi giải quyết"] == proc.jurisdiction.description


def test_fee_texts_come_from_the_catalog(catalog):
    province = catalog.wards.provinces[0]
    text = tables.fee_text(catalog.procedures["khai_sinh"])
    assert format_money(province.fees["khai_sinh_qua_han"]) in text
    assert "mức mẫu" in text  # province fees are samples
    copy = format_money(catalog.wards.provinces[0].fees["ban_sao_trich_luc"])
    assert tables.fee_text(catalog.procedures["ket_hon"]) == (
        f"Miễn lệ phí; bản sao trích lục: {copy}/bản")
    rule = catalog.procedures["chung_thuc_ban_sao_dien_tu"].fee
    per_page = tables.fee_text(catalog.procedures["chung_thuc_ban_sao_dien_tu"])
    assert format_money(rule.cap_per_copy) in per_page
    for tier in rule.tiers:
        assert format_money(tier.per_page) in per_page


def test_copy_fee_table_matches_the_engine(catalog):
    rule = catalog.procedures["chung_thuc_ban_sao_dien_tu"].fee
    df = tables.copy_fee_table(pages=(1, 5, 300), copies=3)
    for _, row in df.iterrows():
        fee = copy_fee(int(row["Số trang"]), rule.tiers, rule.cap_per_copy)
        assert row["Phí một bản"].startswith(format_money(fee))
        assert row["Phí 3 bản"] == format_money(fee * 3)
    assert "tối đa" in df.iloc[-1]["Phí một bản"]


def test_documents_fields_statuses_and_next_steps(catalog):
    proc = catalog.procedures["khai_sinh"]
    docs = tables.documents_table("khai_sinh")
    assert list(docs["Mã"]) == [d.id for d in proc.documents]
    labels = set(tables.fields_table("khai_sinh")["Ô cần điền"])
    assert proc.field("tre.ngay_sinh").label in labels
    assert len(tables.statuses_table()) == len(STATUSES)
    steps = tables.next_steps("khai_sinh")
    assert len(steps) == len(proc.next_steps)
    assert not any("{" in s for s in steps)
    with pytest.raises(KeyError, match="Không có thủ tục"):
        tables.documents_table("khong_co")


def test_tet_days_are_holidays_of_the_engine_calendar(catalog):
    cal = catalog.calendar
    days = tet.tet_days(2027)
    assert days and all(not cal.is_working_day(d) for d in days)
    assert all("Tết" in cal.holiday_name(d) for d in days)
    df = tet.days_table(2027)
    win = tet.window(2027)
    assert cal.is_working_day(win.last_before) and win.last_before < days[0]
    assert cal.is_working_day(win.first_after) and win.first_after > days[-1]
    assert len(df) % 7 == 0
    html = tet.calendar_html(2027)
    assert cal.holiday_name(days[0]) in html


def test_tet_appointments_follow_the_engine(catalog):
    cal = catalog.calendar
    df = tet.appointment_examples("xac_nhan_hon_nhan", 2027)
    assert len(df) == 4
    q = tet.appointment_question("xac_nhan_hon_nhan", 2027)
    win = tet.window(2027)
    expected = cal.appointment(datetime.combine(win.last_before, datetime.min.time()).replace(
        hour=16), catalog.procedures["xac_nhan_hon_nhan"].working_days)
    assert q.answer == expected and expected > win.tet[-1]
    assert q.check(expected.strftime("%d/%m/%Y")).correct
    assert not q.check("01/01/2027").correct


def test_quick_check_feedback():
    q = choice("Ai gõ mã OTP?", ["Tình nguyện viên", "Người dân"], 1, "OTP là của người dân.")
    assert q.check(1).correct and "Đúng" in q.check(1).message
    wrong = q.check(0)
    assert not wrong.correct and "Người dân" in wrong.message and "OTP" in wrong.message
    assert not q.check(None).correct and "chọn" in q.check(None).message
    assert not q.check("không có").correct
    money = Question("Phí?", "money", 7000)
    for typed in ("7000", "7.000", "7.000 đ", "7 000đ"):
        assert money.check(typed).correct, typed
    assert "số nguyên" in money.check("bảy nghìn").message
    assert parse_whole_number("12,5") is None and parse_whole_number(True) is None
    day = Question("Ngày?", "date", date(2027, 2, 16))
    assert day.check("16/2/2027").correct and not day.check("2027-02-16").correct


def test_questions_answer_what_the_engine_says(catalog):
    rule = catalog.procedures["chung_thuc_ban_sao_dien_tu"].fee
    q = questions.copy_fee_question(pages=5, copies=2)
    assert q.answer == copy_fee(5, rule.tiers, rule.cap_per_copy) * 2
    deadline = catalog.procedures["khai_sinh"].deadline.days
    fee = catalog.wards.provinces[0].fees["khai_sinh_qua_han"]
    assert questions.late_fee_question("khai_sinh", deadline).answer == 0
    assert questions.late_fee_question("khai_sinh", deadline + 1).answer == fee
    assert questions.working_days("xac_nhan_hon_nhan").answer == (
        catalog.procedures["xac_nhan_hon_nhan"].working_days)
    assert questions.min_age("ket_hon", "ben_nam").answer == 20
    assert questions.min_age("ket_hon", "ben_nu").answer == 18
    j = questions.jurisdiction("khai_tu")
    assert j.options[j.answer] == catalog.procedures["khai_tu"].jurisdiction.description
    s = questions.service_level("ket_hon")
    assert s.options[s.answer].startswith("Một phần")


def test_widget_gives_instant_feedback():
    box = widget(questions.copy_fee_question(pages=5, copies=1))
    _title, entry, button, out = box.children
    entry.value = "1"
    button.click()
    assert "Chưa đúng" in out.value
    entry.value = str(questions.copy_fee_question(pages=5, copies=1).answer)
    button.click()
    assert "Đúng rồi" in out.value


def test_portal_steps_use_the_catalog(catalog):
    proc = catalog.procedures["khai_sinh"]
    steps = portal.filing_steps("khai_sinh")
    assert len(steps) == 7
    text = " ".join(" ".join(s.details) for s in steps)
    assert all(d.name in text for d in proc.documents)
    assert portal.status_path() == [1, 2, 4, 9, 10]
    stepper = portal.steps_widget("khai_sinh")
    page, buttons = stepper.children
    buttons.children[1].click()
    assert "Bước 2/7" in page.value


def test_engine_demos(lesson_env, catalog):
    at = datetime(2026, 12, 1, 10, 0)
    box = portal.birth_widget(at)
    result = box.children[-1]
    box.children[-2].click()
    assert "Hồ sơ hợp lệ" in result.value
    late = catalog.procedures["khai_sinh"].deadline.days + 10
    box.children[1].value = late
    box.children[-2].click()
    assert format_money(catalog.wards.provinces[0].fees["khai_sinh_qua_han"]) in result.value
    html = portal.vneid_demo(at).data
    assert "mức 2" in html and "Hồ sơ hợp lệ" in html and "Có lỗi cần sửa" in html
    marriage = portal.marriage_widget(at)
    man = marriage.children[1]
    labels = [label for label, _ in man.options]
    assert any("19 tuổi" in label for label in labels)
    man.value = next(i for label, i in man.options if "19 tuổi" in label)
    marriage.children[3].click()
    assert "chưa đủ 20 tuổi" in marriage.children[4].value


def test_observed_days_and_deadlines_on_a_day_off_come_from_the_calendar(catalog):
    from datetime import date

    from tdp.lessons import days_off

    observed = days_off.observed_days(2027, catalog)
    assert (date(2027, 5, 1), date(2027, 5, 3), "Ngày Quốc tế Lao động") in observed
    assert all(not catalog.calendar.is_working_day(o) for _, o, _ in observed)
    event, last, end = days_off.deadline_on_day_off("khai_sinh", date(2026, 7, 1), catalog)
    assert not catalog.calendar.is_working_day(last) and end > last
    assert end == catalog.calendar.deadline_end(event, catalog.procedure("khai_sinh").deadline.days)
    question = days_off.deadline_question("khai_sinh", catalog)
    assert question.check(1).correct and not question.check(0).correct


def test_amounts_are_accepted_in_every_form():
    """A money quick check reads amounts through the engine's money field type (one place)."""
    from tdp.lessons.quick import Question

    money = Question("Phí?", "money", 7000)
    for typed in ("7000", "7.000", "7.000 đ", "7.000đ", "7 000", "7,000", "7.000 đồng",
                  "7 nghìn", "7 ngàn", "7k", "7 nghìn đồng"):
        assert money.check(typed).correct, typed
    assert Question("Phí?", "money", 1_500_000).check("1,5 triệu").correct
    assert not money.check("bảy nghìn").correct


def test_lesson_prose_fills_catalog_facts(catalog):
    from tdp.lessons.prose import fill

    days = catalog.procedure("khai_sinh").deadline.days
    assert fill("trong {{han.khai_sinh}}", catalog) == f"trong {days} ngày"
