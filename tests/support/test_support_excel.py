"""The Excel template, import (every bad row by number; all or nothing unless asked) and export."""

from __future__ import annotations

import unicodedata
from datetime import date, datetime

import pytest
from openpyxl import Workbook, load_workbook

from tdp.errors import InputError
from tdp.support import (
    DuplicateImportError,
    count_records,
    export_workbook,
    import_workbook,
    list_records,
    read_workbook,
    write_template,
)
from tdp.support.excel import LISTS_SHEET, LOG_SHEET

TODAY = date(2025, 6, 30)
HEADERS = ["Ngày hỗ trợ", "Xã, phường", "Tổ dân phố", "Thủ tục, việc hỗ trợ", "Hình thức",
           "Nhóm tuổi người dân", "Kết quả", "Tình nguyện viên"]

GOOD_1 = [date(2025, 3, 5), "Phường Thống Nhất", "Tổ dân phố 1", "Đăng ký khai sinh",
          "Tại nhà người dân", "Từ 60 tuổi trở lên", "Đã nộp hồ sơ", "Nguyễn Văn An"]
GOOD_2 = ["06/03/2025", "thong_nhat", "to_2", "cai_dat_vneid", "nha_van_hoa", "duoi_18", "da_nop",
          "Trần Thị Bình"]
GOOD_3 = [45722, unicodedata.normalize("NFD", " phường   PLEIKU "), "3", "khai tu", "TỔ LƯU ĐỘNG",
          "tu_18_den_59", "thieu giay to", "Ksor H'Hoa"]
BAD_DATE = ["31/02/2025", "thong_nhat", "to_1", "khai_sinh", "tai_nha", "tu_60", "da_nop", "An"]
BAD_MANY = [datetime(2025, 3, 9), "thong_nhat", "to_7", "lam_so_do", "tai_nha", "tu_60", "", "An"]


def sheet(path, rows, headers=HEADERS, title=LOG_SHEET):
    wb = Workbook()
    ws = wb.active
    ws.title = title
    ws.append(headers)
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def test_template_has_headers_lists_and_help(tmp_path, choices):
    path = write_template(tmp_path / "mau.xlsx", choices)
    wb = load_workbook(path)
    assert wb.sheetnames == [LOG_SHEET, LISTS_SHEET, "Hướng dẫn"]
    ws = wb[LOG_SHEET]
    assert [c.value for c in ws[1]] == HEADERS
    assert ws.max_row == 1  # typed or appended rows land right under the header
    validations = {str(dv.sqref).split(":")[0]: dv for dv in ws.data_validations.dataValidation}
    assert validations["A2"].type == "date"
    for column in "BCDEFG":
        assert validations[f"{column}2"].type == "list"
        assert LISTS_SHEET in validations[f"{column}2"].formula1
    lists = wb[LISTS_SHEET]
    procedures = [c.value for c in lists["C"][1:] if c.value]
    assert procedures == choices.procedures.labels
    assert "Tổ lưu động" in [c.value for c in lists["D"]]
    # An empty template reads as no rows, no errors.
    report = read_workbook(path, choices=choices, today=TODAY)
    assert (report.rows, report.errors) == (0, [])


def test_bad_rows_are_reported_by_row_number_and_nothing_is_imported(tmp_path, store, choices):
    # Row 1 header; 2 good; 3 bad; 4 blank (skipped, still counted); 5 good; 6 bad; 7 good.
    path = sheet(tmp_path / "so.xlsx", [GOOD_1, BAD_DATE, [None] * 8, GOOD_2, BAD_MANY, GOOD_3])
    report = import_workbook(path, store=store, choices=choices, today=TODAY)
    assert [e.row for e in report.errors] == [3, 6]
    assert str(report.errors[0]) == (
        "Dòng 3: Ngày hỗ trợ '31/02/2025' không hợp lệ: ghi dạng dd/mm/yyyy, ví dụ 05/03/2025"
    )
    assert [e.field for e in report.errors[1].errors] == ["to_dan_pho", "thu_tuc", "ket_qua"]
    assert "Phường Thống Nhất không có tổ dân phố 'to_7'" in report.errors[1].message
    assert "Chọn kết quả hỗ trợ" in report.errors[1].message
    assert [n for n, _ in report.good] == [2, 5, 7]
    assert report.imported == 0
    assert count_records(store=store) == 0


def test_good_rows_only(tmp_path, store, choices):
    path = sheet(tmp_path / "so.xlsx", [GOOD_1, BAD_DATE, GOOD_2, GOOD_3])
    report = import_workbook(path, store=store, good_rows_only=True, choices=choices, today=TODAY)
    assert [e.row for e in report.errors] == [3]
    assert report.imported == 3
    got = [(r.ngay, r.xa_phuong, r.to_dan_pho, r.thu_tuc, r.hinh_thuc, r.nhom_tuoi, r.ket_qua,
            r.tinh_nguyen_vien) for r in list_records(store=store)]
    assert got == [
        (date(2025, 3, 5), "thong_nhat", "to_1", "khai_sinh", "tai_nha", "tu_60", "da_nop",
         "Nguyễn Văn An"),
        (date(2025, 3, 6), "thong_nhat", "to_2", "cai_dat_vneid", "nha_van_hoa", "duoi_18",
         "da_nop", "Trần Thị Bình"),
        (date(2025, 3, 6), "pleiku", "to_3", "khai_tu", "to_luu_dong", "tu_18_den_59",
         "thieu_giay_to", "Ksor H'Hoa"),
    ]
    # The same file again would count every resident twice.
    with pytest.raises(DuplicateImportError, match="đã được nhập"):
        import_workbook(path, store=store, good_rows_only=True, choices=choices, today=TODAY)
    assert count_records(store=store) == 3


def test_clean_file_imports_everything(tmp_path, store, choices):
    path = sheet(tmp_path / "so.xlsx", [GOOD_1, GOOD_2])
    report = import_workbook(path, store=store, choices=choices, today=TODAY)
    assert (report.imported, report.errors) == (2, [])


def test_headers_are_found_loosely(tmp_path, choices):
    headers = ["STT", "ngay", "Phường", "Tổ", "Thủ tục", "hinh thuc", "Nhóm tuổi", "KẾT QUẢ",
               "Người hỗ trợ"]
    wb = Workbook()
    ws = wb.active
    ws.append(["SỔ HỖ TRỢ TỔ 1"])  # a title line above the header
    ws.append(headers)
    ws.append([1, *GOOD_1])
    wb.save(tmp_path / "khac.xlsx")
    report = read_workbook(tmp_path / "khac.xlsx", choices=choices, today=TODAY)
    assert [n for n, _ in report.good] == [3]


def test_missing_column(tmp_path, choices):
    path = sheet(tmp_path / "thieu.xlsx", [GOOD_1[:-1]], headers=HEADERS[:-1])
    with pytest.raises(InputError, match="Tệp thiếu cột: Tình nguyện viên"):
        read_workbook(path, choices=choices)


def test_not_an_excel_file(tmp_path, choices):
    path = tmp_path / "so.xlsx"
    path.write_text("ngay,xa_phuong\n", encoding="utf-8")
    with pytest.raises(InputError, match="cần tệp Excel .xlsx"):
        read_workbook(path, choices=choices)
    with pytest.raises(InputError, match="Không tìm thấy tệp"):
        read_workbook(tmp_path / "khong_co.xlsx", choices=choices)


def test_export_then_import_elsewhere(tmp_path, store, choices, template_db):
    from tdp.store import database

    path = sheet(tmp_path / "so.xlsx", [GOOD_1, GOOD_2, GOOD_3])
    import_workbook(path, store=store, choices=choices, today=TODAY)
    out = export_workbook(tmp_path / "xuat.xlsx", store=store, choices=choices)
    assert out == 3
    ws = load_workbook(tmp_path / "xuat.xlsx")[LOG_SHEET]
    assert [c.value for c in ws[1]] == HEADERS
    row = [c.value for c in ws[2]]
    assert row[0] == datetime(2025, 3, 5) and ws["A2"].number_format == "DD/MM/YYYY"
    assert row[1:] == GOOD_1[1:]
    other = database.Store(f"sqlite:///{tmp_path / 'khac.sqlite'}")
    try:
        import_workbook(tmp_path / "xuat.xlsx", store=other, choices=choices, today=TODAY)
        strip = lambda rs: [r.model_dump(exclude={"id"}) for r in rs]  # noqa: E731
        assert strip(list_records(store=other)) == strip(list_records(store=store))
    finally:
        other.dispose()
    assert export_workbook(tmp_path / "mot.xlsx", store=store, ward="pleiku",
                           choices=choices) == 1
