"""The catalog loads into typed models, and its references resolve."""

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import tdp
from tdp.catalog import load_catalog
from tdp.catalog.models import PageTier
from tdp.engine import copy_fee, message_codes
from tdp.messages import lower_first, render

PROCEDURES = ["khai_sinh", "khai_tu", "ket_hon", "xac_nhan_hon_nhan",
              "chung_thuc_ban_sao_dien_tu", "trich_luc_ban_sao"]
TIERS = [PageTier(up_to_page=2, per_page=2000), PageTier(per_page=1000)]


def test_the_six_procedures_of_domain_md_are_in_the_catalog() -> None:
    catalog = load_catalog()
    assert sorted(catalog.procedures) == sorted(PROCEDURES)
    days = {p.id: p.working_days for p in catalog.procedures.values()}
    assert days == {"khai_sinh": 0, "khai_tu": 0, "ket_hon": 0, "xac_nhan_hon_nhan": 3,
                    "chung_thuc_ban_sao_dien_tu": 0, "trich_luc_ban_sao": 0}


@pytest.mark.parametrize("path", ["tre.ngay_sinh", "giay_to_chung_thuc.0.so_trang",
                                  "giay_to.3", "ket_hon_voi.ho_ten", "co_quan"])
def test_dotted_paths_resolve_to_their_field(path: str) -> None:
    catalog = load_catalog()
    found = [p.id for p in catalog.procedures.values() if p.field(path) is not None]
    assert found, path


def test_unknown_paths_resolve_to_nothing() -> None:
    proc = load_catalog().procedure("khai_sinh")
    assert proc.field("tre.khong_co") is None
    assert proc.field("tre.0") is None


def test_every_code_the_engine_reports_has_a_vietnamese_wording() -> None:
    source = Path(tdp.__file__).parent / "engine"
    text = "\n".join(p.read_text(encoding="utf-8") for p in source.glob("*.py"))
    pattern = r'report\(\s*[^,]+,\s*(?:rule\.code or )?"([a-z_]+)"'
    reported = set(re.findall(pattern, text))
    reported |= set(re.findall(r'default = "([a-z_]+)" if .* else "([a-z_]+)"', text)[0])
    assert len(reported) >= 15
    required = message_codes()
    assert reported <= required, reported - required
    assert set(load_catalog().messages) >= required


def test_messages_name_the_field_in_plain_vietnamese() -> None:
    messages = load_catalog().messages
    assert render(messages, "bat_buoc", "Ngày sinh của trẻ") == "Nhập ngày sinh của trẻ"
    assert render(messages, "ngay_trong_tuong_lai", "Ngày sinh của trẻ",
                  ngay_nop="27/11/2026").startswith(
                      "Ngày sinh của trẻ không được sau ngày nộp hồ sơ (27/11/2026)")
    assert lower_first("VNeID") == "VNeID"


@pytest.mark.parametrize(("pages", "fee"), [(1, 2000), (2, 4000), (3, 5000), (5, 7000),
                                             (198, 200000), (300, 200000)])
def test_copy_fee_per_page_with_cap(pages: int, fee: int) -> None:
    assert copy_fee(pages, TIERS, 200000) == fee


@given(st.integers(min_value=1, max_value=5000))
def test_copy_fee_grows_with_pages_and_never_passes_the_cap(pages: int) -> None:
    fee = copy_fee(pages, TIERS, 200000)
    assert fee <= 200000
    assert copy_fee(pages + 1, TIERS, 200000) >= fee
    assert fee == min(200000, 2000 * min(pages, 2) + 1000 * max(pages - 2, 0))


# --- wording of issue 13 §4 ----------------------------------------------------------------


def test_wording_follows_issue_13() -> None:
    catalog = load_catalog()
    messages = catalog.messages
    assert "nên không thể là {vai_tro}" in messages["gioi_tinh_khong_khop"]
    future = render(messages, "ngay_trong_tuong_lai", "Ngày sinh của trẻ", ngay_nop="27/11/2026")
    assert "quá khứ" not in future  # today is allowed: never "in the past"
    name = messages["ho_ten_khong_hop_le"]
    assert "chữ đệm (nếu có)" in name and "'" in name and "-" in name and "H'Đương" in name
    for code in ("ho_ten_khong_khop", "ngay_sinh_khong_khop"):
        assert not set(re.findall(r"\{(\w+)\}", messages[code])) - {"nhan", "nhan_thuong"}
    assert "12 chữ số" not in messages["so_dinh_danh_sai_ma_tinh"]
    assert all(p in messages["so_dien_thoai_khong_hop_le"] for p in ("03", "09", "02", "+84"))
    assert messages["sai_tham_quyen"].startswith("UBND {ten_co_quan} không giải quyết")
    assert catalog.procedure("khai_sinh").field("nguoi_yeu_cau").label == (
        "Người đi đăng ký khai sinh")


def test_no_message_calls_half_siblings_full_siblings() -> None:
    assert not any("anh chị em ruột" in text for text in load_catalog().messages.values())


def test_the_catalog_never_imports_the_engine() -> None:
    source = (Path(tdp.__file__).parent / "catalog").glob("*.py")
    text = "\n".join(p.read_text(encoding="utf-8") for p in source)
    assert not re.search(r"^\s*(from|import) tdp\.engine", text, re.MULTILINE)


def test_the_codes_to_word_come_from_the_kinds(tmp_path: Path) -> None:
    import shutil

    from tdp.catalog import check_catalog
    from tdp.engine.rules import RULES

    assert "cam_ket_hon_huyet_thong" in RULES["not_related"].codes
    assert RULES.codes() <= message_codes()
    course = Path(tdp.__file__).resolve().parents[2] / "course"
    root = tmp_path / "course"
    shutil.copytree(course, root, ignore=shutil.ignore_patterns("scenarios"))
    text = (root / "messages.vi.yaml").read_text(encoding="utf-8")
    kept = [line for line in text.splitlines() if not line.startswith("su_kien_chua_dang_ky:")]
    (root / "messages.vi.yaml").write_text("\n".join(kept) + "\n", encoding="utf-8")
    problems = check_catalog(root)
    assert [(p.key, p.file.endswith("messages.vi.yaml")) for p in problems] == [
        ("su_kien_chua_dang_ky", True)]
