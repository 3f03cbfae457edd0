"""Find the procedure: search that ignores diacritics and case, with each service level."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

import ipywidgets as w

from tdp.catalog import SERVICE_LEVEL_NAMES
from tdp.text import fold_diacritics
from tdp.widgets import FieldBox, esc, heading, html_box, link_card, safe, text_input

if TYPE_CHECKING:
    from tdp.screens.portal_app import PortalApp



def matches(query: str, *texts: str) -> bool:
    words = fold_diacritics(query).split()
    haystack = fold_diacritics(" ".join(texts))
    return all(word in haystack for word in words)


def show(app: PortalApp) -> None:
    query = FieldBox("tim_kiem", text_input("Tìm thủ tục", placeholder="Ví dụ: khai sinh"),
                     "Gõ có dấu hoặc không dấu đều được")  # a Text updates as one types
    drafts = dict(app.drafts())

    cards = {}  # built once and always children: typing only hides or shows them, so the
    for proc in app.catalog.procedures.values():  # card a trainee taps is never re-drawn
        level = SERVICE_LEVEL_NAMES.get(proc.service_level, proc.service_level)
        extra = " · Có bản nháp" if proc.id in drafts else ""
        cards[proc.id] = link_card(
            proc.name, partial(app.open_procedure, proc.id), f"tdp-proc-{proc.id}",
            f"{esc(proc.short_description)}<br>Mức độ dịch vụ: "
            f"<strong class='tdp-level'>{esc(level)}</strong>{esc(extra)}",
            "tdp-proc-card")
    no_result = html_box("Không tìm thấy thủ tục phù hợp. Thử gõ từ khác, ví dụ: "
                         "«khai sinh», «kết hôn».", "tdp-notice", "tdp-no-result")
    results = w.VBox([*cards.values(), no_result], layout=w.Layout(width="100%"))

    def refresh(_change: object = None) -> None:
        found = False
        for proc in app.catalog.procedures.values():
            shown = matches(query.input.value, proc.name, proc.short_description, proc.id)
            cards[proc.id].layout.display = "" if shown else "none"
            found = found or shown
        no_result.layout.display = "none" if found else ""

    query.input.observe(safe(refresh), names="value")
    refresh()
    app.page("Tìm thủ tục", [
        heading("Tìm thủ tục hành chính"),
        html_box("Mức độ «Toàn trình»: làm hoàn toàn trên mạng. «Một phần»: nộp trên mạng, "
                 "đến cơ quan để nhận kết quả hoặc đối chiếu giấy tờ.", "tdp-hint"),
        query.box, results,
    ], focus=query)
