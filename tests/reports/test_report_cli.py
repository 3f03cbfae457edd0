"""`tdp support …` and `tdp report monthly` through the installed command, as a secretary runs
them: template → fill in → import (bad rows, then good rows only) → monthly report."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

from openpyxl import load_workbook

TDP = str(Path(sys.executable).with_name("tdp"))


def tdp(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([TDP, *args], cwd=cwd, capture_output=True, text=True,
                          env=os.environ.copy(), timeout=120)


def test_template_import_report(db_url, tmp_path, capsys):
    run = tdp("support", "template", "mau.xlsx", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert "Đã tạo tệp mẫu" in run.stdout

    wb = load_workbook(tmp_path / "mau.xlsx")
    ws = wb["Sổ hỗ trợ"]
    for row in [
        [date(2025, 3, 1), "Phường Thống Nhất", "Tổ dân phố 1", "Đăng ký khai sinh",
         "Tại nhà người dân", "Từ 60 tuổi trở lên", "Đã nộp hồ sơ", "Nguyễn Văn An"],
        ["02/03/2025", "thong_nhat", "to_2", "cai_dat_vneid", "nha_van_hoa", "duoi_18", "da_nop",
         "Trần Thị Bình"],
        ["15/02/2025", "thong_nhat", "to_2", "khai_tu", "to_luu_dong", "tu_60", "thieu_giay_to",
         "Trần Thị Bình"],
        ["02/03/2025", "thong_nhat", "to_2", "lam_ho_chieu", "nha_van_hoa", "duoi_18", "da_nop",
         "Trần Thị Bình"],
    ]:
        ws.append(row)
    wb.save(tmp_path / "so.xlsx")

    run = tdp("support", "import", "so.xlsx", cwd=tmp_path)
    assert run.returncode == 1
    assert "- Dòng 5: Thủ tục, việc hỗ trợ 'lam_ho_chieu' không có trong danh mục" in run.stdout
    assert "Chưa nhập dòng nào" in run.stdout and "--chi-dong-hop-le" in run.stdout

    run = tdp("support", "import", "so.xlsx", "--chi-dong-hop-le", "--json", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    data = json.loads(run.stdout)
    assert (data["da_nhap"], data["so_dong_loi"]) == (3, 1)
    assert data["dong_loi"][0]["dong"] == 5
    assert data["dong_loi"][0]["loi"][0]["field"] == "thu_tuc"

    run = tdp("report", "monthly", "--ward", "thong_nhat", "--month", "2025-03", "--xlsx",
              "bc.xlsx", "--png", "bd.png", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    line = next(x for x in run.stdout.splitlines() if x.startswith("Lượt người dân"))
    assert line.split()[-4:] == ["2", "1", "+1", "(+100%)"]
    assert (tmp_path / "bd.png").stat().st_size > 0
    rows = {r[0]: r[1:] for r in load_workbook(tmp_path / "bc.xlsx")["Báo cáo"].iter_rows(
        values_only=True) if r[0]}
    assert rows["Lượt người dân được hỗ trợ"][:3] == (2, 1, 1)

    from tdp.cli import main  # the rest in-process: same code path, no start-up cost

    assert main(["report", "monthly", "--ward", "Thống Nhất", "--month", "2025-02", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["chi_so"]["luot_ho_tro"]["thang"] == 1
    assert main(["support", "export", str(tmp_path / "xuat.xlsx"), "--ward", "thong_nhat"]) == 0
    assert "Đã xuất 3 lượt" in capsys.readouterr().out


def test_unusable_input_exits_2_with_one_vietnamese_line(db_url, tmp_path, capsys):
    from tdp.cli import main

    run = tdp("report", "monthly", "--ward", "kon_tum", "--month", "2025-03", cwd=tmp_path)
    assert run.returncode == 2
    assert run.stderr.splitlines() == [
        "tdp: Không có xã, phường 'kon_tum'. Dùng một trong: thong_nhat, pleiku"]
    assert run.stdout == ""
    for args, message in [
        (["report", "monthly", "--ward", "thong_nhat", "--month", "3/2025"],
         "tdp: Tháng '3/2025' không hợp lệ: dùng dạng YYYY-MM, ví dụ 2025-03"),
        (["report", "monthly", "--ward", "thong_nhat", "--month", "2025-03", "--to-dan-pho", "9"],
         "tdp: Phường Thống Nhất không có tổ dân phố '9'. Dùng một trong: to_1, to_2, to_3, to_4"),
        (["support", "import", str(tmp_path / "khong_co.xlsx")],
         f"tdp: Không tìm thấy tệp '{tmp_path / 'khong_co.xlsx'}'"),
    ]:
        assert main(args) == 2, args
        captured = capsys.readouterr()
        assert captured.err.splitlines() == [message]
        assert captured.out == ""
