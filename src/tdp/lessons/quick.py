""""Thử ngay": short checks with instant feedback.

A `Question` is plain data with a `check` method (tested without widgets); `widget(q)` puts it
on the page: the question, an input, a "Kiểm tra" button and the feedback that explains the
rule. Questions whose answer is a fact of the catalog (a fee, a number of days, an
appointment date) are built by `tdp.lessons.questions`, so the answer follows the YAML.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

from tdp.catalog import load_catalog
from tdp.dates import format_money, format_screen_date
from tdp.engine import DATE, MONEY, WHOLE_NUMBER, FieldType, parse_whole_number
from tdp.messages import render

__all__ = ["Feedback", "Question", "choice", "parse_whole_number", "thu_ngay", "widget"]

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
        """Compare an answer as typed or chosen; the message says why, in Vietnamese. Typed
        answers are read by the engine's field types, as the portal and the scoring read them."""
        if given is None or (isinstance(given, str) and not given.strip()):
            return Feedback(False, _say(f"thu_ngay_trong_{self.kind}"))
        if self.kind == "choice":
            if isinstance(given, str):
                if given not in self.options:
                    return Feedback(False, _say("thu_ngay_chon_trong_danh_sach"))
                index = self.options.index(given)
            else:
                index = int(given)
            indexes = self.answer if isinstance(self.answer, tuple) else (self.answer,)
            ok = index in indexes
            reason = self.why[index] if index < len(self.why) and self.why[index] else ""
            return self._feedback(ok, reason)
        kind = _FIELD_TYPES[self.kind]
        value: Any
        if self.kind == "number":
            value = parse_whole_number(given, self.unit)
        elif isinstance(given, str):
            value = kind.parse(given)
        else:
            value = given if isinstance(given, date | int) and not isinstance(given, bool) else None
        if value is None:
            return Feedback(False, _say(kind.codes[0], _ANSWER_LABEL[self.kind]))
        return self._feedback(kind.same(value, self.answer))

    def _feedback(self, ok: bool, reason: str = "") -> Feedback:
        text = _say("thu_ngay_dung") if ok else _say("thu_ngay_chua_dung",
                                                     dap_an=self.right_answer_text())
        extra = " ".join(x for x in (reason, self.explanation) if x)
        return Feedback(ok, f"{text} {extra}".strip())

    def placeholder(self) -> str:
        """The input's placeholder, from the answer's field type."""
        if self.kind == "choice":
            return ""
        return _FIELD_TYPES[self.kind].placeholder(load_catalog().messages)


_FIELD_TYPES: dict[str, FieldType] = {"number": WHOLE_NUMBER, "money": MONEY, "date": DATE}
_ANSWER_LABEL = {"number": "Câu trả lời", "money": "Số tiền", "date": "Ngày"}


def _say(code: str, label: str = "", **params: Any) -> str:
    """A quick check's wording, from course/messages.vi.yaml."""
    return render(load_catalog().messages, code, label, **params)


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
        entry = w.Text(placeholder=question.placeholder(), layout=w.Layout(width="220px"))
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
