"""The support record: tolerant validation, Vietnamese messages, keeping and querying."""

from __future__ import annotations

import unicodedata
from datetime import date, datetime

import pytest

from tdp.support import (
    SupportChoices,
    SupportValidationError,
    add_record,
    count_records,
    list_records,
    parse_date_value,
    records_frame,
    validate_record,
)

TODAY = date(2025, 6, 30)

VALID = {
    "ngay": "05/03/2025",
    "xa_phuong": "thong_nhat",
    "to_dan_pho": "to_1",
    "thu_tuc": "khai_sinh",
    "hinh_thuc": "tai_nha",
    "nhom_tuoi": "tu_60",
    "ket_qua": "da_nop",
    "tinh_nguyen_vien": "Nguyễn Văn An",
}


def errors_of(data: dict, choices: SupportChoices) -> dict[str, str]:
    with pytest.raises(SupportValidationError) as info:
        validate_record(data, choices, today=TODAY)
    return {e.field: e.message for e in info.value.errors}


def test_ids_give_the_record(choices):
    r = validate_record(VALID, choices, today=TODAY)
    assert r.ngay == date(2025, 3, 5)
    assert (r.xa_phuong, r.to_dan_pho, r.thu_tuc) == ("thong_nhat", "to_1", "khai_sinh")
    assert (r.hinh_thuc, r.nhom_tuoi, r.ket_qua) == ("tai_nha", "tu_60", "da_nop")


def test_labels_nfd_case_and_spaces_are_understood(choices):
    nfd = lambda s: unicodedata.normalize("NFD", s)  # noqa: E731
    data = {
        "ngay": datetime(2025, 3, 5, 0, 0),
        "xa_phuong": nfd("  phường   THỐNG NHẤT "),
        "to_dan_pho": "Tổ dân phố 1",
        "thu_tuc": nfd("Đăng ký khai sinh"),
        "hinh_thuc": "tai nha nguoi dan",
        "nhom_tuoi": "Từ 60 tuổi trở lên",
        "ket_qua": " đã nộp hồ sơ ",
        "tinh_nguyen_vien": nfd("  Nguyễn   Văn An "),
    }
    r = validate_record(data, choices, today=TODAY)
    assert r == validate_record(VALID, choices, today=TODAY)
    assert r.tinh_nguyen_vien == "Nguyễn Văn An"  # NFC, single spaces


@pytest.mark.parametrize("group", ["1", "01", "Tổ 1", "to 1", 1, 1.0])
def test_group_by_number(choices, group):
    assert validate_record({**VALID, "to_dan_pho": group}, choices, today=TODAY).to_dan_pho == (
        "to_1"
    )


def test_commune_without_its_kind(choices):
    assert validate_record({**VALID, "xa_phuong": "Pleiku", "to_dan_pho": "to_3"}, choices,
                           today=TODAY).xa_phuong == "pleiku"


def test_vneid_install_is_a_choice(choices):
    assert "cai_dat_vneid" in choices.procedures.ids
    r = validate_record({**VALID, "thu_tuc": "Cài đặt VNeID và đăng ký tài khoản định danh "
                         "điện tử"}, choices, today=TODAY)
    assert r.thu_tuc == "cai_dat_vneid"


def test_every_problem_in_vietnamese(choices):
    errors = errors_of({"ngay": "31/02/2025", "xa_phuong": "thong_nhat", "to_dan_pho": "to_9",
                        "thu_tuc": "lam_can_cuoc", "hinh_thuc": "", "nhom_tuoi": "gia",
                        "tinh_nguyen_vien": "123"}, choices)
    assert errors == {
        "ngay": "Ngày hỗ trợ '31/02/2025' không hợp lệ: ghi dạng dd/mm/yyyy, ví dụ 05/03/2025",
        "to_dan_pho": "Phường Thống Nhất không có tổ dân phố 'to_9': chọn một trong Tổ dân phố 1, "
        "Tổ dân phố 2, Tổ dân phố 3, Tổ dân phố 4",
        "thu_tuc": "Thủ tục, việc hỗ trợ 'lam_can_cuoc' không có trong danh mục: chọn trong "
        "danh sách",
        "hinh_thuc": "Chọn hình thức hỗ trợ",
        "nhom_tuoi": "Nhóm tuổi người dân 'gia' không có trong danh mục: chọn một trong "
        "'Dưới 18 tuổi', 'Từ 18 đến 59 tuổi', 'Từ 60 tuổi trở lên'",
        "ket_qua": "Chọn kết quả hỗ trợ",
        "tinh_nguyen_vien": "Họ tên tình nguyện viên phải có chữ cái",
    }


def test_future_date_and_unknown_commune(choices):
    errors = errors_of({**VALID, "ngay": "1/7/2025", "xa_phuong": "Phường Không Có"}, choices)
    assert errors["ngay"] == "Ngày hỗ trợ 01/07/2025 ở sau hôm nay (30/06/2025): kiểm tra lại ngày"
    assert errors["xa_phuong"].startswith("Xã, phường 'Phường Không Có' không có trong danh mục")
    assert "to_dan_pho" not in errors  # nothing to check the group against


def test_unknown_key_is_refused(choices):
    assert errors_of({**VALID, "so_dinh_danh": "064090000001"}, choices) == {
        "so_dinh_danh": "Sổ hỗ trợ không có mục 'so_dinh_danh'"
    }


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("05/03/2025", date(2025, 3, 5)),
        ("5/3/2025", date(2025, 3, 5)),
        (" 5-3-2025 ", date(2025, 3, 5)),
        ("2025-03-05", date(2025, 3, 5)),
        ("05/03/2025 00:00:00", date(2025, 3, 5)),
        (45721, date(2025, 3, 5)),  # Excel's day number
        (45721.0, date(2025, 3, 5)),
        (date(2025, 3, 5), date(2025, 3, 5)),
        ("5/3/25", None),
        ("31/02/2025", None),
        (45721.5, None),
        (12, None),
        (True, None),
        ("hôm qua", None),
        (None, None),
    ],
)
def test_dates(value, expected):
    assert parse_date_value(value) == expected


def test_ambiguous_labels_are_refused():
    c = SupportChoices.build(
        communes=[("a", "Phường A", [("to_1", "Tổ 1")])],
        procedures=[("p1", "Tại nhà"), ("p2", "Tài nhà")],  # same without diacritics
        channels=[("x", "X")], age_groups=[("y", "Y")], outcomes=[("z", "Z")],
    )
    assert c.procedures.resolve("Tại nhà") is None
    assert c.procedures.resolve("p1") == "p1"


def test_add_and_query(store, choices):
    first = add_record(VALID, store=store, choices=choices, today=TODAY)
    assert first.id is not None
    add_record({**VALID, "ngay": "10/04/2025", "xa_phuong": "pleiku", "to_dan_pho": "to_3"},
               store=store, choices=choices, today=TODAY)
    with pytest.raises(SupportValidationError):
        add_record({**VALID, "hinh_thuc": "bay"}, store=store, choices=choices, today=TODAY)
    assert count_records(store=store) == 2
    assert [r.id for r in list_records(store=store, ward="thong_nhat")] == [first.id]
    assert len(list_records(store=store, start=date(2025, 4, 1))) == 1
    assert len(list_records(store=store, ward=["thong_nhat", "pleiku"])) == 2
    frame = records_frame(store=store)
    assert list(frame.columns) == ["id", "ngay", "xa_phuong", "to_dan_pho", "thu_tuc",
                                   "hinh_thuc", "nhom_tuoi", "ket_qua", "tinh_nguyen_vien"]
    assert str(frame["ngay"].dtype).startswith("datetime64")
    assert records_frame(store=store, ward="khong_co").empty
