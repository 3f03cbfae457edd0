"""Fee and simulated payment (only when a fee is due). No money moves."""

from __future__ import annotations

from typing import TYPE_CHECKING

import ipywidgets as w

from tdp.dates import format_money
from tdp.engine import PAYMENT_METHOD, check_payment, payment_options
from tdp.screens.steps import step_text
from tdp.widgets import ErrorSummary, FieldBox, actions, button, esc, heading, html_box

if TYPE_CHECKING:
    from tdp.screens.portal_app import PortalApp


def show(app: PortalApp, fee: int) -> None:
    summary = ErrorSummary()
    method = FieldBox(PAYMENT_METHOD, w.RadioButtons(
        options=payment_options(app.catalog),
        value=None, description=app.catalog.messages["nhan_hinh_thuc_thanh_toan"],
        style={"description_width": "initial"}, layout=w.Layout(width="100%")))

    def pay() -> None:
        errors = check_payment(app.catalog, method.input.value)
        if errors:
            method.show_error(errors[0].message)
            summary.show([(method.path, errors[0].message, method.focus)])
            return
        app.submit(paid_with=method.input.value)

    app.page("Thanh toán lệ phí", [
        summary.box,
        heading("Thanh toán lệ phí"),
        html_box(esc(step_text(app.catalog, "thanh_toan", app.form.proc.name)), "tdp-hint"),
        html_box(f"<div>Số tiền phải nộp: <strong class='tdp-fee'>{format_money(fee)}"
                 "</strong></div><div>Thanh toán mô phỏng: không có tiền thật nào được "
                 "chuyển.</div>", "tdp-notice"),
        method.box,
        actions(button(f"Thanh toán {format_money(fee)} và nộp hồ sơ", pay, dom="tdp-pay"),
                button("Quay lại", app.show_review, kind="secondary", dom="tdp-back")),
    ], focus=method)
