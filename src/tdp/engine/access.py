"""Who may log in, the one-time code, and how a fee is paid: decisions the portal's screens
ask for, so a screen only shows what the engine said (issue 12 §5).

The wording is the catalog's (`course/messages.vi.yaml`), under stable codes, like every
other error of the portal.
"""

from __future__ import annotations

import hmac
from dataclasses import dataclass, field

from tdp.catalog.models import Catalog
from tdp.engine.field_types import IDENTITY_NUMBER
from tdp.messages import FieldError, render
from tdp.registry.person import Person

LOGIN_NUMBER, LOGIN_PASSWORD, LOGIN_OTP = "login.so_dinh_danh", "login.mat_khau", "login.otp"
PAYMENT_METHOD = "thanh_toan.phuong_thuc"
PAYMENT_METHODS = ("ngan_hang", "vi_dien_tu", "the_atm")
"""Codes of the (simulated) payment methods; their labels are `thanh_toan_<code>` messages."""
MIN_VNEID_LEVEL = 1
"""A VNeID account of level 1 is enough to log in (a procedure may require level 2)."""


@dataclass(frozen=True)
class LoginDecision:
    """The outcome of a login attempt: the person (then the one-time code is sent) or the
    errors to show; `notice` is the longer guidance shown under the form."""

    person: Person | None
    errors: list[FieldError] = field(default_factory=list)
    notice: str = ""

    @property
    def ok(self) -> bool:
        return self.person is not None and not self.errors


def _error(catalog: Catalog, path: str, code: str, label: str = "", **params: object) -> FieldError:
    return FieldError(path, code, render(catalog.messages, code, label, **params))


def login_number(typed: str) -> str:
    """The identity number as typed in the login form, in the registry's form."""
    normal = IDENTITY_NUMBER.normalise(typed)
    return normal if isinstance(normal, str) else ""


def check_login(catalog: Catalog, person: Person | None, password: str) -> LoginDecision:
    """May `person` (the registry's answer for the typed number, None if nobody) log in with
    `password`? The dead and the unknown get the same answer as a wrong password, so the form
    tells nobody whether a number exists; a living resident with no VNeID account is told
    how to register."""
    if person is None or not person.con_song:
        return LoginDecision(None, [_error(catalog, LOGIN_NUMBER, "dang_nhap_sai")])
    if person.vneid_muc < MIN_VNEID_LEVEL:
        return LoginDecision(None, [_error(catalog, LOGIN_NUMBER, "dang_nhap_chua_co_vneid")],
                             notice=catalog.messages.get("huong_dan_dang_ky_vneid", ""))
    expected = person.mat_khau_tap_huan or ""
    if not expected or not hmac.compare_digest(password.encode(), expected.encode()):
        return LoginDecision(None, [_error(catalog, LOGIN_PASSWORD, "dang_nhap_sai")])
    return LoginDecision(person)


def check_otp(catalog: Catalog, sent: str, typed: str) -> list[FieldError]:
    """The one-time code typed by the resident against the one sent to their phone."""
    if hmac.compare_digest(typed.strip().encode(), sent.encode()):
        return []
    return [_error(catalog, LOGIN_OTP, "otp_sai")]


def payment_options(catalog: Catalog) -> list[tuple[str, str]]:
    """(label, code) of each payment method, in the order the screen lists them."""
    return [(catalog.messages.get(f"thanh_toan_{m}", m), m) for m in PAYMENT_METHODS]


def check_payment(catalog: Catalog, method: str | None) -> list[FieldError]:
    """The chosen payment method: one of `PAYMENT_METHODS`."""
    label = catalog.messages.get("nhan_hinh_thuc_thanh_toan", "Hình thức thanh toán")
    if method is None or not method.strip():
        return [_error(catalog, PAYMENT_METHOD, "chon_bat_buoc", label)]
    if method not in PAYMENT_METHODS:
        labels = ", ".join(f"{lbl} ({code})" for lbl, code in payment_options(catalog))
        return [_error(catalog, PAYMENT_METHOD, "lua_chon_khong_hop_le", label, lua_chon=labels)]
    return []
