"""Login eligibility, the one-time code and the payment method are the engine's decisions,
with coded messages from the catalog (the screens only show them)."""

from __future__ import annotations

import pytest

from tdp.catalog import load_catalog
from tdp.engine import check_login, check_otp, check_payment, login_number, payment_options
from tdp.registry.person import Person
from tdp.registry.store import RegistryRepo

CATALOG = load_catalog()


@pytest.fixture
def person(people, store):
    def find(**want) -> Person:
        found = next(p for p in people if all(p[k] == v for k, v in want.items()))
        with store.reading() as session:
            return RegistryRepo(session).get(found["so_dinh_danh"])
    return find


def test_a_resident_with_vneid_and_the_right_password_logs_in(person) -> None:
    p = person( con_song=True, vneid_muc=2)
    decision = check_login(CATALOG, p, p.mat_khau_tap_huan)
    assert decision.ok and decision.person == p and not decision.notice


def test_wrong_password_unknown_and_dead_get_the_same_answer(person) -> None:
    alive = person(con_song=True, vneid_muc=1)
    dead = person(con_song=False)
    answers = [check_login(CATALOG, alive, alive.mat_khau_tap_huan + "x"),
               check_login(CATALOG, None, "bat-ky"),
               check_login(CATALOG, dead, dead.mat_khau_tap_huan)]
    assert {(d.ok, d.errors[0].code, d.errors[0].message) for d in answers} == {
        (False, "dang_nhap_sai", CATALOG.messages["dang_nhap_sai"])}
    assert answers[0].errors[0].field == "login.mat_khau"


def test_no_vneid_account_is_told_how_to_register(person) -> None:
    decision = check_login(CATALOG, person(con_song=True, vneid_muc=0), "bat-ky")
    assert not decision.ok and decision.errors[0].code == "dang_nhap_chua_co_vneid"
    assert "mức 1" in decision.notice and "công an" in decision.notice


def test_login_number_drops_spaces() -> None:
    assert login_number(" 064 095 001234 ") == "064095001234"


def test_otp() -> None:
    assert check_otp(CATALOG, "012345", " 012345 ") == []
    [error] = check_otp(CATALOG, "012345", "12345")
    assert error.code == "otp_sai" and "6 chữ số" in error.message


@pytest.mark.parametrize(("method", "code"), [
    (None, "chon_bat_buoc"), ("", "chon_bat_buoc"), ("tien_mat", "lua_chon_khong_hop_le")])
def test_payment_method_must_be_one_of_the_list(method, code) -> None:
    [error] = check_payment(CATALOG, method)
    assert error.code == code and error.field == "thanh_toan.phuong_thuc"
    assert error.message.startswith(("Chọn hình thức thanh toán", "Hình thức thanh toán"))


def test_every_listed_method_is_accepted() -> None:
    options = payment_options(CATALOG)
    assert [code for _, code in options] == ["ngan_hang", "vi_dien_tu", "the_atm"]
    assert all(check_payment(CATALOG, code) == [] for _, code in options)
    assert all("mô phỏng" in label for label, _ in options)
