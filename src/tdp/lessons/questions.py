"""Quick checks whose right answer is a fact of the catalog or the engine: a fee, a number
of working days, an appointment date, who decides. They are built when the lesson runs, so a
change in `course/` changes the answer, never a number written in a notebook."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from tdp.catalog import Catalog, load_catalog
from tdp.catalog.models import PerPageFee
from tdp.dates import format_money, format_screen_date
from tdp.engine import copy_fee, fee_for, is_late
from tdp.errors import CourseUsageError
from tdp.lessons.quick import Question
from tdp.lessons.tables import SERVICE_LEVELS, procedure, sample_province

_WEEKDAYS = ("thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật")


def weekday_name(d: date) -> str:
    return _WEEKDAYS[d.weekday()]


def when_text(at: datetime) -> str:
    """`16:00 thứ Tư 03/02/2027`."""
    return f"{at.hour:02d}:{at.minute:02d} {weekday_name(at)} {format_screen_date(at)}"


def _cat(catalog: Catalog | None) -> Catalog:
    return catalog if catalog is not None else load_catalog()


def service_level(procedure_id: str, catalog: Catalog | None = None) -> Question:
    proc = procedure(procedure_id, catalog)
    levels = list(SERVICE_LEVELS)
    return Question(
        f"Trong khóa học, thủ tục “{proc.name}” được cung cấp ở mức nào?",
        "choice",
        levels.index(proc.service_level),
        "Toàn trình = làm hết trên mạng; một phần = có bước phải đến cơ quan "
        "(Nghị định 42/2022/NĐ-CP thay cách gọi “mức độ 3, 4”).",
        tuple(SERVICE_LEVELS.values()),
    )


def working_days(procedure_id: str, catalog: Catalog | None = None) -> Question:
    proc = procedure(procedure_id, catalog)
    return Question(
        f"Thủ tục “{proc.name}” được giải quyết trong bao nhiêu ngày làm việc? "
        "(0 nếu trả ngay trong ngày)",
        "number",
        proc.working_days,
        proc.working_days_note,
        unit="ngày làm việc",
    )


def copy_fee_question(pages: int, copies: int = 1, catalog: Catalog | None = None,
                      procedure_id: str = "chung_thuc_ban_sao_dien_tu") -> Question:
    proc = procedure(procedure_id, catalog)
    rule = proc.fee
    assert isinstance(rule, PerPageFee)
    per_copy = copy_fee(pages, rule.tiers, rule.cap_per_copy)
    return Question(
        f"Người dân cần chứng thực bản sao điện tử một giấy tờ {pages} trang, lấy {copies} bản. "
        "Phí chứng thực là bao nhiêu đồng?",
        "money",
        per_copy * copies,
        f"Một bản {pages} trang: {format_money(per_copy)}; × {copies} bản. {proc.fee_note}",
    )


def late_fee_question(procedure_id: str, days_after: int, catalog: Catalog | None = None,
                      commune_id: str | None = None) -> Question:
    """The fee when a birth / death is registered `days_after` days after the event."""
    cat = _cat(catalog)
    proc = procedure(procedure_id, cat)
    if proc.deadline is None:
        raise CourseUsageError(f"Thủ tục '{procedure_id}' không có hạn đăng ký")
    # A Monday whose 15th and 60th days are working days, so the question is about the count
    # alone (a deadline ending on a day off moves; lesson 3 teaches that case on its own)
    day = date(2026, 10, 5)
    late = is_late(proc.deadline, day, day + timedelta(days=days_after), cat.calendar)
    commune = commune_id or cat.wards.communes[0].id
    fee = fee_for(cat, proc, {"co_quan": commune}, late)
    event = "sinh" if procedure_id == "khai_sinh" else "mất"
    province = sample_province(cat)
    sample = " (mức mẫu của khóa học)" if province.fees_are_samples else ""
    return Question(
        f"{proc.name}: gia đình nộp hồ sơ {days_after} ngày sau ngày {event} "
        "(không thuộc diện miễn). Lệ phí là bao nhiêu đồng? (0 nếu miễn)",
        "money",
        fee,
        ("Quá hạn" if late else "Còn trong hạn") + f": {proc.deadline.description} "
        f"Mức của {province.name}{sample}: "
        f"{format_money(province.fees.get(getattr(proc.fee, 'key', ''), 0))}.",
    )


def jurisdiction(procedure_id: str, catalog: Catalog | None = None) -> Question:
    """Who decides: the right description against the other procedures' descriptions."""
    cat = _cat(catalog)
    proc = procedure(procedure_id, cat)
    options = [proc.jurisdiction.description]
    for other in cat.procedures.values():
        desc = other.jurisdiction.description
        if desc not in options:
            options.append(desc)
    options = sorted(options)
    return Question(
        f"Hồ sơ “{proc.name}” nộp cho cơ quan nào?",
        "choice",
        options.index(proc.jurisdiction.description),
        "Chọn đúng cơ quan tiếp nhận, nếu không hồ sơ bị báo “sai thẩm quyền”.",
        tuple(options),
    )


def appointment(procedure_id: str, at: datetime, catalog: Catalog | None = None) -> Question:
    """The appointment date of a filing submitted at `at`, from the engine's calendar."""
    cat = _cat(catalog)
    proc = procedure(procedure_id, cat)
    cal = cat.calendar
    day0 = cal.day_zero(at)
    due = cal.appointment(at, proc.working_days)
    return Question(
        f"Hồ sơ “{proc.name}” ({proc.working_days} ngày làm việc) nộp lúc {when_text(at)}. "
        "Ngày hẹn trả kết quả là ngày nào? (ngày/tháng/năm)",
        "date",
        due,
        f"Ngày 0 là {weekday_name(day0)} {format_screen_date(day0)} (nộp sau 15 giờ, hoặc vào "
        "ngày nghỉ, thì tính từ ngày làm việc tiếp theo); cộng "
        f"{proc.working_days} ngày làm việc, bỏ qua thứ Bảy, Chủ nhật và ngày lễ, Tết.",
    )


def min_age(procedure_id: str = "ket_hon", person: str = "ben_nam",
            catalog: Catalog | None = None) -> Question:
    """The minimum age the procedure's `min_age` rule sets for `person`."""
    proc = procedure(procedure_id, catalog)
    years = next(
        (r.model_extra or {}).get("years")
        for r in proc.rules
        if r.kind == "min_age" and (r.model_extra or {}).get("person") == person
    )
    spec = proc.field(person)
    label = spec.label.lower() if spec else person
    return Question(
        f"{proc.name}: {label} phải đủ bao nhiêu tuổi (tròn tuổi) vào ngày nộp?",
        "number",
        years,
        "Tính tròn tuổi đến đúng ngày nộp hồ sơ (Luật Hôn nhân và gia đình 2014, Điều 8).",
        unit="tuổi",
    )
