"""Receipt: the code, the appointment date, what happens next. Printable."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tdp.dates import format_money, format_screen_date
from tdp.widgets import actions, button, esc, heading, html_box

if TYPE_CHECKING:
    from tdp.screens.portal_app import PortalApp


def show(app: PortalApp, result: Any, proc_name: str) -> None:
    steps = "".join(f"<li>{esc(s)}</li>" for s in result.next_steps)
    extra = ""
    if result.result.get("so_dinh_danh"):
        extra = (f"<div>Số định danh cá nhân cấp cho trẻ: <strong class='tdp-new-id'>"
                 f"{esc(result.result['so_dinh_danh'])}</strong></div>")
    app.page("Biên nhận hồ sơ", [
        html_box(f"<h1>Nộp hồ sơ thành công</h1><div>{esc(proc_name)}</div>"
                 f"<div>Mã hồ sơ: <strong class='tdp-receipt-code'>{esc(result.receipt)}"
                 "</strong></div>", "tdp-panel"),
        html_box(f"<div>Ngày hẹn trả kết quả: <strong class='tdp-appointment'>"
                 f"{format_screen_date(result.appointment)}</strong></div>"
                 f"<div>Lệ phí: <span class='tdp-fee'>{format_money(result.fee)}</span></div>"
                 f"{extra}"),
        heading("Việc tiếp theo", 2),
        html_box(f"<ul class='tdp-next-steps'>{steps}</ul>"),
        html_box("<button class='tdp-print jupyter-button tdp-secondary' type='button' "
                 "onclick='window.print()'>In biên nhận</button>", "tdp-noprint"),
        actions(button("Dịch vụ công của tôi", app.show_my_files, dom="tdp-my-files"),
                button("Nộp hồ sơ khác", app.show_search, kind="secondary",
                       dom="tdp-new-filing")),
    ])
