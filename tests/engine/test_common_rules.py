"""Rules every procedure shares: registry matching, names as people type them, identity
numbers, the receiving commune, attached papers, and what each field type accepts."""

from __future__ import annotations

import unicodedata
from datetime import datetime

import pytest
from builders import (
    VALID,
    age_on,
    alive,
    assert_well_formed,
    error_at,
    errors_of,
    find,
    marriage,
    single,
)

from tdp.engine import check
from tdp.errors import InputError

AT = datetime(2026, 11, 27, 10, 0)  # a Friday, before 15:00

PERSON_GROUPS = [
    ("khai_sinh", "nguoi_yeu_cau"),
    ("khai_sinh", "me"),
    ("khai_sinh", "cha"),
    ("khai_tu", "nguoi_yeu_cau"),
    ("khai_tu", "nguoi_mat"),
    ("ket_hon", "ben_nam"),
    ("ket_hon", "ben_nu"),
    ("xac_nhan_hon_nhan", "nguoi_yeu_cau"),
    ("trich_luc_ban_sao", "nguoi_yeu_cau"),
    ("trich_luc_ban_sao", "nguoi_duoc_cap"),
    ("chung_thuc_ban_sao_dien_tu", "nguoi_yeu_cau"),
]
PROCEDURES = sorted(VALID)
RESIDENCE_BOUND = ["khai_sinh", "khai_tu", "ket_hon", "xac_nhan_hon_nhan"]


def run(procedure: str, filing: dict, store, at: datetime = AT):
    result = check(procedure, filing, at, store)
    assert_well_formed(procedure, result)
    return result


def unknown_number(people) -> str:
    """A well-formed identity number that nobody in the registry has."""
    taken = {p["so_dinh_danh"] for p in people}
    base = people[0]["so_dinh_danh"][:6]
    return next(n for n in (f"{base}{i:06d}" for i in range(10**6)) if n not in taken)


# --- names as people type them -------------------------------------------------------------

NAME_VARIANTS = {
    "nfd": lambda s: unicodedata.normalize("NFD", s),
    "upper": str.upper,
    "lower": str.lower,
    "nfd_upper": lambda s: unicodedata.normalize("NFD", s.upper()),
    "extra_spaces": lambda s: "  " + "   ".join(s.split()) + " ",
    "tab_and_nbsp": lambda s: "\t" + "\u00a0".join(s.split()) + "\n",
}


@pytest.mark.parametrize("variant", sorted(NAME_VARIANTS))
@pytest.mark.parametrize(("procedure", "group"), PERSON_GROUPS)
def test_a_name_matches_whatever_the_keyboard_case_and_spacing(
    people, store, procedure: str, group: str, variant: str
) -> None:
    filing = VALID[procedure](people)
    name = filing[group]["ho_ten"]
    typed = NAME_VARIANTS[variant](name)  # (a Jrai name may have no diacritics to decompose)
    filing[group]["ho_ten"] = typed
    result = run(procedure, filing, store)
    assert result.valid, errors_of(result)


@pytest.mark.parametrize(("procedure", "group"), PERSON_GROUPS)
def test_a_wrong_name_is_refused_without_revealing_the_registry_name(
    people, store, procedure: str, group: str
) -> None:
    filing = VALID[procedure](people)
    right = filing[group]["ho_ten"]
    filing[group]["ho_ten"] = "Đặng Thị Không Khớp" if "Thị" not in right else "Đặng Văn Sai"
    result = run(procedure, filing, store)
    assert errors_of(result) == [(f"{group}.ho_ten", "ho_ten_khong_khop")]
    message = result.errors[0].message
    # whoever owns the number stays private (Luật 91/2025/QH15): no name, no birth date
    assert right not in message
    assert all(word not in message for word in right.split()[1:] if len(word) > 3)


def test_a_name_without_diacritics_is_a_different_name(people, store) -> None:
    filing = VALID["ket_hon"](people)
    group = filing["ben_nu"]
    folded = unicodedata.normalize("NFD", group["ho_ten"]).replace("đ", "d").replace("Đ", "D")
    bare = "".join(c for c in folded if not unicodedata.combining(c))
    assert bare != group["ho_ten"], "pick a person whose name has diacritics"
    group["ho_ten"] = bare
    result = run("ket_hon", filing, store)
    assert errors_of(result) == [("ben_nu.ho_ten", "ho_ten_khong_khop")]


@pytest.mark.parametrize("name", ["Nguyễn", "Nguyễn Văn 3", "Nguyễn_Văn_An", "N. V. An", "12"])
def test_a_name_is_letters_and_at_least_two_words(people, store, name: str) -> None:
    filing = VALID["khai_sinh"](people)
    filing["tre"]["ho_ten"] = name
    assert errors_of(run("khai_sinh", filing, store)) == [("tre.ho_ten", "ho_ten_khong_hop_le")]


@pytest.mark.parametrize("name", ["Đinh Thị H'Đương", "Ksor A Bhăm", "Rơ Châm H’Ni",
                                  "Nguyễn Lê-Minh An"])
def test_jrai_and_bahnar_names_and_hyphens_are_names(people, store, name: str) -> None:
    filing = VALID["khai_sinh"](people)
    surname = filing["cha"]["ho_ten"].split()[0]  # the child carries a parent's surname
    filing["tre"]["ho_ten"] = f"{surname} {name.split(' ', 1)[1]}"
    assert run("khai_sinh", filing, store).valid


# --- identity numbers ----------------------------------------------------------------------


@pytest.mark.parametrize(("procedure", "group"), PERSON_GROUPS)
def test_an_unknown_identity_number_is_refused(people, store, procedure: str, group: str) -> None:
    filing = VALID[procedure](people)
    number = unknown_number(people)
    filing[group]["so_dinh_danh"] = number
    result = run(procedure, filing, store)
    # (khai_sinh also says the requester who claims to be the mother is not her)
    error = next(e for e in result.errors if e.code == "so_dinh_danh_khong_ton_tai")
    assert error.field == f"{group}.so_dinh_danh"
    assert number in error.message
    assert not result.valid


MALFORMED = [
    "06409500123",  # 11 digits
    "0640950012345",  # 13 digits
    "06409500123a",
    "999095001234",  # no province 999
    "000095001234",  # no province 000
    "064-095-001-234",
    "０６４０９５００１２３４",  # full-width digits
    "٠٦٤٠٩٥٠٠١٢٣٤",  # Arabic-Indic digits
    64095001234,
    ["064095001234"],
]


@pytest.mark.parametrize("value", MALFORMED, ids=repr)
@pytest.mark.parametrize(("procedure", "group"),
                         [("khai_tu", "nguoi_mat"), ("ket_hon", "ben_nu"),
                          ("chung_thuc_ban_sao_dien_tu", "nguoi_yeu_cau")])
def test_a_malformed_identity_number_is_refused(people, store, procedure, group, value) -> None:
    filing = VALID[procedure](people)
    filing[group]["so_dinh_danh"] = value
    result = run(procedure, filing, store)
    twelve_digits = isinstance(value, str) and value.isascii() and len(value) == 12 \
        and value.isdigit()
    error = error_at(result, f"{group}.so_dinh_danh")
    # "đúng 12 chữ số" is never said of twelve digits: the province code is what is wrong
    assert error.code == ("so_dinh_danh_sai_ma_tinh" if twelve_digits
                          else "so_dinh_danh_khong_hop_le")
    assert ("12 chữ số" in error.message) is not twelve_digits
    assert not result.valid


@pytest.mark.parametrize("value", [None, "", "   "])
def test_a_missing_identity_number_is_asked_for(people, store, value) -> None:
    filing = VALID["ket_hon"](people)
    filing["ben_nam"]["so_dinh_danh"] = value
    assert errors_of(run("ket_hon", filing, store)) == [("ben_nam.so_dinh_danh", "bat_buoc")]


def test_spaces_typed_between_digit_groups_are_ignored(people, store) -> None:
    filing = VALID["xac_nhan_hon_nhan"](people)
    n = filing["nguoi_yeu_cau"]["so_dinh_danh"]
    filing["nguoi_yeu_cau"]["so_dinh_danh"] = f" {n[:3]} {n[3:6]} {n[6:]} "
    assert run("xac_nhan_hon_nhan", filing, store).valid


def test_a_dead_persons_number_still_exists(people, store) -> None:
    """Known but dead is not 'unknown': the message says the person died."""
    dead = next(p for p in people if not p["con_song"])
    filing = VALID["xac_nhan_hon_nhan"](people)
    filing["nguoi_yeu_cau"].update(ho_ten=dead["ho_ten"], so_dinh_danh=dead["so_dinh_danh"],
                                   ngay_sinh=dead["ngay_sinh"])
    codes = [code for _, code in errors_of(run("xac_nhan_hon_nhan", filing, store))]
    assert "nguoi_da_mat" in codes
    assert "so_dinh_danh_khong_ton_tai" not in codes


# --- the receiving commune -----------------------------------------------------------------


@pytest.mark.parametrize("procedure", PROCEDURES)
@pytest.mark.parametrize(("value", "code"), [
    ("phuong_ba_dinh", "co_quan_khong_ton_tai"),
    ("Phường Thống Nhất", "co_quan_khong_ton_tai"),  # the id, not the name
    (None, "bat_buoc"),
    ("", "bat_buoc"),
    (31, "dinh_dang_van_ban"),
])
def test_the_commune_must_be_one_of_the_list(people, store, procedure, value, code) -> None:
    filing = {**VALID[procedure](people), "co_quan": value}
    assert errors_of(run(procedure, filing, store)) == [("co_quan", code)]


@pytest.mark.parametrize("procedure", RESIDENCE_BOUND)
def test_residence_bound_procedures_name_the_right_commune(people, store, procedure) -> None:
    filing = VALID[procedure](people)
    right = filing["co_quan"]
    other = "pleiku" if right == "thong_nhat" else "thong_nhat"
    result = run(procedure, {**filing, "co_quan": other}, store)
    assert errors_of(result) == [("co_quan", "sai_tham_quyen")]
    right_name = {"thong_nhat": "Phường Thống Nhất", "pleiku": "Phường Pleiku"}[right]
    assert right_name in result.errors[0].message


@pytest.mark.parametrize("procedure", PROCEDURES)
def test_the_commune_id_may_carry_spaces(people, store, procedure) -> None:
    filing = VALID[procedure](people)
    filing["co_quan"] = f"  {filing['co_quan']} "
    assert run(procedure, filing, store).valid


@pytest.mark.parametrize(("procedure", "group"), [
    ("khai_sinh", "me"), ("khai_tu", "nguoi_mat"), ("xac_nhan_hon_nhan", "nguoi_yeu_cau")])
def test_an_unidentified_person_is_one_error(people, store, procedure: str, group: str) -> None:
    filing = VALID[procedure](people)
    filing[group]["ho_ten"] = "Đặng Văn Sai"
    assert errors_of(run(procedure, filing, store)) == [(f"{group}.ho_ten", "ho_ten_khong_khop")]


@pytest.mark.parametrize("typo", ["ho_ten", "so_dinh_danh"])
@pytest.mark.parametrize("side", ["ben_nam", "ben_nu"])
def test_a_typo_in_one_partner_does_not_also_refuse_the_commune(
    people, store, side: str, typo: str
) -> None:
    """Filed at the man's commune, the woman living elsewhere: a typo in the man's details
    must not make the engine say the man's commune is wrong (it is not known to be)."""
    man = single(people, "nam", 22, 35, AT.date())
    woman = find(people, lambda p: p["gioi_tinh"] == "nu" and alive(p)
                 and p["tinh_trang_hon_nhan"] == "doc_than" and 20 <= age_on(p, AT.date()) <= 33
                 and p["noi_cu_tru"]["co_quan"] != man["noi_cu_tru"]["co_quan"])
    filing = marriage(man, woman)
    filing[side][typo] = "Đặng Văn Sai" if typo == "ho_ten" else unknown_number(people)
    expected = "ho_ten_khong_khop" if typo == "ho_ten" else "so_dinh_danh_khong_ton_tai"
    assert errors_of(run("ket_hon", filing, store)) == [(f"{side}.{typo}", expected)]


# --- attached papers -----------------------------------------------------------------------

FOREIGN_PAPER = {
    "khai_sinh": "giay_bao_tu",
    "khai_tu": "giay_chung_sinh",
    "ket_hon": "giay_chung_sinh",
    "xac_nhan_hon_nhan": "giay_bao_tu",
    "chung_thuc_ban_sao_dien_tu": "ban_an_ly_hon",
    "trich_luc_ban_sao": "giay_chung_sinh",
}


@pytest.mark.parametrize("procedure", PROCEDURES)
def test_papers_of_another_procedure_are_refused_at_their_position(
    people, store, procedure: str
) -> None:
    filing = VALID[procedure](people)
    n = len(filing["giay_to"])
    filing["giay_to"] = [*filing["giay_to"], FOREIGN_PAPER[procedure], "anh_the", {"id": 1}]
    result = run(procedure, filing, store)
    assert errors_of(result) == [(f"giay_to.{n + i}", "giay_to_khong_thuoc_thu_tuc")
                                 for i in range(3)]
    assert FOREIGN_PAPER[procedure] in result.errors[0].message


@pytest.mark.parametrize("procedure", PROCEDURES)
def test_papers_must_be_a_list(people, store, procedure: str) -> None:
    filing = {**VALID[procedure](people), "giay_to": "giay_chung_sinh"}
    assert ("giay_to", "danh_sach_khong_hop_le") in errors_of(run(procedure, filing, store))


def test_a_paper_twice_or_with_spaces_is_one_paper(people, store) -> None:
    filing = {**VALID["khai_sinh"](people), "giay_to": [" giay_chung_sinh ", "giay_chung_sinh"]}
    assert run("khai_sinh", filing, store).valid


# --- field types ---------------------------------------------------------------------------

FIELD_CASES = [
    # (procedure, path, value, code)
    ("khai_sinh", "tre.noi_sinh", 5, "dinh_dang_van_ban"),
    ("khai_sinh", "tre.noi_sinh", "   ", "bat_buoc"),
    ("khai_sinh", "tre.dan_toc", ["Kinh"], "dinh_dang_van_ban"),
    ("khai_sinh", "tre.ho_ten", 12, "dinh_dang_van_ban"),
    ("khai_sinh", "tre.ngay_sinh", "2026/11/01", "ngay_khong_hop_le"),
    ("khai_sinh", "tre.ngay_sinh", "1/11/2026", "ngay_khong_hop_le"),
    ("khai_sinh", "tre.ngay_sinh", "2026-11-31", "ngay_khong_hop_le"),
    ("khai_sinh", "tre.ngay_sinh", "2026-11-01T08:00", "ngay_khong_hop_le"),
    ("khai_sinh", "tre.gioi_tinh", "male", "lua_chon_khong_hop_le"),
    ("khai_sinh", "tre.gioi_tinh", "", "chon_bat_buoc"),
    ("khai_sinh", "tre", "Nguyễn Minh Khang", "nhom_khong_hop_le"),
    ("khai_sinh", "nguoi_yeu_cau.so_dien_thoai", "12345", "so_dien_thoai_khong_hop_le"),
    ("khai_sinh", "nguoi_yeu_cau.so_dien_thoai", "0112345678", "so_dien_thoai_khong_hop_le"),
    ("khai_sinh", "nguoi_yeu_cau.so_dien_thoai", 912345678, "so_dien_thoai_khong_hop_le"),
    ("khai_sinh", "uu_dai", "sinh_vien", "lua_chon_khong_hop_le"),
    ("khai_sinh", "nhan_cha_con", "có lẽ", "co_khong_khong_hop_le"),
    ("khai_sinh", "nhan_cha_con", 1, "co_khong_khong_hop_le"),
    ("khai_sinh", "so_ban_sao", "²", "so_nguyen_khong_hop_le"),
    ("khai_sinh", "so_ban_sao", "１", "so_nguyen_khong_hop_le"),
    ("khai_tu", "nguoi_mat", [], "nhom_khong_hop_le"),
    ("khai_tu", "nguoi_mat.ngay_mat", None, "bat_buoc"),
    ("ket_hon", "ben_nu.lan_ket_hon", float("nan"), "so_nguyen_khong_hop_le"),
    ("ket_hon", "ben_nu.lan_ket_hon", float("inf"), "so_nguyen_khong_hop_le"),
    ("ket_hon", "ben_nu.lan_ket_hon", False, "so_nguyen_khong_hop_le"),
    ("ket_hon", "ben_nu.lan_ket_hon", "-1", "so_nguyen_khong_hop_le"),
    ("xac_nhan_hon_nhan", "muc_dich", "KET_HON", "lua_chon_khong_hop_le"),
    ("chung_thuc_ban_sao_dien_tu", "giay_to_chung_thuc", {"ten": "Bằng"},
     "danh_sach_khong_hop_le"),
]


def _set(filing: dict, path: str, value) -> None:
    *parents, last = path.split(".")
    node = filing
    for part in parents:
        node = node[part]
    node[last] = value


@pytest.mark.parametrize(("procedure", "path", "value", "code"), FIELD_CASES, ids=repr)
def test_each_field_type_refuses_what_it_cannot_read(
    people, store, procedure, path, value, code
) -> None:
    filing = VALID[procedure](people)
    _set(filing, path, value)
    result = run(procedure, filing, store)
    assert (path, code) in errors_of(result)
    assert not result.valid


ACCEPTED = [
    ("khai_sinh", "nguoi_yeu_cau.so_dien_thoai", "+84 912 345 678"),
    ("khai_sinh", "nguoi_yeu_cau.so_dien_thoai", "0912.345.678"),
    ("khai_sinh", "nguoi_yeu_cau.so_dien_thoai", "02693823456"),  # a Gia Lai landline
    ("khai_sinh", "nguoi_yeu_cau.so_dien_thoai", None),
    ("khai_sinh", "tre.ngay_sinh", " 2026-11-01 "),
    ("khai_sinh", "tre.gioi_tinh", " nu "),
    ("khai_sinh", "so_ban_sao", None),
    ("ket_hon", "ben_nu.lan_ket_hon", 1.0),
]


@pytest.mark.parametrize(("procedure", "path", "value"), ACCEPTED, ids=repr)
def test_each_field_type_reads_what_people_type(people, store, procedure, path, value) -> None:
    filing = VALID[procedure](people)
    _set(filing, path, value)
    result = run(procedure, filing, store)
    assert result.valid, errors_of(result)


@pytest.mark.parametrize("procedure", PROCEDURES)
def test_unknown_keys_are_ignored(people, store, procedure: str) -> None:
    filing = {**VALID[procedure](people), "ghi_chu": "x", "": None}
    assert run(procedure, filing, store).valid


@pytest.mark.parametrize("procedure", PROCEDURES)
def test_an_empty_filing_asks_for_what_is_required(store, procedure: str) -> None:
    result = run(procedure, {}, store)
    assert not result.valid
    assert ("co_quan", "bat_buoc") in errors_of(result)
    assert all(code in {"bat_buoc", "chon_bat_buoc", "danh_sach_it_qua", "thieu_giay_to"}
               for _, code in errors_of(result))


# --- the interface -------------------------------------------------------------------------


def test_an_unknown_procedure_is_an_input_error(people, store) -> None:
    with pytest.raises(InputError, match="khai_sinh"):
        check("dang_ky_xe", {}, AT, store)


@pytest.mark.parametrize("filing", [[], "khai_sinh", None, 3])
def test_a_filing_that_is_not_an_object_is_an_input_error(store, filing) -> None:
    with pytest.raises(InputError):
        check("khai_sinh", filing, AT, store)


def test_check_result_as_json(people, store) -> None:
    filing = VALID["khai_sinh"](people)
    filing["tre"]["ngay_sinh"] = "2027-01-01"
    data = check("khai_sinh", filing, AT, store).to_json()
    assert data == {
        "valid": False,
        "errors": [{"field": "tre.ngay_sinh", "code": "ngay_trong_tuong_lai",
                    "message": data["errors"][0]["message"]}],
        "fee": 0, "late": False, "appointment": "2026-11-27",
    }
    assert data["errors"][0]["message"].startswith("Ngày sinh của trẻ")
