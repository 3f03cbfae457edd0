"""VNeID login (simulated): identity number and training password, then a one-time code that
appears on the resident's simulated phone. The resident types it; the volunteer keeps nothing.
"""

from __future__ import annotations

import secrets
from typing import TYPE_CHECKING

import ipywidgets as w

from tdp.engine import LOGIN_NUMBER, check_login, check_otp, login_number
from tdp.widgets import (
    ErrorSummary,
    FieldBox,
    actions,
    button,
    esc,
    heading,
    html_box,
    text_input,
)

if TYPE_CHECKING:
    from tdp.screens.portal_app import PortalApp

def show(app: PortalApp) -> None:
    summary = ErrorSummary()
    number = FieldBox("login.so_dinh_danh",
                      text_input("Số định danh cá nhân", placeholder="12 chữ số"),
                      "Số trên thẻ căn cước của người dân")
    password = FieldBox("login.mat_khau", w.Password(
        description="Mật khẩu", style={"description_width": "initial"},
        layout=w.Layout(width="100%")),
        "Người dân tự nhập mật khẩu của mình (khi tập huấn: mật khẩu tập huấn do người hướng "
        "dẫn cung cấp)")
    notice = html_box("", "tdp-problem", "tdp-login-notice")
    notice.layout.display = "none"

    def fail(box: FieldBox, message: str) -> None:
        box.show_error(message)
        summary.show([(box.path, message, box.focus)])

    def login() -> None:
        number.show_error(None)
        password.show_error(None)
        summary.clear()
        notice.layout.display = "none"
        person = app.find_person(login_number(number.input.value))
        decision = check_login(app.catalog, person, password.input.value)
        if decision.notice:
            notice.value = f"<strong>Chưa có tài khoản VNeID.</strong> {esc(decision.notice)}"
            notice.layout.display = ""
        for error in decision.errors:
            fail(number if error.field == LOGIN_NUMBER else password, error.message)
            return
        show_otp(app, decision.person)

    app.page("Đăng nhập bằng tài khoản định danh điện tử VNeID", [
        summary.box,
        heading("Đăng nhập bằng VNeID"),
        html_box("Cổng dịch vụ công (mô phỏng) dùng tài khoản định danh điện tử VNeID "
                 "của người dân.", "tdp-hint"),
        number.box, password.box,
        actions(button("Đăng nhập", login, dom="tdp-login-submit")),
        notice,
    ], focus=number)


def show_otp(app: PortalApp, person) -> None:  # noqa: ANN001 - registry Person
    code = f"{secrets.randbelow(1_000_000):06d}"
    summary = ErrorSummary()
    otp = FieldBox("login.otp", text_input("Mã xác thực (OTP)", placeholder="6 chữ số"),
                   "Mã gồm 6 chữ số gửi đến điện thoại của người dân")
    phone = html_box(
        "<div><strong>Điện thoại của người dân (mô phỏng)</strong></div>"
        "<div>Tin nhắn từ VNeID:</div>"
        f"<div>Mã xác thực đăng nhập của bạn là</div><div class='tdp-otp'>{code}</div>"
        "<div>Không cung cấp mã này cho bất kỳ ai.</div>", "tdp-phone")

    def confirm() -> None:
        errors = check_otp(app.catalog, code, otp.input.value)
        if not errors:
            app.logged_in(person)
            return
        otp.show_error(errors[0].message)
        summary.show([(otp.path, errors[0].message, otp.focus)])

    app.page("Nhập mã xác thực", [
        summary.box,
        heading("Nhập mã xác thực"),
        html_box(f"Mã xác thực đã được gửi đến điện thoại của {esc(person.ho_ten)}. "
                 "Người dân tự đọc và nhập mã; tình nguyện viên không ghi lại mã.", "tdp-hint"),
        phone, otp.box,
        actions(button("Xác nhận", confirm, dom="tdp-otp-submit"),
                button("Quay lại", app.show_login, kind="secondary")),
    ], focus=otp)
