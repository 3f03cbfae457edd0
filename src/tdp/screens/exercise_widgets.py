"""One input per answer type for the "Bài tập" app: the widget, its value, and its draft.

A value is what `tdp.grading.answer_types.python_for` turns into the answer cell: text as
typed (the check cell parses it, so "7.000 đ" or "7/2/2027" are the trainee's words), a
letter, "có"/"không", or a filing's JSON made by the portal's own declaration screen.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import ipywidgets as w

from tdp.catalog.models import Catalog
from tdp.screens.declaration import Declaration
from tdp.widgets import FieldBox, html_box, safe

PLACEHOLDERS = {
    "date": "ngày/tháng/năm, ví dụ 15/02/2027",
    "integer": "một con số, ví dụ 5",
    "money": "số tiền, ví dụ 7.000 đ",
    "text": "câu trả lời ngắn",
}
BLANK = "— Chọn —"


class AnswerInput:
    """The input of one question; `on_change()` runs after every edit (draft saving)."""

    def __init__(self, question: Any, catalog: Catalog, on_change: Callable[[], None]):
        self.question = question
        self.kind = question.answer
        self._on_change = on_change
        self.declaration: Declaration | None = None
        key = f"bai-tap-{question.task}"
        if self.kind == "filing":
            proc = catalog.procedures[question.procedure]
            self.declaration = Declaration(catalog, proc, on_change)
            self.declaration.build()
            self.box: w.Widget = w.VBox([html_box(
                f"<strong>Tờ khai trên Cổng: {proc.name}</strong>", "tdp-notice"),
                self.declaration.box, self._documents(proc)], layout=w.Layout(width="100%"))
            self.box.add_class(f"tdp-field-{key}")
            return
        self.input = self._make_input(catalog)
        self.input.observe(safe(lambda _c: self._on_change()), names="value")
        self.field = FieldBox(key, self.input)
        self.box = self.field.box

    def _make_input(self, catalog: Catalog) -> w.Widget:
        layout = w.Layout(width="100%")
        if self.kind == "procedure":
            options = [(BLANK, "")] + [(p.name, p.id) for p in catalog.procedures.values()]
            return w.Dropdown(options=options, value="", description="Thủ tục",
                              style={"description_width": "initial"}, layout=layout)
        if self.kind == "choice":
            return w.RadioButtons(options=list(self.question.choices), value=None,
                                  description="Chọn", layout=layout)
        if self.kind == "yes_no":
            return w.RadioButtons(options=[("Có", "có"), ("Không", "không")], value=None,
                                  description="Trả lời", layout=layout)
        if self.kind == "written":
            return w.Textarea(value="", placeholder="Viết câu trả lời của anh/chị ở đây",
                              layout=w.Layout(width="100%", height="160px"))
        return w.Text(value="", placeholder=PLACEHOLDERS.get(self.kind, ""),
                      description="Trả lời", style={"description_width": "initial"},
                      layout=layout)

    def _documents(self, proc: Any) -> w.Widget:
        """The attached papers, as the portal's papers step shows them (cards to tick; that
        step is bound to the portal's page flow, so it is not called from here)."""
        decl = self.declaration
        assert decl is not None
        boxes, cards = [], []
        for doc in proc.documents:
            box = w.Checkbox(value=doc.id in decl.documents, description=doc.name,
                             indent=False, layout=w.Layout(width="100%"))
            card = FieldBox(f"giay_to.{doc.id}", box, doc.hint)  # the portal's own classes
            card.box.add_class("tdp-card")
            cards.append(card.box)

            def toggle(change: dict, doc_id: str = doc.id) -> None:
                docs = [d for d in decl.documents if d != doc_id]
                decl.documents = docs + [doc_id] if change["new"] else docs
                self._on_change()

            box.observe(safe(toggle), names="value")
            boxes.append(box)
        self._doc_boxes = boxes
        part = w.VBox([html_box("<h2>Giấy tờ đính kèm</h2>")] + cards,
                      layout=w.Layout(width="100%"))
        part.add_class("tdp-field")
        return part

    # ----- value and draft ---------------------------------------------------------------
    def value(self) -> Any:
        """What the answer cell is made from."""
        if self.declaration is not None:
            return self.declaration.filing()
        value = self.input.value
        return "" if value is None else value

    def draft(self) -> Any:
        if self.declaration is not None:
            return {"declaration": self.declaration.state()}
        return self.value()

    def restore(self, saved: Any) -> None:
        if saved is None:
            return
        if self.declaration is not None:
            if isinstance(saved, dict):
                self.declaration.restore(saved.get("declaration"))
                chosen = set(self.declaration.documents)
                for doc, box in zip(self.declaration.proc.documents, self._doc_boxes,
                                    strict=True):
                    box.value = doc.id in chosen
            return
        options = getattr(self.input, "options", None)
        if options is not None:
            values = [o[1] if isinstance(o, tuple) else o for o in options]
            if saved in values:
                self.input.value = saved
            return
        self.input.value = str(saved)
