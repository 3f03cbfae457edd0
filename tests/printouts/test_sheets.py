"""The poster, the attendance sheet, the paper support log and the appointment slip."""

from __future__ import annotations

from datetime import datetime

import pytest
from builders import khai_sinh
from classdata import TRAINEES
from pdfcheck import BANNER, ROOT, check_pages, flat, keep_png, pdf_text

from tdp.classroom.course_info import load_course_info
from tdp.cli import main
from tdp.dates import format_screen_date
from tdp.engine import get_filing, submit
from tdp.errors import InputError
from tdp.paths import var_dir
from tdp.printouts.attendance_sheet import write_attendance
from tdp.printouts.poster import write_lan_poster, write_poster
from tdp.printouts.support_log import write_support_log
from tdp.support import FIELDS, LABELS, load_support_choices

URL = "http://192.168.1.20:8866/voila/render/thuc_hanh.ipynb?token=AbC123xyz"


def test_poster(tmp_path, db_url) -> None:
    out = write_poster(URL, tmp_path / "ap_phich.pdf", wifi="TDP-Lop", wifi_password="12345678")
    assert check_pages(out, landscape=False) == 1
    keep_png(out, "poster")
    text = pdf_text(out)
    info = load_course_info()
    assert BANNER in text and URL in text and flat(info.ten_khoa_hoc) in text
    assert "TDP-Lop" in text and "12345678" in text and "Wi-Fi" in text
    import pdfplumber

    with pdfplumber.open(out) as pdf:  # the QR code is drawn (vector paths), not text
        page = pdf.pages[0]
        assert page.images or page.curves or page.rects
    # what `tdp app --lan` calls: the same poster, in var/
    lan = write_lan_poster(URL)
    assert lan is not None and lan.parent.name == "var" and URL in pdf_text(lan)


def test_poster_command_without_url_says_how_to_start_the_app(tmp_path, capsys) -> None:
    assert main(["print", "poster", str(tmp_path / "p.pdf"), "--token", "tok12345"]) == 0
    out = capsys.readouterr().out
    assert "token=tok12345" in out and "tdp app" not in pdf_text(tmp_path / "p.pdf")


def test_attendance_sheet(classroom, tmp_path) -> None:
    out = tmp_path / "diem_danh.pdf"
    assert main(["print", "attendance", "--session", "2", str(out)]) == 0
    assert check_pages(out, landscape=True) == 1
    keep_png(out, "attendance")
    text = pdf_text(out)
    info = load_course_info()
    assert f"Buổi 2, ngày {format_screen_date(info.buoi_hoc[1])}" in text
    for n, day in enumerate(info.buoi_hoc, start=1):
        assert f"Buổi {n} {day:%d/%m}" in text
    assert "Chữ ký (buổi 2)" in text
    for _, name, _, phone in TRAINEES:  # the sheet goes round the room: no phone numbers
        assert name in text and not (phone and phone in text)
    assert "Phường Thống Nhất" in text and "Phường Pleiku" in text  # ids shown as names
    assert BANNER not in text  # no portal data on it
    with pytest.raises(InputError, match="Buổi 9 không có"):
        write_attendance(9, tmp_path / "x.pdf")


def test_attendance_needs_a_class_list(tmp_path, db_url, monkeypatch) -> None:
    monkeypatch.setenv("TDP_TRAINEES_CSV", str(tmp_path / "khong_co.csv"))
    with pytest.raises(InputError, match="chưa có học viên nào"):
        write_attendance(1, tmp_path / "x.pdf")


def test_support_log_has_the_excel_template_columns(tmp_path) -> None:
    out = write_support_log(tmp_path / "so.pdf", pages=2)
    assert check_pages(out, landscape=True) == 2
    keep_png(out, "support_log")
    text = pdf_text(out, 1)
    header = "STT " + " ".join(LABELS[f] for f in FIELDS)
    assert header in text
    assert "Số định danh" not in text.split("Lưu ý")[0]  # no column for the identity number
    choices = load_support_choices()
    for option in choices.channels.options + choices.outcomes.options:
        assert flat(option.label) in text
    assert "12" in pdf_text(out, 2).split()  # rows go on counting on page 2


def test_receipt_of_a_stored_filing(people, store, tmp_path) -> None:
    filing = khai_sinh(people, born="2026-11-01")
    result = submit("khai_sinh", filing, datetime(2026, 11, 27, 10, 0), store=store)
    assert result.valid
    out = tmp_path / "phieu_hen.pdf"
    assert main(["print", "receipt", result.receipt, str(out)]) == 0
    assert check_pages(out, landscape=False) == 1
    keep_png(out, "receipt")
    text = pdf_text(out)
    view = get_filing(result.receipt, store)
    assert BANNER in text and "BẢN MÔ PHỎNG — không có giá trị pháp lý" in text
    assert result.receipt in text and "Đăng ký khai sinh" in text
    assert "PHIẾU TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ" in text
    assert f"Ngày hẹn trả kết quả {format_screen_date(result.appointment)}" in text
    assert filing["tre"]["ho_ten"] in text and filing["me"]["ho_ten"] in text
    for step in result.next_steps:  # the same words as the screen after submitting
        assert flat(step) in text
    assert view.fee == 0 and "Miễn lệ phí" in text


def test_unknown_receipt_is_refused_in_vietnamese(db_url, tmp_path, capsys) -> None:
    assert main(["print", "receipt", "000.31.25.H21-261127-9999", str(tmp_path / "x.pdf")]) == 2
    assert "Không có hồ sơ mã '000.31.25.H21-261127-9999'" in capsys.readouterr().err


def test_tdp_app_lan_writes_the_poster_of_its_address(db_url, monkeypatch, capsys) -> None:
    import tdp.app.server

    served: list[list[str]] = []
    monkeypatch.setattr(tdp.app.server, "main", served.append)  # no Voilà server here
    monkeypatch.chdir(ROOT)
    assert main(["app", "--lan", "--port", "8899", "--token", "tokLAN42"]) == 0
    assert served and "--CourseVoila.access_token=tokLAN42" in served[0]
    out = capsys.readouterr().out
    poster = var_dir() / "ap_phich_lop_hoc.pdf"
    assert f"Áp phích để in (mã QR, địa chỉ, Wi-Fi): {poster}" in out
    url = next(line for line in out.splitlines() if "token=tokLAN42" in line)
    assert url.startswith("http://") and ":8899/" in url
    assert url.strip() in pdf_text(poster)


def test_a_long_class_list_repeats_the_header_on_every_page(db_url, tmp_path,
                                                            monkeypatch) -> None:
    from pdfcheck import pages_text

    rows = ["ma_hoc_vien,ho_ten,phuong,so_dien_thoai"] + [
        f"hv_{n:02d},Nguyễn Thị Hoa {n},thong_nhat,09{n:08d}" for n in range(60)]
    (tmp_path / "lop.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    monkeypatch.setenv("TDP_TRAINEES_CSV", str(tmp_path / "lop.csv"))
    out = write_attendance(1, tmp_path / "dai.pdf")
    pages = check_pages(out, landscape=True)
    assert pages >= 3
    texts = pages_text(out)
    assert all("Chữ ký (buổi 1)" in t for t in texts)
    assert sum(t.count("Nguyễn Thị Hoa") for t in texts) == 60
