"""The "Bài tập" app: the graded exercises on a phone, nbgrader still the grader.

name (class list) → PIN (set the first time, so nobody opens another's work) → released
assignment → one card per task of the released notebook, with
the input its answer type asks for, "Kiểm tra" (that task's visible checks, run in this
kernel) → "Nộp bài" (the notebook into nbgrader's submitted folder). Answers are a draft in
the store until submitted, so closing the tab or restarting the server loses nothing. After
the trainer runs the feedback, the trainee reads their own feedback page here.
"""

from __future__ import annotations

import functools
import html
from typing import Any

import ipywidgets as w

from tdp.catalog import load_catalog
from tdp.classlist import read_trainees
from tdp.dates import format_at, now_local
from tdp.grading.course import Course
from tdp.grading.workbook import (
    Workbook,
    feedback_page,
    open_workbook,
    released,
    run_check,
    submit,
    submitted_at,
)
from tdp.screens import drafts
from tdp.screens import exercise_pin as pin
from tdp.screens.exercise_widgets import BLANK, AnswerInput
from tdp.store import Store, open_store
from tdp.widgets import (
    CSS,
    AppFrame,
    actions,
    button,
    esc,
    heading,
    html_box,
    open_app,
)

APP_TITLE = "Bài tập (mô phỏng)"
EXTRA_CSS = """
<style>
.tdp-question { border: 1px solid #b1b4b6; padding: 10px; margin: 10px 0; width: 100%; }
.tdp-question table { display: block; overflow-x: auto; max-width: 100%; }
.tdp-question code { overflow-wrap: anywhere; }
.tdp-check-ok { border-left: 5px solid #00703c; padding: 6px 10px; white-space: pre-line; }
.tdp-check-fail { border-left: 5px solid #d4351c; padding: 6px 10px; white-space: pre-line; }
.tdp-feedback-frame { width: 100%; height: 75vh; border: 1px solid #b1b4b6; }
.tdp-question textarea { font-family: inherit; font-size: 16px; line-height: 1.4; }
.tdp-app .widget-dropdown { height: auto; }
.tdp-app .widget-dropdown select { height: auto; min-height: 36px; }
.tdp-question .widget-checkbox { height: auto; width: 100%; }
.tdp-question .widget-checkbox label { display: flex; align-items: center; gap: 8px;
  white-space: normal; height: auto; line-height: 1.4; font-size: 16px; }
.tdp-question .widget-checkbox input[type="checkbox"] { flex: none; width: 20px;
  height: 20px; min-height: 20px; margin: 0; }
</style>
"""


def markdown_html(text: str) -> str:
    import mistune

    return str(mistune.html(text))


def check_html(passed: bool, message: str) -> str:
    """The check's own words, its first sentence in bold ("Đúng." / "Chưa đúng.")."""
    if not passed and not message.startswith("Chưa đúng"):
        message = "Chưa đúng. " + message
    head, dot, rest = message.partition(". ")
    body = f"<strong>{html.escape(head + ('.' if dot else ''))}</strong>"
    return body + (f"<br>{html.escape(rest)}" if rest else "")


def draft_key(assignment: str) -> str:
    return f"bai_tap:{assignment}"


class ExerciseApp(AppFrame):
    def __init__(self, course: Course | None = None, store: Store | None = None):
        self.course = course or Course()
        self.catalog = load_catalog()
        self.store = store or open_store()
        drafts.ensure_tables(self.store)
        self.trainee: Any = None
        self.workbook: Workbook | None = None
        self.inputs: dict[str, AnswerInput] = {}
        super().__init__(CSS + EXTRA_CSS)
        self.show_names()

    # ----- layout --------------------------------------------------------------------------

    def page(self, parts: list[w.Widget]) -> None:
        self.notice.layout.display = "none"
        head = [html_box(f"<strong>{APP_TITLE}</strong>" + (
            f"<br>Học viên: <span class='tdp-trainee'>{esc(self.trainee.name)}</span>"
            if self.trainee else ""))]
        if self.trainee is not None:
            head += [button("Danh sách bài", self.show_assignments, kind="link",
                            dom="tdp-nav-assignments"),
                     button("Đổi tên", self.change_name, kind="link", dom="tdp-nav-name")]
        self.header.children = head
        self.main.children = parts

    # ----- 1. who -------------------------------------------------------------------------
    def show_names(self) -> None:
        trainees = read_trainees(self.course.trainees_csv)
        if not trainees:
            self.page([heading("Bài tập"), html_box(
                "Lớp chưa có danh sách học viên. Anh/chị báo giảng viên nhập danh sách lớp.",
                "tdp-notice", "tdp-no-class")])
            return
        picker = w.Dropdown(options=[(BLANK, "")] + [(t.name, t.id) for t in trainees],
                            value="", description="Họ và tên",
                            style={"description_width": "initial"}, layout=w.Layout(width="100%"))
        picker.add_class("tdp-input-hoc_vien")
        error = html_box("", "tdp-error-message", "tdp-error-hoc_vien")

        def go() -> None:
            chosen = next((t for t in trainees if t.id == picker.value), None)
            if chosen is None:
                error.value = "Lỗi: Anh/chị chọn tên của mình trong danh sách lớp."
                return
            self.show_pin(chosen)

        self.page([heading("Bài tập"),
                   html_box("Anh/chị chọn tên của mình trong danh sách lớp.", "tdp-hint"),
                   picker, error, actions(button("Tiếp tục", go, dom="tdp-next"))])

    def show_pin(self, chosen: Any) -> None:
        """Set a PIN the first time; type it every other time (see exercise_pin)."""
        first = not pin.has_pin(chosen.id, self.store)
        entry = w.Password(value="", description="Mã PIN", placeholder="4 đến 6 chữ số",
                           style={"description_width": "initial"}, layout=w.Layout(width="100%"))
        entry.add_class("tdp-input-ma_pin")
        again = w.Password(value="", description="Nhập lại mã PIN",
                           style={"description_width": "initial"}, layout=w.Layout(width="100%"))
        again.add_class("tdp-input-ma_pin_lai")
        error = html_box("", "tdp-error-message", "tdp-error-ma_pin")

        def go() -> None:
            typed = entry.value.strip()
            if first:
                problem = pin.pin_problem(typed) or (
                    "Hai lần nhập mã PIN chưa giống nhau." if typed != again.value.strip()
                    else None)
                if problem:
                    error.value = f"Lỗi: {esc(problem)}"
                    return
                pin.set_pin(chosen.id, typed, self.store)
            elif not pin.has_pin(chosen.id, self.store):  # the trainer reset it meanwhile
                self.show_pin(chosen)
                return
            elif not pin.pin_matches(chosen.id, typed, self.store):
                error.value = ("Lỗi: Mã PIN chưa đúng. Anh/chị quên mã thì báo giảng viên "
                               "đặt lại.")
                return
            self.trainee = chosen
            self.show_assignments()

        if first:
            intro = ("Lần đầu vào bài tập: anh/chị đặt một mã PIN 4 đến 6 chữ số và nhớ nó. "
                     "Chỉ mã này mở được bài làm và nhận xét của anh/chị.")
            fields: list[w.Widget] = [entry, again]
        else:
            intro = "Anh/chị nhập mã PIN đã đặt để mở bài làm của mình."
            fields = [entry]
        self.page([heading(chosen.name), html_box(intro, "tdp-hint"), *fields, error,
                   actions(button("Tiếp tục", go, dom="tdp-pin-next"),
                           button("Chọn tên khác", self.change_name, kind="secondary",
                                  dom="tdp-back"))])

    def change_name(self) -> None:
        self.trainee = None
        self.workbook = None
        self.show_names()

    # ----- 2. which assignment --------------------------------------------------------------
    def show_assignments(self) -> None:
        self.workbook = None
        names = released(self.course)
        cards: list[w.Widget] = []
        for name in names:
            book = open_workbook(self.course, name)
            sent = submitted_at(self.course, self.trainee.id, name)
            status = f"Đã nộp lúc {esc(sent)}" if sent else "Chưa nộp"
            parts: list[w.Widget] = [
                button(book.title, functools.partial(self.open, name), kind="link",
                       dom=f"tdp-open-{name}"),
                html_box(f"{len(book.questions)} câu — "
                         f"<span class='tdp-status-{name}'>{status}</span>", "tdp-hint")]
            if feedback_page(self.course, self.trainee.id, name) is not None:
                parts.append(button("Xem nhận xét của giảng viên",
                                    functools.partial(self.show_feedback, name),
                                    kind="secondary", dom=f"tdp-feedback-{name}"))
            card = w.VBox(parts, layout=w.Layout(width="100%"))
            card.add_class("tdp-card")
            cards.append(card)
        if not cards:
            cards = [html_box("Giảng viên chưa phát bài nào.", "tdp-notice", "tdp-no-work")]
        self.page([heading("Chọn bài"), *cards])

    # ----- 3. the questions -------------------------------------------------------------------
    def open(self, assignment: str) -> None:
        book = open_workbook(self.course, assignment)
        self.workbook = book
        saved = drafts.load_draft(self.trainee.id, draft_key(assignment), self.store) or {}
        self.inputs = {}
        cards: list[w.Widget] = []
        for q in book.questions:
            answer = AnswerInput(q, self.catalog, self.save_draft)
            answer.restore(saved.get(q.task))
            self.inputs[q.task] = answer
            cards.append(self._card(q, answer))
        status = html_box("", "tdp-hint", "tdp-draft-status")
        self._status = status
        restored = [html_box("Đã mở lại bài đang làm dở (bản nháp).", "tdp-notice",
                             "tdp-draft-restored")] if saved else []
        result = html_box("", "tdp-notice", "tdp-submit-result")
        result.layout.display = "none"

        def send() -> None:
            self.save_draft()
            submit(self.course, self.trainee.id, book, self.answers())
            stamp = submitted_at(self.course, self.trainee.id, book.name)
            result.value = (f"<strong>Đã nộp bài lúc {esc(stamp)}.</strong> Giảng viên sẽ chấm "
                            "và gửi nhận xét. Anh/chị có thể sửa và nộp lại: bài nộp sau "
                            "thay bài nộp trước.")
            result.layout.display = ""

        self.page([heading(book.title), html_box(markdown_html(book.intro)), *restored,
                   *cards, actions(button("Nộp bài", send, dom="tdp-submit")), result, status])

    def _card(self, q: Any, answer: AnswerInput) -> w.Widget:
        out = html_box("", "tdp-check-result", f"tdp-check-{q.task}")
        out.layout.display = "none"

        def check() -> None:
            assert self.workbook is not None
            res = run_check(self.workbook, self.answers(), q.task)
            out.remove_class("tdp-check-ok")
            out.remove_class("tdp-check-fail")
            out.add_class("tdp-check-ok" if res.passed else "tdp-check-fail")
            out.value = check_html(res.passed, res.message)
            out.layout.display = ""

        parts: list[w.Widget] = [html_box(f"<h2>{esc(q.title)}</h2>"),
                                 html_box(markdown_html(q.text)), answer.box]
        if q.answer != "written":
            parts += [actions(button("Kiểm tra", check, kind="secondary",
                                     dom=f"tdp-check-button-{q.task}")), out]
        else:
            parts.append(html_box("Câu tự luận: giảng viên chấm sau khi anh/chị nộp bài.",
                                  "tdp-hint"))
        card = w.VBox(parts, layout=w.Layout(width="100%"))
        card.add_class("tdp-question")
        card.add_class(f"tdp-question-{q.task}")
        return card

    def answers(self) -> dict[str, Any]:
        return {task: answer.value() for task, answer in self.inputs.items()}

    def save_draft(self) -> None:
        if self.workbook is None or self.trainee is None or not self.inputs:
            return
        data = {task: answer.draft() for task, answer in self.inputs.items()}
        drafts.save_draft(self.trainee.id, draft_key(self.workbook.name), data, self.store)
        status = getattr(self, "_status", None)
        if status is not None:
            status.value = f"Đã lưu nháp lúc {esc(format_at(now_local())[11:16])}."

    # ----- 4. feedback ------------------------------------------------------------------------
    def show_feedback(self, assignment: str) -> None:
        page = feedback_page(self.course, self.trainee.id, assignment)
        if page is None:
            self.show_assignments()
            return
        frame = (f"<iframe class='tdp-feedback-frame' title='Nhận xét' sandbox='' "
                 f"srcdoc='{html.escape(page.read_text(encoding='utf-8'), quote=True)}'>"
                 "</iframe>")
        self.page([heading("Nhận xét của giảng viên"), html_box(frame, "tdp-feedback"),
                   button("Quay lại danh sách bài", self.show_assignments, kind="link",
                          dom="tdp-back")])


def show_exercises() -> Any:
    """Display the "Bài tập" app in a notebook or Voilà page. Never raises."""
    return open_app(ExerciseApp, "show_exercises",
                    "Không mở được ứng dụng Bài tập. Báo người hướng dẫn.")
