"""Free text compared by meaning (tdp.practice.meaning), on the variants trainees really type,
and scoring that compares every field the scenario expects (issue 17 §6)."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tdp.practice import get_scenario, merge_patch, score
from tdp.practice.meaning import THRESHOLD, same_meaning, similarity

SAME = [  # (expected, typed): must not lose points
    ("Bằng tốt nghiệp trung học phổ thông", "Bằng tốt nghiệp THPT"),
    ("Bằng tốt nghiệp trung học phổ thông", "bang tot nghiep thpt"),
    ("Bằng tốt nghiệp trung học phổ thông", "Bằng tốt nghiệp THPT (bản chính)"),
    ("Bằng tốt nghiệp trung học phổ thông", "Bằng TN THPT"),
    ("Bằng tốt nghiệp trung học phổ thông", "Bằng tốt nghệp THPT"),  # a slipped letter
    ("Bằng tốt nghiệp trung học phổ thông", "bằng tốt nghiệp cấp 3"),
    ("Học bạ trung học phổ thông", "Học bạ THPT (bản chính)"),
    ("Giấy chứng nhận quyền sử dụng đất", "Sổ đỏ"),
    ("Giấy chứng nhận quyền sử dụng đất", "GCN QSDĐ"),
    ("Giấy chứng nhận quyền sử dụng đất", "giấy chứng nhận quyền sử dụng đất (bản chính)"),
    ("Giấy chứng nhận đăng ký xe", "Giấy đăng ký xe"),
    ("Bằng lái xe", "Giấy phép lái xe"),
    ("Bệnh viện Đa khoa tỉnh Gia Lai", "benh vien da khoa tinh gia lai"),
    ("Bệnh viện Đa khoa tỉnh Gia Lai", "Bệnh viện  Đa khoa  tỉnh Gia Lai."),
    ("Tại nhà riêng", "tại nhà"),
]
DIFFERENT = [  # another paper, place or cause: must lose points
    ("Bằng tốt nghiệp trung học phổ thông", "Bằng tốt nghiệp THCS"),
    ("Bằng tốt nghiệp trung học phổ thông", "Học bạ THPT"),
    ("Bằng tốt nghiệp trung học phổ thông", "Bằng tốt nghiệp đại học"),
    ("Giấy khai sinh", "Giấy khai tử"),
    ("Bệnh viện Đa khoa tỉnh Gia Lai", "Bệnh viện Nhi tỉnh Gia Lai"),
    ("Suy tim", "Suy thận"),
    ("Giấy chứng nhận quyền sử dụng đất số 12", "Giấy chứng nhận quyền sử dụng đất số 13"),
    ("Giấy khai sinh", ""),
]


@pytest.mark.parametrize("want,typed", SAME)
def test_the_same_meaning_passes(want, typed) -> None:
    assert same_meaning(typed, want) and same_meaning(want, typed)


@pytest.mark.parametrize("want,typed", DIFFERENT)
def test_another_meaning_fails(want, typed) -> None:
    assert not same_meaning(typed, want)


def test_the_threshold_lets_every_real_variant_through() -> None:
    """Every real variant clears the ratio; the close wrong ones (another number, THCS for
    THPT) are refused by the word-by-word check, not by a threshold set too high."""
    assert min(similarity(t, w) for w, t in SAME) >= THRESHOLD
    close = [(w, t) for w, t in DIFFERENT if similarity(t, w) >= THRESHOLD - 5]
    assert close and not any(same_meaning(t, w) for w, t in close)


@given(st.text(alphabet="aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậ ", max_size=40))
def test_case_diacritic_forms_and_spacing_never_matter(text) -> None:
    if not text.strip():
        return
    variants = [text.upper(), unicodedata.normalize("NFD", text), "  " + text.replace(" ", "  ")]
    assert all(same_meaning(v, text) for v in variants)


# ----- scoring compares every field (issue 17 §6) -----------------------------------------
def _item(result, criterion):
    return next(i for i in result.items if i.criterion == criterion)


@pytest.mark.parametrize("name", ["Nguyễn Văn Khác", "Vũ Minh Khôi" * 1_750_000],  # ~20 MB
                         ids=["another_name", "20_mb"])
def test_a_wrong_child_name_loses_its_points_with_feedback(name, ref_store) -> None:
    scenario = get_scenario("m3_khai_sinh_dung_han")
    answer = merge_patch(scenario.expected.model_dump(), {"filing": {"tre": {"ho_ten": name}}})
    result = score(scenario, answer, ref_store)
    item = _item(result, "thong_tin_khac")
    assert not item.ok and result.score <= result.max - item.max_points
    assert "Họ, chữ đệm và tên của trẻ" in item.detail and len(item.detail) < 300


def test_a_paper_named_by_its_own_title_loses_nothing(ref_store) -> None:
    scenario = get_scenario("m5_chung_thuc_nhieu_giay_to")
    data = scenario.expected.model_dump()
    items = data["filing"]["giay_to_chung_thuc"]
    titles = {"Bằng tốt nghiệp trung học phổ thông": "Bằng tốt nghiệp THPT",
              "Học bạ trung học phổ thông": "học bạ THPT (bản chính)"}
    data["filing"]["giay_to_chung_thuc"] = [
        {**i, "ten": titles.get(i["ten"], i["ten"])} for i in reversed(items)]
    assert score(scenario, data, ref_store).failed == []
    data["filing"]["giay_to_chung_thuc"][0]["ten"] = "Giấy khai tử"
    assert score(scenario, data, ref_store).failed != []
