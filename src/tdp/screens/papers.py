"""Attach papers: the procedure's documents as cards to toggle."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

import ipywidgets as w

from tdp.screens.declaration import is_document_path
from tdp.screens.steps import step_text
from tdp.widgets import (
    ErrorSummary,
    FieldBox,
    actions,
    button,
    esc,
    heading,
    html_box,
    safe,
)

if TYPE_CHECKING:
    from tdp.screens.portal_app import PortalApp


def show(app: PortalApp, focus_path: str | None = None) -> None:
    decl = app.form
    summary = ErrorSummary()
    boxes: dict[str, FieldBox] = {}
    cards = []
    for doc in decl.proc.documents:
        check = w.Checkbox(value=doc.id in decl.documents, description=doc.name, indent=False,
                           layout=w.Layout(width="100%"))
        box = FieldBox(f"giay_to.{doc.id}", check, doc.hint)
        box.box.add_class("tdp-card")
        box.box.add_class("tdp-doc-card")
        if check.value:
            box.box.add_class("tdp-card--selected")

        def toggle(change: dict, doc_id: str = doc.id, box: FieldBox = box) -> None:
            if change["new"] and doc_id not in decl.documents:
                decl.documents.append(doc_id)
                box.box.add_class("tdp-card--selected")
            elif not change["new"] and doc_id in decl.documents:
                decl.documents.remove(doc_id)
                box.box.remove_class("tdp-card--selected")
            app.draft_changed()

        check.observe(safe(toggle), names="value")
        boxes[doc.id] = box
        cards.append(box.box)
    first = next(iter(boxes.values()), None)

    def anchor(path: str) -> FieldBox | None:
        parts = path.split(".")
        if len(parts) > 1 and parts[1].isdigit() and int(parts[1]) < len(decl.documents):
            return boxes.get(decl.documents[int(parts[1])], first)
        return first

    def next_step() -> None:
        result = app.check()
        errors = [e for e in result.errors if is_document_path(e.field)]
        for box in boxes.values():
            box.show_error(None)
        if errors:
            for err in errors:
                target = anchor(err.field)
                if target is not None:
                    target.show_error(err.message)
            summary.show([(e.field, e.message, partial(_focus_anchor, e.field))
                          for e in errors])
            app.focus_summary(summary)
            return
        app.show_review()

    def _focus_anchor(path: str) -> None:
        box = anchor(path)
        if box is not None:
            box.focus()

    app.page("Đính kèm giấy tờ", [
        summary.box,
        heading("Đính kèm giấy tờ"),
        html_box(esc(step_text(app.catalog, "giay_to", decl.proc.name)), "tdp-hint"),
        *cards,
        actions(button("Tiếp tục", next_step, dom="tdp-next"),
                button("Quay lại tờ khai", app.show_declaration, kind="secondary",
                       dom="tdp-back")),
    ], focus=boxes.get(focus_path.split(".")[1]) if focus_path and "." in focus_path
        else first)
