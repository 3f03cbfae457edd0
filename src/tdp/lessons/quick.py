""""Thử ngay": short checks with instant feedback.

A `Question` is plain data with a `check` method (tested without widgets); `widget(q)` puts it
on the page: the question, an input, a "Kiểm tra" button and the feedback that explains the
rule. Questions whose answer is a fact of the catalog (a fee, a number of days, an
appointment date) are built by `tdp.lessons.questions`, so the answer follows the YAML.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

from tdp.dates import format_money, format_screen_date, parse_screen_date

Kind = Literal["choice", "number", "date", "money"]


@dataclass(frozen=True)
class Feedback:
    correct: bool
    message: str


@dataclass(frozen=True)
class Question:
    """One quick check.

    kind "choice": `answer` is the index of the right option (or a tuple of indexes, all of
    which are accepted); `why` may hold one explanation per option, shown when it is chosen.
    kind "number" / "money": `answer` is an int; "date": `answer` is a date.
    """

    prompt: str
    kind: Kind
    answer: Any
    explanation: str = ""
    options: tuple[str, ...] = ()
    why: tuple[str, ...] = ()
    unit: str = ""
    extra: dict[str, Any] = field(default_factory=dict, compare=False)

    def right_answer_text(self) -> str:
        if self.kind == "choice":
            indexes = self.answer if isinstance(self.answer, tuple) else (self.answer,)
            return " / ".join(self.options[i] for i in indexes)
        if self.kind == "money":
            return format_money(self.answer)
        if self.kind == "date":
            return format_screen_date(self.answer)
        return f"{self.answer}{' ' + self.unit if self.unit else ''}"

    def check(self, given: Any) -> Feedback:
        """Compare an answer as typed or chosen; the message says why, in Vietnamese."""
        if given is None or (isinstance(given, str) and not given.strip()):
            return Feedback(False, _EMPTY[self.kind])
        if self.kind == "choice":
            if isinstance(given, str):
                if given not in self.options:
                    return Feedback(False, "Hãy chọn một trong các đáp án đã cho.")
                index = self.options.index(given)
            else:
                index = int(given)
            indexes = self.answer if isinstance(self.answer, tuple) else (self.answer,)
            ok = index in indexes
            reason = self.why[index] if index < len(self.why) and self.why[index] else ""
            return self._feedback(ok, reason)
        if self.kind in ("number", "money"):
            value = parse_whole_number(given)
            if value is None:
                return Feedback(False, "Nhập một số nguyên, ví dụ 7000 hoặc 7.000.")
            return self._feedback(value == self.answer)
        value = given if isinstance(given, date) else parse_screen_date(given)
        if value is None:
            return Feedback(False, "Nhập ngày theo dạng ngày/tháng/năm, ví dụ 05/02/2027.")
        return self._feedback(value == self.answer)

    def _feedback(self, ok: bool, reason: str = "") -> Feedback:
        text = "Đúng rồi!" if ok else f"Chưa đúng. Đáp án: {self.right_answer_text()}."
        extra = " ".join(x for x in (reason, self.explanation) if x)
        return Feedback(ok, f"{text} {extra}".strip())


_EMPTY = {
    "choice": "Hãy chọn một đáp án rồi bấm Kiểm tra.",
    "number": "Hãy nhập một số rồi bấm Kiểm tra.",
    "money": "Hãy nhập số tiền (đồng) rồi bấm Kiểm tra.",
    "date": "Hãy nhập ngày theo dạng ngày/tháng/năm rồi bấm Kiểm tra.",
}


def parse_whole_number(given: Any) -> int | None:
    """An amount or a count as typed: money in every form a Vietnamese user types
    (`tdp.dates.parse_money`: 7000, 7.000, 7.000 đ, 7 nghìn …), a count with "ngày" after it."""
    from tdp.dates import parse_money

    if isinstance(given, str):
        given = re.sub(r"\s*ngày$", "", given.strip().lower())
    return parse_money(given)


def choice(prompt: str, options: list[str], answer: int | tuple[int, ...],
           explanation: str = "", why: list[str] | None = None) -> Question:
    """A multiple-choice check written in a lesson (for knowledge that is not in the catalog:
    VNeID, OTP, scams). `answer` counts from 0."""
    return Question(prompt, "choice", answer, explanation, tuple(options), tuple(why or ()))


_counter = 0


def widget(question: Question):
    """The question on the page, with its "Kiểm tra" button and instant feedback."""
    import ipywidgets as w

    global _counter
    _counter += 1
    title = w.HTML(
        f'<div class="tdp-thu-ngay-title"><b>Thử ngay {_counter}.</b> '
        f"{html.escape(question.prompt)}</div>"
    )
    if question.kind == "choice":
        entry = w.RadioButtons(options=list(question.options), value=None,
                               layout=w.Layout(width="100%"))
    else:
        placeholder = {"date": "ngày/tháng/năm", "money": "số tiền, ví dụ 7.000"}.get(
            question.kind, "nhập số")
        entry = w.Text(placeholder=placeholder, layout=w.Layout(width="220px"))
    button = w.Button(description="Kiểm tra", button_style="primary")
    button.add_class("tdp-thu-ngay-button")
    out = w.HTML("")
    out.add_class("tdp-thu-ngay-feedback")

    def on_click(_: Any) -> None:
        value = entry.value
        if question.kind == "choice" and value is not None:
            value = question.options.index(value)
        fb = question.check(value)
        color = "#00703c" if fb.correct else "#d4351c"
        out.value = (f'<div style="color:{color};font-weight:600;white-space:normal">'
                     f"{html.escape(fb.message)}</div>")

    button.on_click(on_click)
    box = w.VBox([title, entry, button, out],
                 layout=w.Layout(border="2px solid #1d70b8", padding="8px", margin="8px 0",
                                 width="100%", max_width="720px"))
    box.add_class("tdp-thu-ngay")
    return box


def thu_ngay(*questions: Question):
    """Show one or several quick checks."""
    import ipywidgets as w

    boxes = [widget(q) for q in questions]
    return boxes[0] if len(boxes) == 1 else w.VBox(boxes)
