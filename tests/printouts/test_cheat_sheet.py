"""The cheat-sheet: one page per procedure plus a summary, every fact from the catalog."""

from __future__ import annotations

import re

from pdfcheck import BANNER, ROOT, check_pages, flat, keep_png, pages_text, pdf_text

from tdp.catalog import load_catalog
from tdp.cli import main
from tdp.dates import format_money
from tdp.lessons.tables import fee_text
from tdp.printouts.cheat_sheet import NEVER_CODES, write_cheat_sheet


def test_one_page_per_procedure_and_every_fact_from_the_catalog(tmp_path) -> None:
    out = write_cheat_sheet(tmp_path / "tom_tat.pdf")
    catalog = load_catalog()
    procs = list(catalog.procedures.values())
    assert check_pages(out) == len(procs) + 1
    keep_png(out, "cheat_sheet")
    pages = pages_text(out)
    summary = pages[0]
    for page in pages:
        assert BANNER in page
        for code in NEVER_CODES:  # the three "không bao giờ", worded in messages.vi.yaml
            assert flat(catalog.messages[code]) in page
    for proc, page in zip(procs, pages[1:], strict=True):
        assert proc.name in summary and page.startswith(BANNER + " " + proc.name)
        assert flat(proc.jurisdiction.description) in page
        assert flat(fee_text(proc, catalog)) in page
        for doc in proc.documents:
            assert flat(doc.name) in page
        if proc.deadline:
            assert flat(proc.deadline.description) in page
    by_id = dict(zip((p.id for p in procs), pages[1:], strict=True))
    assert "Mức 2" in by_id["chung_thuc_ban_sao_dien_tu"]  # its vneid_level rule
    assert "Một phần" in by_id["ket_hon"] and "Toàn trình" in by_id["khai_sinh"]
    # the papers the rules ask for: alternatives, and when each rule applies
    assert ("Luôn cần: một trong các giấy tờ: Giấy chứng sinh, Văn bản của người làm chứng "
            "hoặc Giấy cam đoan về việc sinh") in by_id["khai_sinh"]
    assert ("Khi quan hệ với trẻ là “Người khác (được ủy quyền)”: Văn bản ủy quyền"
            in by_id["khai_sinh"])
    assert ("Khi bên nam đã ly hôn: Bản án hoặc quyết định ly hôn đã có hiệu lực, hoặc ghi "
            "thông tin việc chấm dứt hôn nhân trước để Cổng tra cứu") in by_id["ket_hon"]


def test_a_fee_changed_in_a_copy_of_the_course_changes_the_cheat_sheet(course_copy,
                                                                      tmp_path) -> None:
    wards = course_copy / "wards.yaml"
    before = load_catalog(ROOT / "course").wards.province("gia_lai").fees["khai_sinh_qua_han"]
    text = wards.read_text(encoding="utf-8")
    wards.write_text(re.sub(r"khai_sinh_qua_han: \d+", "khai_sinh_qua_han: 12345", text),
                     encoding="utf-8")
    assert load_catalog().wards.province("gia_lai").fees["khai_sinh_qua_han"] == 12345
    out = write_cheat_sheet(tmp_path / "moi.pdf")
    page = [p for p in pages_text(out) if "Đăng ký khai sinh Đăng ký khai sinh" in p
            or p.startswith(BANNER + " Đăng ký khai sinh")][0]
    assert format_money(12345) in page and "12.345 đ" in page
    late = page.split("Nộp quá hạn")[1].split("Giấy tờ")[0]
    # (the copy fee of an extract is another amount, which may equal the old late fee)
    assert format_money(before) not in late.split("bản sao trích lục:")[0]


def test_cli_writes_it_and_keeps_a_replaced_file(tmp_path, capsys) -> None:
    out = tmp_path / "tom_tat.pdf"
    out.write_bytes(b"old")
    assert main(["print", "cheat-sheet", str(out)]) == 0
    assert "Đã ghi" in capsys.readouterr().out
    kept = [p for p in tmp_path.iterdir() if p.name.startswith("tom_tat.cu-")]
    assert len(kept) == 1 and kept[0].read_bytes() == b"old"
    assert "Đăng ký khai tử" in pdf_text(out)


def test_bad_output_name_is_refused_in_vietnamese(tmp_path, capsys) -> None:
    assert main(["print", "cheat-sheet", str(tmp_path / "tom_tat.docx")]) == 2
    assert "phải có đuôi .pdf" in capsys.readouterr().err


def test_the_sheet_gives_the_papers_of_the_law_in_force_on_its_day() -> None:
    """Data first (Nghị định 18/2026/NĐ-CP) from 15/1/2026: the day before, the paper only;
    each line once, though the catalog holds the rule in two dated forms."""
    from datetime import date

    from tdp.printouts.cheat_sheet import cheat_sheet_context

    def ket_hon_lines(day: date) -> list[str]:
        procs = cheat_sheet_context(day=day)["procedures"]
        return next(p for p in procs if p["id"] == "ket_hon")["required"]

    paper = "Khi bên nam đã ly hôn: Bản án hoặc quyết định ly hôn đã có hiệu lực"
    lookup = ", hoặc ghi thông tin việc chấm dứt hôn nhân trước để Cổng tra cứu"
    after, before = ket_hon_lines(date(2026, 1, 15)), ket_hon_lines(date(2026, 1, 14))
    assert paper + lookup in after and paper not in after
    assert paper in before and paper + lookup not in before
    for lines in (after, before):
        assert len(lines) == len(set(lines)) == 4  # two partners × divorced or widowed
