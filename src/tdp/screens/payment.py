"""Fee and simulated payment (only when a fee is due). No money moves."""

from __future__ import annotations

from typing import TYPE_CHECKING

import ipywidgets as w

from tdp.dates import format_money
from tdp.screens.ui import ErrorSummary, FieldBox, actions, button, esc, heading, html_box

if TYPE_CHECKING:
    from tdp.screens.portal_app import PortalApp


def show(app: PortalApp, fee: int) -> None:
    summary = ErrorSummary()
    method = FieldBox("thanh_toan.phuong_thuc", w.RadioButtons(
        options=[("Tài khoản ngân hàng (mô phỏng)", "ngan_hang"),
                 ("Ví điện tử (mô phỏng)", "vi_dien_tu"),
                 ("Thẻ ATM nội địa (mô phỏng)", "the_atm")],
        value=None, description="Hình thức thanh toán",
        style={"description_width": "initial"}, layout=w.Layout(width="100%")))

    def pay() -> None:
        if method.input.value is None:
            message = "Chọn hình thức thanh toán"
            method.show_error(message)
            summary.show([(method.path, message, method.focus)])
            return
        app.submit(paid_with=method.input.value)

    app.page("Thanh toán lệ phí", [
        summary.box,
        heading("Thanh toán lệ phí"),
        html_box(f"{esc(app.declaration.proc.name)} — Bước 4 trên 4.", "tdp-hint"),
        html_box(f"<div>Số tiền phải nộp: <strong class='tdp-fee'>{format_money(fee)}"
                 "</strong></div><div>Thanh toán mô phỏng: không có tiền thật nào được "
                 "chuyển.</div>", "tdp-notice"),
        method.box,
        actions(button(f"Thanh toán {format_money(fee)} và nộp hồ sơ", pay, dom="tdp-pay"),
                button("Quay lại", app.show_review, kind="secondary", dom="tdp-back")),
    ], focus=method)
