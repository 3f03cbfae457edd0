"""The practice app's own pages: trainee name, scenarios, story and papers, the choice of
procedure, the decision questions, the feedback and the trainee's history."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any

import ipywidgets as w

from tdp.widgets import (
    ErrorSummary,
    FieldBox,
    actions,
    button,
    esc,
    heading,
    html_box,
    link_card,
    safe,
    text_input,
)

if TYPE_CHECKING:
    from tdp.screens.practice_app import PracticeApp

FILE = "nop"
NO_FILE = "khong_nop"

PRACTICE_CSS = """
<style>
.tdp-level-badge { display: inline-block; background: #1d70b8; color: #fff; padding: 1px 8px;
  border-radius: 10px; font-size: 14px; }
.tdp-paper { background: #fffdf3; }
.tdp-paper table { border-collapse: collapse; width: 100%; }
.tdp-paper td { border-top: 1px solid #ddd; padding: 3px 4px; vertical-align: top; }
.tdp-paper-note { color: #6f3c00; font-style: italic; }
.tdp-criterion--ok { border-left: 5px solid #00703c; }
.tdp-criterion--fail { border-left: 5px solid #d4351c; }
.tdp-mark { font-weight: 700; font-size: 18px; }
.tdp-criterion--ok .tdp-mark { color: #00703c; }
.tdp-criterion--fail .tdp-mark { color: #d4351c; }
.tdp-score { font-size: 24px; font-weight: 700; }
.tdp-visually-hidden { position: absolute !important; width: 1px; height: 1px;
  overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
</style>
"""


def _css() -> w.HTML:
    return w.HTML(PRACTICE_CSS)


def _radio(path: str, label: str, options: list[tuple[str, str]], hint: str = "") -> FieldBox:
    return FieldBox(path, w.RadioButtons(options=options, value=None, description=label,
                                         style={"description_width": "initial"},
                                         layout=w.Layout(width="100%")), hint)


def _card(html: str, *classes: str) -> w.HTML:
    return html_box(html, "tdp-card", *classes)


# ----- name -------------------------------------------------------------------------------
def show_start(app: PracticeApp) -> None:
    summary = ErrorSummary()
    name = FieldBox("hoc_vien",
                    text_input("Họ và tên học viên", placeholder="Ví dụ: Nguyễn Thị Lan"),
                    "Không cần mật khẩu. Tên dùng để xem lại lịch sử luyện tập của anh/chị.")

    def go() -> None:
        typed = " ".join(name.input.value.split())
        if not typed:
            message = "Nhập họ và tên học viên"
            name.show_error(message)
            summary.show([(name.path, message, name.focus)])
            return
        app.set_trainee(typed)

    app.page("Luyện tập tình huống", [
        _css(), summary.box,
        heading("Luyện tập tình huống"),
        html_box("Anh/chị đóng vai tình nguyện viên hỗ trợ người dân làm thủ tục trên Cổng Dịch vụ "
                 "công (mô phỏng). Hồ sơ tập không được nộp thật và không làm thay đổi dữ liệu "
                 "dân cư mô phỏng.", "tdp-hint"),
        name.box,
        actions(button("Bắt đầu luyện tập", go, dom="tdp-trainee-submit")),
    ], focus=name)


# ----- scenarios --------------------------------------------------------------------------
def show_scenarios(app: PracticeApp) -> None:
    from tdp.catalog import LEVEL_NAMES
    from tdp.practice import list_scenarios, load_modules

    modules = load_modules().modules
    options = [(f"Buổi {m.id}: {m.title}", m.id) for m in modules]
    if app.module not in [m.id for m in modules]:
        app.module = modules[0].id if modules else None
    picker = FieldBox("mo_dun", w.Dropdown(
        options=options, value=app.module, description="Chọn buổi học",
        style={"description_width": "initial"}, layout=w.Layout(width="100%")))
    listing = w.VBox([], layout=w.Layout(width="100%"))

    def refresh(_change: object = None) -> None:
        app.module = picker.input.value
        cards = []
        for s in list_scenarios(app.module):
            cards.append(link_card(
                s.title, partial(app.open_scenario, s.id), f"tdp-scenario-{s.id}",
                f"Mức độ: <span class='tdp-level-badge tdp-level'>"
                f"{esc(LEVEL_NAMES[s.level])}</span> · {s.max_score} điểm",
                "tdp-scenario-card"))
        if not cards:
            cards = [html_box("Buổi này chưa có tình huống.", "tdp-notice")]
        listing.children = cards

    picker.input.observe(safe(refresh), names="value")
    refresh()
    app.page("Chọn tình huống", [
        _css(),
        heading("Chọn tình huống"),
        html_box("Mức độ: Cơ bản → Trung bình → Nâng cao.", "tdp-hint"),
        picker.box, listing,
    ])


# ----- story and papers -------------------------------------------------------------------
def _paper_card(paper: dict[str, Any]) -> w.HTML:
    rows = "".join(f"<tr><td>{esc(k)}</td><td><strong>{esc(v)}</strong></td></tr>"
                   for k, v in (paper.get("content") or {}).items())
    note = (f"<div class='tdp-paper-note'>Ghi chú: {esc(paper['note'])}</div>"
            if paper.get("note") else "")
    return _card(f"<div><strong>{esc(paper['title'])}</strong></div>"
                 + (f"<table>{rows}</table>" if rows else "") + note, "tdp-paper")


def show_scenario(app: PracticeApp) -> None:
    v = app.view
    r = v.get("resident", {})
    resident = (f"<div><strong>Người dân:</strong> {esc(r.get('ho_ten', ''))}</div>"
                f"<div>Số định danh: <span class='tdp-resident-id'>"
                f"{esc(r.get('so_dinh_danh', ''))}</span></div>")
    if r.get("mat_khau_tap_huan"):
        resident += (f"<div>Mật khẩu tập huấn VNeID: <span class='tdp-resident-password'>"
                     f"{esc(r['mat_khau_tap_huan'])}</span> (người dân tự nhập)</div>")
    if "vneid_muc" in r:
        resident += f"<div>Tài khoản VNeID: mức {esc(r['vneid_muc'])}</div>"
    when = v.get("at", "").replace("T", " lúc ")
    facts = (f"<div>Mức độ: <span class='tdp-level-badge tdp-level'>{esc(v['level_name'])}"
             f"</span></div><div><strong>Thời điểm:</strong> {esc(when)}</div>")
    if v.get("place"):
        facts += f"<div><strong>Nơi gặp:</strong> {esc(v['place'])}</div>"
    tasks = "".join(f"<li>{esc(t)}</li>" for t in v.get("tasks", []))
    papers = [_paper_card(p) for p in v.get("papers", [])]
    app.page(v["title"], [
        _css(),
        heading(v["title"]),
        html_box(facts),
        html_box(esc(v.get("story", "")), "tdp-notice", "tdp-story"),
        _card(resident, "tdp-resident"),
        heading("Giấy tờ người dân mang theo", 2),
        *(papers or [html_box("(Không có giấy tờ)", "tdp-hint")]),
        *([heading("Việc cần làm", 2), html_box(f"<ol>{tasks}</ol>")] if tasks else []),
        actions(button("Bắt đầu làm", app.start, dom="tdp-start"),
                button("Chọn tình huống khác", app.show_scenarios, kind="secondary",
                       dom="tdp-back")),
        heading("Làm theo cặp", 2),
        html_box("Hai người, hai điện thoại: một người đóng vai người dân (xem thẻ vai), một "
                 "người là tình nguyện viên (chỉ xem việc cần làm, phải hỏi để biết thông tin "
                 "và xin xem giấy tờ).", "tdp-hint"),
        actions(button("Tôi đóng vai người dân", app.show_role_card, kind="secondary",
                       dom="tdp-role-resident"),
                button("Tôi là tình nguyện viên (làm theo cặp)", app.show_volunteer_card,
                       kind="secondary", dom="tdp-role-volunteer")),
    ])


# ----- pair work --------------------------------------------------------------------------
def show_role_card(app: PracticeApp, card: dict[str, Any]) -> None:
    """The resident's card: the opening, the facts to give only when asked, the papers to
    hand over only when asked, and the training password the resident types."""
    r = card["resident"]
    who = (f"<div><strong>Anh/chị đóng vai:</strong> {esc(r.get('ho_ten', ''))}</div>"
           f"<div>Số định danh: <span class='tdp-resident-id'>{esc(r['so_dinh_danh'])}</span>"
           "</div>")
    if r.get("mat_khau_tap_huan"):
        who += ("<div>Mật khẩu tập huấn VNeID: <span class='tdp-resident-password'>"
                f"{esc(r['mat_khau_tap_huan'])}</span> — chỉ anh/chị tự nhập, không đọc cho "
                "tình nguyện viên</div>")
    facts = "".join(f"<li><strong>Khi được hỏi:</strong> {esc(f['ask'])}<br>"
                    f"<strong>Trả lời:</strong> {esc(f['answer'])}</li>"
                    for f in card["facts"])
    when = card.get("at", "").replace("T", " lúc ")
    app.page(f"Thẻ vai người dân: {card['title']}", [
        _css(),
        heading("Thẻ vai người dân"),
        html_box(f"{esc(card['title'])} — {esc(when)}"
                 + (f" — {esc(card['place'])}" if card.get("place") else ""), "tdp-hint"),
        _card(who, "tdp-resident"),
        heading("Nói trước", 2),
        html_box(esc(card["opening"]), "tdp-notice", "tdp-role-opening"),
        heading("Chỉ nói khi tình nguyện viên hỏi", 2),
        html_box(f"<ul>{facts}</ul>" if facts else "(Không có)", "tdp-role-facts"),
        heading("Giấy tờ: chỉ đưa khi được hỏi", 2),
        *([_paper_card(p) for p in card["papers"]]
          or [html_box("(Không có giấy tờ)", "tdp-hint")]),
        actions(button("Chọn tình huống khác", app.show_scenarios, kind="secondary",
                       dom="tdp-back")),
    ])


def show_volunteer_card(app: PracticeApp, card: dict[str, Any]) -> None:
    """The volunteer's card in pair work: the tasks only."""
    tasks = "".join(f"<li>{esc(t)}</li>" for t in card["tasks"])
    when = card.get("at", "").replace("T", " lúc ")
    app.page(f"Thẻ tình nguyện viên: {card['title']}", [
        _css(),
        heading("Thẻ tình nguyện viên"),
        html_box(f"{esc(card['title'])} — {esc(when)}"
                 + (f" — {esc(card['place'])}" if card.get("place") else ""), "tdp-hint"),
        html_box("Người dân sẽ nói trước. Hãy hỏi để biết thông tin và xin xem giấy tờ cần "
                 "thiết; mật khẩu VNeID do người dân tự nhập.", "tdp-notice"),
        heading("Việc cần làm", 2),
        html_box(f"<ol>{tasks}</ol>" if tasks else "(Không có)", "tdp-volunteer-tasks"),
        actions(button("Bắt đầu làm", app.start, dom="tdp-start"),
                button("Chọn tình huống khác", app.show_scenarios, kind="secondary",
                       dom="tdp-back")),
    ])


# ----- procedure, file or not -------------------------------------------------------------
def show_choose(app: PracticeApp) -> None:
    summary = ErrorSummary()
    procs = FieldBox("luyen_tap.thu_tuc", w.RadioButtons(
        options=[(p.name, p.id) for p in app.catalog.procedures.values()],
        value=app.chosen_proc, description="Người dân cần làm thủ tục nào?",
        style={"description_width": "initial"}, layout=w.Layout(width="100%")))
    decide = _radio("luyen_tap.nop", "Anh/chị có lập và nộp hồ sơ trên Cổng không?",
                    [("Lập hồ sơ và nộp trên Cổng", FILE), ("Không nộp hồ sơ", NO_FILE)],
                    "Chọn «Không nộp» nếu hồ sơ không được nhận hoặc không nên nộp lúc này.")
    if app.file is not None:
        decide.input.value = FILE if app.file else NO_FILE
    own_login = w.Checkbox(value=app.practise_login, indent=False,
                           description="Tập cả bước đăng nhập VNeID (người dân tự nhập mật "
                                       "khẩu và mã OTP)", layout=w.Layout(width="100%"))
    own_login.add_class("tdp-input-luyen_tap-dang_nhap")

    def go() -> None:
        errors = []
        for box, message in ((procs, "Chọn thủ tục"), (decide, "Chọn có nộp hồ sơ hay không")):
            box.show_error(message if box.input.value is None else None)
            if box.input.value is None:
                errors.append((box.path, message, box.focus))
        if errors:
            summary.show(errors)
            app.focus_summary(summary)
            return
        app.chose(procs.input.value, decide.input.value == FILE, own_login.value)

    app.page("Chọn thủ tục", [
        _css(), summary.box,
        heading("Chọn thủ tục"),
        html_box(f"Tình huống: {esc(app.view.get('title', ''))}", "tdp-hint"),
        procs.box, decide.box, own_login,
        actions(button("Tiếp tục", go, dom="tdp-next"),
                button("Đọc lại tình huống", app.reread, kind="secondary",
                       dom="tdp-back")),
    ], focus=procs)


# ----- decision questions -----------------------------------------------------------------
def show_questions(app: PracticeApp) -> None:
    summary = ErrorSummary()
    boxes: list[tuple[str, FieldBox]] = []
    for q in app.view.get("questions", []):
        box = _radio(f"q.{q['id']}", q["text"], [(o["label"], o["value"])
                                                 for o in q["options"]])
        if app.decisions.get(q["id"]):
            box.input.value = app.decisions[q["id"]]
        boxes.append((q["id"], box))

    def go() -> None:
        errors = []
        for _qid, box in boxes:
            missing = box.input.value is None
            box.show_error("Chọn một câu trả lời" if missing else None)
            if missing:
                errors.append((box.path, "Chọn một câu trả lời", box.focus))
        if errors:
            summary.show(errors)
            app.focus_summary(summary)
            return
        app.finish({qid: box.input.value for qid, box in boxes})

    back = app.show_review if app.file and app.declaration is not None else app.show_choose
    done = ("Hồ sơ đã được kiểm tra trên Cổng (luyện tập: không nộp thật)." if app.file
            else "Anh/chị đã quyết định không nộp hồ sơ.")
    app.page("Câu hỏi tình huống", [
        _css(), summary.box,
        heading("Câu hỏi tình huống"),
        html_box(esc(done), "tdp-notice", "tdp-filing-done"),
        *[box.box for _, box in boxes],
        *([] if boxes else [html_box("Tình huống này không có câu hỏi thêm.", "tdp-hint")]),
        actions(button("Nộp bài và xem kết quả", go, dom="tdp-finish"),
                button("Quay lại", back, kind="secondary", dom="tdp-back")),
    ], focus=boxes[0][1] if boxes else None)


# ----- feedback ---------------------------------------------------------------------------
def show_feedback(app: PracticeApp, result: dict[str, Any], stored: bool) -> None:
    from tdp.practice import scenario_view

    items = []
    for item in result["items"]:
        mark = "✓" if item["ok"] else "✗"
        state = "ok" if item["ok"] else "fail"
        detail = (f"<div class='tdp-detail'><strong>Anh/chị đã làm:</strong> {esc(item['detail'])}"
                  "</div>" if item.get("detail") else "")
        items.append(_card(
            f"<div><span class='tdp-mark' aria-hidden='true'>{mark}</span> "
            f"<span class='tdp-visually-hidden'>{'Đạt' if item['ok'] else 'Chưa đạt'}: </span>"
            f"<strong>{esc(item['label'])}</strong> ({item['points']}/{item['max_points']} điểm)"
            f"</div>{detail}<div class='tdp-feedback'>{esc(item['feedback'])}</div>",
            "tdp-criterion", f"tdp-criterion--{state}", f"tdp-criterion-{item['criterion']}"))
    full = scenario_view(app.scenario, app.ref_store, with_expected=True)
    defects = "".join(f"<li><strong>{esc(p['title'])}:</strong> {esc(p['defect'])}</li>"
                      for p in full.get("papers", []) if p.get("defect"))
    ok = result["score"] == result["max"]
    verdict = "Chính xác! Anh/chị đạt điểm tối đa." if ok else "Xem lại các tiêu chí chưa đạt (✗)."
    parts: list[w.Widget] = [
        _css(),
        heading("Kết quả luyện tập"),
        html_box(esc(app.view.get("title", "")), "tdp-hint"),
        html_box(f"<div class='tdp-score'>{result['score']} / {result['max']} điểm</div>"
                 f"<div>{esc(verdict)}</div>", "tdp-notice", "tdp-result"),
        *items,
    ]
    if defects:
        parts.append(html_box(f"<h2>Giấy tờ có vấn đề</h2><ul>{defects}</ul>", "tdp-notice"))
    if not stored:
        parts.append(html_box("Chưa lưu được lần làm bài này vào lịch sử; báo người hướng "
                              "dẫn.", "tdp-problem", "tdp-not-stored"))
    parts.append(actions(
        button("Làm lại", app.retry, dom="tdp-retry"),
        button("Chọn tình huống khác", app.show_scenarios, kind="secondary", dom="tdp-other"),
        button("Lịch sử luyện tập", app.show_history, kind="secondary", dom="tdp-history")))
    app.page("Kết quả luyện tập", parts)


# ----- history ----------------------------------------------------------------------------
def show_history(app: PracticeApp) -> None:
    from tdp.practice import load_scenarios

    titles = {k: s.title for k, s in load_scenarios().items()}
    rows = []
    for a in reversed(app.attempts()):
        when = a.ended_at.replace("T", " lúc ")
        wrong = [i["label"] for i in a.items if not i.get("ok")]
        miss = (f"<div class='tdp-hint'>Chưa đạt: {esc('; '.join(wrong))}</div>" if wrong
                else "")
        rows.append(_card(f"<div><strong>{esc(titles.get(a.scenario, a.scenario))}</strong>"
                          f"</div><div><span class='tdp-attempt-score'>{a.score} / {a.max}"
                          f"</span> điểm · {esc(when)}</div>{miss}", "tdp-attempt"))
    if not rows:
        rows = [html_box("Anh/chị chưa làm tình huống nào.", "tdp-notice", "tdp-no-attempt")]
    app.page("Lịch sử luyện tập", [
        _css(),
        heading("Lịch sử luyện tập"),
        html_box(f"Học viên: {esc(app.trainee)} — mới nhất ở trên.", "tdp-hint"),
        *rows,
        actions(button("Chọn tình huống", app.show_scenarios, dom="tdp-other")),
    ])
