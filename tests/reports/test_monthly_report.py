"""The monthly report against figures computed by hand from a small log written out below."""

from __future__ import annotations

import unicodedata
from datetime import date

import pytest
from openpyxl import load_workbook

from tdp.errors import InputError
from tdp.reports import (
    Month,
    activity_figure,
    all_monthly_reports,
    monthly_report,
    monthly_table,
    procedure_table,
    write_png,
    write_xlsx,
)
from tdp.support import add_record, empty_frame, load_support_choices, records_frame

TODAY = date(2025, 6, 30)
NFD_AN = unicodedata.normalize("NFD", "nguyễn  văn an")  # the same volunteer, typed otherwise

# date, ward, group, procedure, channel, age group, outcome, volunteer
LOG = [
    # March 2025, Thống Nhất (the report's month)
    ("2025-03-01", "thong_nhat", "to_1", "khai_sinh", "tai_nha", "tu_18_den_59", "da_nop", "Nguyễn Văn An"),  # noqa: E501
    ("2025-03-01", "thong_nhat", "to_1", "cai_dat_vneid", "nha_van_hoa", "tu_60", "da_nop", NFD_AN),  # noqa: E501
    ("2025-03-01", "thong_nhat", "to_3", "khai_tu", "tai_nha", "tu_60", "thieu_giay_to", "Trần Thị Bình"),  # noqa: E501
    ("2025-03-08", "thong_nhat", "to_1", "cai_dat_vneid", "nha_van_hoa", "duoi_18", "da_nop", "Nguyễn Văn An"),  # noqa: E501
    ("2025-03-15", "thong_nhat", "to_2", "ket_hon", "to_luu_dong", "tu_18_den_59", "huong_dan_truc_tiep", "Ksor H'Hoa"),  # noqa: E501
    ("2025-03-31", "thong_nhat", "to_1", "khai_sinh", "to_luu_dong", "tu_18_den_59", "da_nop", "Trần Thị Bình"),  # noqa: E501
    # February 2025, Thống Nhất (the previous month)
    ("2025-02-28", "thong_nhat", "to_1", "khai_sinh", "tai_nha", "tu_18_den_59", "da_nop", "Nguyễn Văn An"),  # noqa: E501
    ("2025-02-15", "thong_nhat", "to_1", "khai_sinh", "nha_van_hoa", "tu_60", "thieu_giay_to", "Nguyễn Văn An"),  # noqa: E501
    ("2025-02-15", "thong_nhat", "to_2", "cai_dat_vneid", "nha_van_hoa", "tu_60", "da_nop", "Rơ Mah Blih"),  # noqa: E501
    # Not in the report: another ward, the next month; January only in the six-month trend.
    ("2025-03-10", "pleiku", "to_3", "khai_sinh", "tai_nha", "tu_60", "da_nop", "Nguyễn Văn An"),  # noqa: E501
    ("2025-04-01", "thong_nhat", "to_1", "khai_sinh", "tai_nha", "tu_60", "da_nop", "Nguyễn Văn An"),  # noqa: E501
    ("2025-01-20", "thong_nhat", "to_4", "khai_tu", "tai_nha", "tu_60", "da_nop", "Trần Thị Bình"),  # noqa: E501
]
FIELDS = ("ngay", "xa_phuong", "to_dan_pho", "thu_tuc", "hinh_thuc", "nhom_tuoi", "ket_qua",
          "tinh_nguyen_vien")

# By hand, March (February):
#   visits 6 (3); submitted: rows 1,2,4,6 = 4 (rows 7,9 = 2);
#   volunteers An, Bình, Ksor = 3 (An, Blih = 2);
#   volunteer days (An,1/3) (Bình,1/3) (An,8/3) (Ksor,15/3) (Bình,31/3) = 5 — rows 1 and 2 are
#   one day of An — ((An,28/2) (An,15/2) (Blih,15/2) = 3); active days 4 (2).
EXPECTED = {
    "luot_ho_tro": (6, 3),
    "da_nop": (4, 2),
    "ngay_cong": (5, 3),
    "tinh_nguyen_vien": (3, 2),
    "ngay_hoat_dong": (4, 2),
}


@pytest.fixture
def choices():
    return load_support_choices()


@pytest.fixture
def frame(store, choices):
    for row in LOG:
        add_record(dict(zip(FIELDS, row, strict=True)), store=store, choices=choices, today=TODAY)
    return records_frame(store=store)


@pytest.fixture
def report(frame, choices):
    return monthly_report(frame, "thong_nhat", "2025-03", choices=choices)


def test_headline_figures(report):
    assert {k: (report.metrics[k], report.previous[k]) for k in EXPECTED} == EXPECTED


def test_by_procedure_and_channel(report):
    t = report.by_procedure
    assert list(t.columns) == ["nha_van_hoa", "tai_nha", "to_luu_dong", "tong", "thang_truoc",
                               "thay_doi"]
    assert t.loc["khai_sinh"].tolist() == [0, 1, 1, 2, 2, 0]
    assert t.loc["cai_dat_vneid"].tolist() == [2, 0, 0, 2, 1, 1]
    assert t.loc["khai_tu"].tolist() == [0, 1, 0, 1, 0, 1]
    assert t.loc["ket_hon"].tolist() == [0, 0, 1, 1, 0, 1]
    assert t.loc["xac_nhan_hon_nhan"].tolist() == [0, 0, 0, 0, 0, 0]
    assert t.loc["chung_thuc_ban_sao_dien_tu"].tolist() == [0, 0, 0, 0, 0, 0]
    assert report.by_channel.to_dict("index") == {
        "nha_van_hoa": {"thang": 2, "thang_truoc": 2, "thay_doi": 0},
        "tai_nha": {"thang": 2, "thang_truoc": 1, "thay_doi": 1},
        "to_luu_dong": {"thang": 2, "thang_truoc": 0, "thay_doi": 2},
    }
    assert report.by_outcome["thang"].to_dict() == {
        "da_nop": 4, "thieu_giay_to": 1, "huong_dan_truc_tiep": 1}
    assert report.by_outcome["thang_truoc"].to_dict() == {
        "da_nop": 2, "thieu_giay_to": 1, "huong_dan_truc_tiep": 0}
    assert report.by_age_group["thang"].to_dict() == {"duoi_18": 1, "tu_18_den_59": 3, "tu_60": 2}
    assert report.by_age_group["thang_truoc"].to_dict() == {
        "duoi_18": 0, "tu_18_den_59": 1, "tu_60": 2}


def test_trend_and_records(report):
    assert list(report.trend.index) == ["2024-10", "2024-11", "2024-12", "2025-01", "2025-02",
                                        "2025-03"]
    assert report.trend["luot_ho_tro"].tolist() == [0, 0, 0, 1, 3, 6]
    assert len(report.records) == 6
    assert set(report.records["xa_phuong"]) == {"thong_nhat"}


def test_one_residential_group(frame, choices):
    r = monthly_report(frame, "Phường Thống Nhất", "2025-03", group="1", choices=choices)
    assert (r.metrics["luot_ho_tro"], r.previous["luot_ho_tro"]) == (4, 2)
    assert r.metrics["ngay_cong"] == 3  # (An,1/3) (An,8/3) (Bình,31/3)
    assert r.title == "Tổ dân phố 1, Phường Thống Nhất — tháng 03/2025"


def test_json(report):
    data = report.to_json()
    assert data["thang"] == "2025-03" and data["thang_truoc"] == "2025-02"
    assert data["chi_so"]["luot_ho_tro"] == {
        "ten": "Lượt người dân được hỗ trợ", "thang": 6, "thang_truoc": 3, "thay_doi": 3,
        "ti_le_phan_tram": 100.0}
    assert data["chi_so"]["ngay_cong"]["ti_le_phan_tram"] == pytest.approx(66.7)
    khai_sinh = next(p for p in data["theo_thu_tuc"] if p["thu_tuc"] == "khai_sinh")
    assert khai_sinh == {"thu_tuc": "khai_sinh", "ten": "Đăng ký khai sinh",
                         "theo_hinh_thuc": {"nha_van_hoa": 0, "tai_nha": 1, "to_luu_dong": 1},
                         "thang": 2, "thang_truoc": 2, "thay_doi": 0}


def test_text(report):
    text = report.to_text()
    assert "Phường Thống Nhất — tháng 03/2025" in text
    line = next(x for x in text.splitlines() if x.startswith("Lượt người dân được hỗ trợ"))
    assert line.split()[-4:] == ["6", "3", "+3", "(+100%)"]
    total = next(x for x in text.splitlines() if x.startswith("Tổng cộng"))
    assert total.split()[2:] == ["2", "2", "2", "6", "3", "+3", "(+100%)"]


def test_empty_month_and_errors(frame, choices):
    r = monthly_report(frame, "pleiku", "2024-01", choices=choices)
    assert r.metrics == dict.fromkeys(EXPECTED, 0)
    assert int(r.by_procedure["tong"].sum()) == 0
    r = monthly_report(empty_frame(), "thong_nhat", "2025-03", choices=choices)
    assert r.metrics["luot_ho_tro"] == 0
    with pytest.raises(InputError, match="Không có xã, phường 'kon_tum'"):
        monthly_report(frame, "kon_tum", "2025-03", choices=choices)
    for bad in ("2025-13", "03/2025", "2025", ""):
        with pytest.raises(InputError, match="dùng dạng YYYY-MM"):
            monthly_report(frame, "thong_nhat", bad, choices=choices)
    assert Month.parse("2025-1").shift(-1) == Month(2024, 12)
    assert Month(2024, 2).last_day == date(2024, 2, 29)


def test_excel_report_reopened(report, tmp_path):
    path = write_xlsx(report, tmp_path / "bao_cao.xlsx")
    wb = load_workbook(path)
    assert wb.sheetnames == ["Báo cáo", "Biểu đồ", "6 tháng", "Chi tiết"]
    ws = wb["Báo cáo"]
    rows = {r[0]: r[1:] for r in ws.iter_rows(values_only=True) if r[0]}
    assert ws["A2"].value == "Phường Thống Nhất — tháng 03/2025"
    assert rows["Chỉ tiêu"][:4] == ("Tháng 03/2025", "Tháng 02/2025", "Tăng/giảm",
                                    "Tỉ lệ tăng/giảm")
    assert rows["Lượt người dân được hỗ trợ"][:4] == (6, 3, 3, 1)
    assert rows["Trong đó: hồ sơ đã nộp"][:4] == (4, 2, 2, 1)
    assert rows["Ngày công tình nguyện (người × ngày)"][:3] == (5, 3, 2)
    assert rows["Số tình nguyện viên tham gia"][:3] == (3, 2, 1)
    assert rows["Số ngày có hoạt động hỗ trợ"][:3] == (4, 2, 2)
    assert rows["Thủ tục, việc hỗ trợ"][:6] == ("Tại nhà văn hóa", "Tại nhà người dân",
                                                 "Tổ lưu động", "Tổng", "Tháng trước", "Tăng/giảm")
    assert rows["Đăng ký khai sinh"][:6] == (0, 1, 1, 2, 2, 0)
    assert rows["Cài đặt VNeID và đăng ký tài khoản định danh điện tử"][:6] == (2, 0, 0, 2, 1, 1)
    assert rows["Tổng cộng"][:6] == (2, 2, 2, 6, 3, 3)
    assert rows["Thiếu giấy tờ"][:3] == (1, 1, 0)
    assert rows["Dưới 18 tuổi"][:3] == (1, 0, 1)
    assert len(wb["Biểu đồ"]._images) == 1
    trend = list(wb["6 tháng"].iter_rows(values_only=True))
    assert trend[-1][:3] == ("03/2025", 6, 4)
    detail = list(wb["Chi tiết"].iter_rows(values_only=True))
    assert len(detail) == 7
    assert detail[1][0].date() == date(2025, 3, 1)
    assert detail[1][1:4] == ("Phường Thống Nhất", "Tổ dân phố 1", "Đăng ký khai sinh")


def test_png(report, tmp_path):
    path = write_png(report, tmp_path / "bieu_do.png")
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 10_000


def test_monthly_table_agrees_with_the_reports(frame, choices):
    table = monthly_table(frame)
    yt = table[table["xa_phuong"] == "thong_nhat"].set_index("thang")
    assert list(yt.index) == ["2025-01", "2025-02", "2025-03", "2025-04"]
    assert yt.loc["2025-03", "luot_ho_tro"] == 6 and yt.loc["2025-03", "thay_doi"] == 3
    ht = table[table["xa_phuong"] == "pleiku"].set_index("thang")
    assert ht["luot_ho_tro"].tolist() == [0, 0, 1, 0]  # months without records are zeros
    for report in all_monthly_reports(frame, choices=choices):
        row = table[(table["xa_phuong"] == report.ward) & (table["thang"] == str(report.month))]
        assert {k: int(row.iloc[0][k]) for k in EXPECTED} == report.metrics
    filtered = monthly_table(frame, wards="thong_nhat", start=date(2025, 3, 1),
                             end=date(2025, 3, 31))
    assert filtered[["thang", "luot_ho_tro"]].values.tolist() == [["2025-03", 6]]
    assert monthly_table(empty_frame()).empty
    activity_figure(table)  # draws without error


def test_procedure_table(frame, choices):
    t = procedure_table(frame, wards="thong_nhat", start=date(2025, 3, 1), end=date(2025, 3, 31),
                        choices=choices)
    assert dict(zip(t["thu_tuc"], t["so_luot"], strict=True)) == {
        "cai_dat_vneid": 2, "ket_hon": 1, "khai_sinh": 2, "khai_tu": 1}
    assert "Đăng ký kết hôn" in set(t["ten"])
    by_group = procedure_table(frame, by="to_dan_pho", choices=choices)
    assert "Tổ dân phố 4" in set(by_group["ten"])
