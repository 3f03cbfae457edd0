""""Dịch vụ công của tôi": the trainee's files, with their status history."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

import ipywidgets as w

from tdp.dates import format_money, format_screen_date, parse_at
from tdp.engine import DATE, STATUSES
from tdp.widgets import actions, button, esc, heading, html_box

if TYPE_CHECKING:
    from tdp.screens.portal_app import PortalApp


def _when(stamp: str) -> str:
    at = parse_at(stamp)
    return f"{format_screen_date(at)} {at:%H:%M}" if at else stamp


def show(app: PortalApp) -> None:
    from tdp.engine import list_filings

    files = list_filings(owner=app.owner, store=app.store)
    cards: list[w.Widget] = []
    for f in files:
        proc = app.catalog.procedure(f.procedure)
        history = "".join(
            f"<li>{esc(_when(h['at']))} — {esc(h['status_name'])}"
            f"{(' — ' + esc(h['note'])) if h.get('note') else ''}</li>" for h in f.history)
        card = html_box(
            f"<h2>{esc(proc.name if proc else f.procedure)}</h2>"
            f"<div>Mã hồ sơ: <strong class='tdp-file-code'>{esc(f.receipt)}</strong></div>"
            f"<div>Ngày nộp: {esc(_when(f.submitted_at))}</div>"
            f"<div>Ngày hẹn trả: {esc(DATE.to_screen(f.appointment))}</div>"
            f"<div>Lệ phí: {format_money(f.fee)}</div>"
            f"<div>Trạng thái: <strong class='tdp-file-status'>{esc(STATUSES[f.status])}"
            f"</strong></div><div>Lịch sử xử lý:</div><ol>{history}</ol>", "tdp-card")
        card.add_class("tdp-file-card")
        cards.append(card)
    if not cards:
        cards = [html_box("Chưa có hồ sơ nào đã nộp.", "tdp-notice")]
    drafts = []
    for proc_id, stamp in app.drafts():
        proc = app.catalog.procedure(proc_id)
        if proc is None:
            continue
        drafts.append(button(f"Tiếp tục soạn: {proc.name} (nháp lưu {_when(stamp)})",
                             partial(app.open_procedure, proc_id), kind="link",
                             dom=f"tdp-draft-{proc_id}"))
    app.page("Dịch vụ công của tôi", [
        heading("Dịch vụ công của tôi"),
        html_box("Hồ sơ đã nộp và trạng thái do cán bộ (mô phỏng) cập nhật.", "tdp-hint"),
        *cards,
        *([heading("Hồ sơ đang soạn", 2), *drafts] if drafts else []),
        actions(button("Cập nhật trạng thái", app.show_my_files, kind="secondary",
                       dom="tdp-refresh"),
                button("Nộp hồ sơ mới", app.show_search, dom="tdp-new-filing")),
    ])
