"""The portal explained: the steps of filing online, how a file moves through its statuses,
and small demos that ask the engine (`tdp.engine.checking.check`) for its verdict on a filing
built from the synthetic registry. The lesson never decides validity itself."""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from typing import Any

from tdp.catalog import Catalog, load_catalog
from tdp.dates import format_money, format_screen_date, now_local
from tdp.engine import FINAL, NEXT_STATUS, STATUSES
from tdp.errors import CatalogError, CatalogProblem
from tdp.lessons.tables import SERVICE_LEVELS, fee_text, next_steps, procedure, working_days_text
from tdp.registry import full_years


@dataclass(frozen=True)
class Step:
    title: str
    volunteer: str  # what the volunteer does
    resident: str  # what the resident does themself
    details: list[str]  # facts of the procedure, from the catalog


def filing_steps(procedure_id: str, catalog: Catalog | None = None) -> list[Step]:
    """The seven steps of filing `procedure_id` online, like the real portal."""
    cat = catalog if catalog is not None else load_catalog()
    proc = procedure(procedure_id, cat)
    groups = [f.label for f in proc.fields if f.type in ("group", "list")]
    simple = [f.label for f in proc.fields if f.type not in ("group", "list", "documents")]
    return [
        Step("1. Đăng nhập bằng VNeID",
             "Mở Cổng Dịch vụ công quốc gia, chọn “Đăng nhập”, chọn tài khoản định danh điện tử "
             "(VNeID).",
             "Người dân tự nhập số định danh, mật khẩu và tự nhận, tự gõ mã OTP trên điện thoại "
             "của mình. Tình nguyện viên không hỏi, không ghi lại mật khẩu hay OTP.",
             ["Tài khoản mức 2 dùng được mọi dịch vụ; chứng thực bản sao điện tử cần mức 2."]),
        Step("2. Tìm thủ tục",
             f"Gõ “{proc.name}” vào ô tìm kiếm, chọn đúng thủ tục và đúng cơ quan.",
             "Xác nhận với tình nguyện viên đây đúng là việc mình cần làm.",
             [f"Mức độ: {SERVICE_LEVELS[proc.service_level]}.",
              f"Cơ quan: {proc.jurisdiction.description}."]),
        Step("3. Điền tờ khai",
             "Điền từng mục theo giấy tờ của người dân, đọc lại cho người dân nghe.",
             "Đưa giấy tờ gốc (thẻ căn cước, giấy chứng sinh …) để điền cho đúng.",
             [f"Các mục: {', '.join(groups + simple)}."]),
        Step("4. Đính kèm giấy tờ",
             "Chụp rõ nét, đủ trang từng giấy tờ và tải lên đúng ô.",
             "Giữ bản chính để mang theo khi nhận kết quả.",
             [f"{d.name}: {d.hint}" for d in proc.documents]),
        Step("5. Kiểm tra lại",
             "Đọc lại trang “Kiểm tra lại”; sửa nếu Cổng báo “Có lỗi cần sửa”.",
             "Xác nhận thông tin đúng rồi mới bấm “Nộp hồ sơ”.",
             ["Lỗi được báo ngay cạnh ô cần sửa, bằng lời dễ hiểu."]),
        Step("6. Nộp phí, lệ phí (nếu có)",
             "Chỉ cho người dân cách thanh toán trực tuyến.",
             "Người dân tự thanh toán bằng tài khoản của mình.",
             [f"Lệ phí: {fee_text(proc, cat)}.", proc.fee_note]),
        Step("7. Nhận mã hồ sơ và ngày hẹn",
             "Ghi mã hồ sơ và ngày hẹn ra giấy cho người dân; ghi lượt hỗ trợ vào sổ theo dõi "
             "(không ghi mật khẩu, OTP).",
             "Theo dõi hồ sơ trong mục “Dịch vụ công của tôi”; đến UBND một lần để nhận kết "
             "quả nếu cần.",
             [f"Thời hạn: {working_days_text(proc)}.", *next_steps(procedure_id, cat)]),
    ]


def step_html(step: Step, index: int, total: int) -> str:
    details = "".join(f"<li>{html.escape(d)}</li>" for d in step.details if d)
    return (
        f"<div class='tdp-buoc'><div style='color:#505a5f'>Bước {index + 1}/{total}</div>"
        f"<h3 style='margin:4px 0'>{html.escape(step.title)}</h3>"
        f"<p><b>Tình nguyện viên:</b> {html.escape(step.volunteer)}</p>"
        f"<p><b>Người dân:</b> {html.escape(step.resident)}</p>"
        f"<ul>{details}</ul></div>"
    )


def steps_widget(procedure_id: str, catalog: Catalog | None = None):
    """The steps one at a time, with "Bước trước" / "Bước tiếp" buttons."""
    import ipywidgets as w

    steps = filing_steps(procedure_id, catalog)
    state = {"i": 0}
    page = w.HTML(step_html(steps[0], 0, len(steps)))
    back = w.Button(description="← Bước trước", disabled=True)
    forward = w.Button(description="Bước tiếp →", button_style="primary")

    def go(delta: int) -> None:
        state["i"] = max(0, min(len(steps) - 1, state["i"] + delta))
        page.value = step_html(steps[state["i"]], state["i"], len(steps))
        back.disabled = state["i"] == 0
        forward.disabled = state["i"] == len(steps) - 1

    back.on_click(lambda _: go(-1))
    forward.on_click(lambda _: go(1))
    box = w.VBox([page, w.HBox([back, forward])],
                 layout=w.Layout(border="1px solid #b1b4b6", padding="8px", max_width="720px"))
    box.add_class("tdp-cac-buoc")
    return box


def status_path() -> list[int]:
    """The usual path of an accepted file: 1 → 2 → 4 → 9 → 10."""
    path, code = [1], 1
    while code in NEXT_STATUS and code not in FINAL:
        code = NEXT_STATUS[code]
        path.append(code)
    return path


def status_flow_html() -> str:
    main = status_path()
    chips = " → ".join(
        f"<span class='tdp-tt'>{c}. {html.escape(STATUSES[c])}</span>" for c in main
    )
    side = [c for c in STATUSES if c not in main]
    rest = "".join(f"<li>{c}. {html.escape(STATUSES[c])}</li>" for c in side)
    return (
        "<style>.tdp-tt{display:inline-block;background:#e8f0f8;border:1px solid #1d70b8;"
        "padding:3px 8px;margin:3px 0;border-radius:4px}</style>"
        f"<div><b>Đường đi thường gặp của một hồ sơ:</b><br>{chips}</div>"
        f"<div style='margin-top:6px'><b>Các trạng thái khác cần để ý:</b><ul>{rest}</ul></div>"
    )


def show_status_flow():
    from IPython.display import HTML

    return HTML(status_flow_html())


# --- Demos that ask the engine -------------------------------------------------------------


def demo_time(at: datetime | None = None, catalog: Catalog | None = None) -> datetime:
    """10:00 on the next working day from `at` (default: now), a calm moment to file."""
    cat = catalog if catalog is not None else load_catalog()
    now = at or now_local()
    d = now.date()
    if not cat.calendar.is_working_day(d):
        d = cat.calendar.next_working_day(d)
    return datetime.combine(d, time(10, 0))


def _people() -> list[Any]:
    """The registry's people, read once per kernel and database (the demos only pick
    examples from it; every verdict is asked of the engine, which reads the live registry)."""
    from tdp.paths import database_url

    return list(_read_people(database_url()))


@lru_cache(maxsize=4)
def _read_people(url: str) -> tuple[Any, ...]:
    from tdp.engine import ensure_registry
    from tdp.registry.store import RegistryRepo
    from tdp.store import open_store

    store = open_store(url)
    ensure_registry(store, load_catalog())
    with store.reading() as session:
        return tuple(RegistryRepo(session).all())


def _age(p: Any, on: date) -> int:
    return full_years(date.fromisoformat(p.ngay_sinh), on)


def sample_parents(on: date) -> tuple[Any, Any]:
    """A living married woman aged 20–40 and her living husband, from the registry."""
    people = _people()
    by_id = {p.so_dinh_danh: p for p in people}
    for p in people:
        husband = by_id.get(p.so_dinh_danh_vo_chong or "")
        if (p.gioi_tinh == "nu" and p.con_song and p.tinh_trang_hon_nhan == "da_ket_hon"
                and 20 <= _age(p, on) <= 40 and husband is not None and husband.con_song):
            return p, husband
    raise LookupError("Không tìm thấy cặp vợ chồng phù hợp trong dữ liệu dân cư mô phỏng")


def _ref(p: Any) -> dict[str, str]:
    return {"ho_ten": p.ho_ten, "so_dinh_danh": p.so_dinh_danh}


def birth_filing(days_after_birth: int, at: datetime, documents: list[str] | None = None,
                 relation: str = "me") -> dict[str, Any]:
    """A birth filing for a child born `days_after_birth` days before `at`."""
    mother, father = sample_parents(at.date())
    requester = father if relation == "cha" else mother
    family = father.ho_ten.split()[0]
    return {
        "nguoi_yeu_cau": {**_ref(requester), "quan_he": relation},
        "tre": {"ho_ten": f"{family} Minh Khang",
                "ngay_sinh": (at.date() - timedelta(days=days_after_birth)).isoformat(),
                "gioi_tinh": "nam", "dan_toc": mother.dan_toc, "quoc_tich": "Việt Nam",
                "noi_sinh": "Bệnh viện Đa khoa tỉnh Gia Lai", "que_quan": "Gia Lai"},
        "me": _ref(mother),
        "cha": _ref(father),
        "so_ban_sao": 0,  # the demo is about the registration fee; copies cost extra
        "co_quan": mother.noi_cu_tru.co_quan,
        "giay_to": ["giay_chung_sinh"] if documents is None else list(documents),
    }


def verdict_html(result: Any, procedure_id: str) -> str:
    """The engine's verdict in words: accepted or the errors to fix, fee, appointment."""
    proc = procedure(procedure_id)
    if result.valid:
        head = ("<div style='border-left:6px solid #00703c;padding:6px 10px'>"
                "<b style='color:#00703c'>Hồ sơ hợp lệ — Cổng sẽ tiếp nhận.</b>")
    else:
        items = "".join(f"<li>{html.escape(e.message)}</li>" for e in result.errors)
        head = ("<div style='border-left:6px solid #d4351c;padding:6px 10px'>"
                f"<b style='color:#d4351c'>Có lỗi cần sửa</b><ul>{items}</ul>")
    late = " (nộp quá hạn)" if result.late else ""
    return (f"{head}<div>Thủ tục: {html.escape(proc.name)}</div>"
            f"<div>Lệ phí: <b>{format_money(result.fee)}</b>{late}</div>"
            f"<div>Ngày hẹn trả kết quả: <b>{format_screen_date(result.appointment)}</b></div>"
            "</div>")


def check(procedure_id: str, filing: dict[str, Any], at: datetime):
    """Ask the engine; show its verdict."""
    from IPython.display import HTML

    from tdp.engine import check as engine_check

    return HTML(verdict_html(engine_check(procedure_id, filing, at), procedure_id))


def birth_widget(at: datetime | None = None):
    """Try a birth filing: days since birth, who files, which papers → the engine's verdict."""
    import ipywidgets as w

    from tdp.engine import check as engine_check

    cat = load_catalog()
    proc = procedure("khai_sinh", cat)
    at = at or demo_time(catalog=cat)
    relation = proc.field("nguoi_yeu_cau.quan_he")
    if relation is None:
        raise CatalogError([CatalogProblem(f"procedures/{proc.id}.yaml", "fields",
                                           "thiếu trường nguoi_yeu_cau.quan_he")])
    days = w.BoundedIntText(value=10, min=0, max=3650, description="Số ngày sau sinh:",
                            style={"description_width": "initial"})
    who = w.Dropdown(options=[(c.label, c.value) for c in relation.choices if c.value in
                              ("me", "cha", "khac")], value="me",
                     description="Người đi khai:", style={"description_width": "initial"})
    docs = [w.Checkbox(value=(d.id == "giay_chung_sinh"), description=d.name, indent=False)
            for d in proc.documents]
    button = w.Button(description="Kiểm tra hồ sơ", button_style="primary")
    out = w.HTML("")
    out.add_class("tdp-ket-qua")

    def run(_: Any) -> None:
        chosen = [d.id for d, box in zip(proc.documents, docs, strict=True) if box.value]
        filing = birth_filing(days.value, at, chosen, who.value)
        out.value = verdict_html(engine_check("khai_sinh", filing, at), "khai_sinh")

    button.on_click(run)
    box = w.VBox([w.HTML(f"<b>Thử nộp hồ sơ khai sinh</b> — nộp lúc 10:00 ngày "
                         f"{format_screen_date(at)}. Đổi các lựa chọn rồi bấm “Kiểm tra hồ sơ”."),
                  days, who, w.HTML("Giấy tờ đính kèm:"), *docs, button, out],
                 layout=w.Layout(border="1px solid #b1b4b6", padding="8px", max_width="720px"))
    box.add_class("tdp-thu-ho-so")
    return box


def marriage_candidates(on: date) -> tuple[list[Any], list[Any]]:
    """A few men and women of the registry for the marriage demo: single of several ages,
    and one already married, so that the engine's age and marriage rules can be seen."""
    people = [p for p in _people() if p.con_song]
    men: list[Any] = []
    women: list[Any] = []
    for sex, out, ages in (("nam", men, (19, 20, 24)), ("nu", women, (17, 18, 23))):
        for age in ages:
            p = next((p for p in people if p.gioi_tinh == sex and p.tinh_trang_hon_nhan ==
                      "doc_than" and _age(p, on) == age), None)
            if p is not None:
                out.append(p)
        married = next((p for p in people if p.gioi_tinh == sex and p.tinh_trang_hon_nhan ==
                        "da_ket_hon" and 25 <= _age(p, on) <= 40), None)
        if married is not None:
            out.append(married)
    return men, women


def _related(a: Any, b: Any) -> bool:
    ids_a = {a.so_dinh_danh_cha, a.so_dinh_danh_me} - {None}
    ids_b = {b.so_dinh_danh_cha, b.so_dinh_danh_me} - {None}
    return bool(ids_a & ids_b) or a.so_dinh_danh in ids_b or b.so_dinh_danh in ids_a


def marriage_filing(man: Any, woman: Any) -> dict[str, Any]:
    return {
        "ben_nam": {**_ref(man), "ngay_sinh": man.ngay_sinh, "lan_ket_hon": 1},
        "ben_nu": {**_ref(woman), "ngay_sinh": woman.ngay_sinh, "lan_ket_hon": 1},
        "co_quan": woman.noi_cu_tru.co_quan,
        "giay_to": [],
    }


def _person_label(p: Any, on: date) -> str:
    status = {"doc_than": "độc thân", "da_ket_hon": "đang có vợ/chồng", "ly_hon": "đã ly hôn",
              "goa": "góa"}[p.tinh_trang_hon_nhan]
    return f"{p.ho_ten} — {_age(p, on)} tuổi, {status}"


def marriage_widget(at: datetime | None = None):
    """Pick a man and a woman from the registry, ask the engine whether they may marry."""
    import ipywidgets as w

    from tdp.engine import check as engine_check

    at = at or demo_time()
    men, women = marriage_candidates(at.date())
    man = w.Dropdown(options=[(_person_label(p, at.date()), i) for i, p in enumerate(men)],
                     description="Bên nam:", layout=w.Layout(width="100%"))
    woman = w.Dropdown(options=[(_person_label(p, at.date()), i) for i, p in enumerate(women)],
                       description="Bên nữ:", layout=w.Layout(width="100%"))
    button = w.Button(description="Kiểm tra hồ sơ", button_style="primary")
    out = w.HTML("")
    out.add_class("tdp-ket-qua")

    def run(_: Any) -> None:
        a, b = men[man.value], women[woman.value]
        note = ""
        if _related(a, b):
            note = "<div>(Hai người này có quan hệ họ hàng trong dữ liệu mô phỏng.)</div>"
        result = engine_check("ket_hon", marriage_filing(a, b), at)
        out.value = verdict_html(result, "ket_hon") + note

    button.on_click(run)
    box = w.VBox([w.HTML(f"<b>Thử hồ sơ đăng ký kết hôn</b> — nộp ngày {format_screen_date(at)}"
                         ". Chọn hai người rồi bấm “Kiểm tra hồ sơ”."), man, woman, button, out],
                 layout=w.Layout(border="1px solid #b1b4b6", padding="8px", max_width="720px"))
    box.add_class("tdp-thu-ho-so")
    return box


def vneid_people(levels: tuple[int, ...] = (0, 1, 2)) -> dict[int, Any]:
    """One living adult of each VNeID level (0 = no account)."""
    found: dict[int, Any] = {}
    today = now_local().date()
    for p in _people():
        if p.con_song and p.vneid_muc in levels and p.vneid_muc not in found \
                and _age(p, today) >= 18:
            found[p.vneid_muc] = p
    return found


def copy_filing(person: Any, pages: int, copies: int, commune: str) -> dict[str, Any]:
    return {
        "nguoi_yeu_cau": _ref(person),
        "giay_to_chung_thuc": [{"ten": "Bằng tốt nghiệp trung học phổ thông",
                                "so_trang": pages, "so_ban": copies}],
        "co_quan": commune,
        "giay_to": ["ban_chup_ban_chinh"],
    }


def vneid_demo(at: datetime | None = None):
    """The same copy-certification filing from residents with VNeID level 0, 1 and 2."""
    from IPython.display import HTML

    from tdp.engine import check as engine_check

    at = at or demo_time()
    commune = load_catalog().wards.communes[0].id
    parts = []
    for level, person in sorted(vneid_people().items()):
        result = engine_check("chung_thuc_ban_sao_dien_tu", copy_filing(person, 2, 1, commune),
                              at)
        title = "chưa có tài khoản VNeID" if level == 0 else f"có tài khoản VNeID mức {level}"
        parts.append(f"<h4 style='margin:8px 0 2px 0'>{html.escape(person.ho_ten)} ({title})</h4>"
                     + verdict_html(result, "chung_thuc_ban_sao_dien_tu"))
    return HTML("".join(parts))


def copy_fee_widget():
    """Pages and copies → the fee, computed by the engine's fee rule as you type."""
    import ipywidgets as w

    from tdp.engine import fee_for

    cat = load_catalog()
    proc = procedure("chung_thuc_ban_sao_dien_tu", cat)
    pages = w.BoundedIntText(value=5, min=1, max=10000, description="Số trang:")
    copies = w.BoundedIntText(value=1, min=1, max=100, description="Số bản:")
    out = w.HTML("")
    out.add_class("tdp-ket-qua")

    def update(_: Any = None) -> None:
        filing = {"giay_to_chung_thuc": [{"so_trang": pages.value, "so_ban": copies.value}]}
        fee = fee_for(cat, proc, filing, late=False)
        out.value = f"Phí chứng thực: <b>{format_money(fee)}</b>"

    pages.observe(update, names="value")
    copies.observe(update, names="value")
    update()
    box = w.VBox([pages, copies, out], layout=w.Layout(border="1px solid #b1b4b6",
                                                         padding="8px", max_width="720px"))
    box.add_class("tdp-tinh-phi")
    return box
