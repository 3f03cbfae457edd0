"""Check your answers ("Kiểm tra lại"), with "Sửa" links back to each part, then submit."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any

import ipywidgets as w

from tdp.catalog.models import FieldSpec
from tdp.dates import format_money, format_screen_date
from tdp.screens.declaration import is_document_path
from tdp.screens.steps import step_text
from tdp.widgets import ErrorSummary, actions, button, esc, heading, html_box

if TYPE_CHECKING:
    from tdp.screens.portal_app import PortalApp


def _shown(app: PortalApp, spec: FieldSpec, value: Any) -> str:
    if value is None or value == "":
        return "(bỏ trống)"
    if spec.id == "co_quan":
        commune = app.catalog.wards.commune(str(value))
        return f"UBND {commune.name}" if commune else str(value)
    if spec.type == "choice":
        return next((c.label for c in spec.choices if c.value == value), str(value))
    if spec.type == "yes_no":
        return "Có" if value is True else "Không"
    return str(value)


def _rows(app: PortalApp, specs: list[FieldSpec], prefix: str) -> list[str]:
    decl = app.form
    rows = []
    for spec in specs:
        path = prefix + spec.id
        if spec.type == "documents" or not decl.visible(path):
            continue
        if spec.type == "group":
            rows.extend(_rows(app, spec.fields, path + "."))
        elif spec.type == "list":
            count = decl.list_counts.get(path, max(spec.min_items or 0, 1))
            for i in range(count):
                rows.append(f"<div><em>{esc(spec.label)} — mục {i + 1}</em></div>")
                rows.extend(_rows(app, spec.fields, f"{path}.{i}."))
        else:
            rows.append(f"<div><strong>{esc(spec.label)}:</strong> "
                        f"{esc(_shown(app, spec, decl.values.get(path)))}</div>")
    return rows


def show(app: PortalApp) -> None:
    decl = app.form
    proc = decl.proc
    summary = ErrorSummary()
    sections: list[w.Widget] = []
    for spec in proc.fields:
        if spec.type == "documents" or not decl.visible(spec.id):
            if spec.nullable and decl.null_groups.get(spec.id):
                rows = ["<div>Chưa xác định được cha</div>" if spec.id == "cha"
                        else "<div>(không có)</div>"]
            else:
                continue
        else:
            rows = _rows(app, [spec], "")
        title = spec.label if spec.type in ("group", "list") else ""
        body = (f"<h2>{esc(title)}</h2>" if title else "") + "".join(rows)
        edit = button(f"Sửa: {spec.label}", partial(app.edit, spec.id), kind="link",
                      dom=f"tdp-edit-{spec.id}")
        row = w.VBox([html_box(body), edit], layout=w.Layout(width="100%"))
        row.add_class("tdp-review-row")
        sections.append(row)
    names = [d.name for d in proc.documents if d.id in decl.documents]
    docs = "".join(f"<li>{esc(n)}</li>" for n in names) or "<li>(chưa đính kèm)</li>"
    paper_row = w.VBox([html_box(f"<h2>Giấy tờ đính kèm</h2><ul>{docs}</ul>"),
                        button("Sửa: Giấy tờ đính kèm", lambda: app.edit("giay_to"),
                               kind="link", dom="tdp-edit-giay_to")],
                       layout=w.Layout(width="100%"))
    paper_row.add_class("tdp-review-row")
    result = app.check()
    fee = (f"<div><strong>Lệ phí:</strong> <span class='tdp-fee'>{format_money(result.fee)}"
           f"</span>{' (nộp quá hạn)' if result.late else ''}</div>"
           f"<div><strong>Ngày hẹn trả kết quả (dự kiến):</strong> "
           f"{format_screen_date(result.appointment)}</div>")

    def submit() -> None:
        checked = app.check()
        if checked.errors:
            decl.show_errors([e for e in checked.errors if not is_document_path(e.field)])
            summary.show([(e.field, e.message, partial(app.edit, e.field))
                          for e in checked.errors])
            app.focus_summary(summary)
            return
        if checked.fee > 0:
            app.show_payment(checked.fee)
        else:
            app.submit()

    app.page("Kiểm tra lại", [
        summary.box,
        heading("Kiểm tra lại thông tin trước khi nộp"),
        html_box(esc(step_text(app.catalog, "kiem_tra", proc.name)), "tdp-hint"),
        *sections, paper_row,
        html_box(fee, "tdp-notice"),
        actions(button("Nộp hồ sơ", submit, dom="tdp-submit"),
                button("Quay lại", app.show_papers, kind="secondary", dom="tdp-back")),
    ])
