"""The law in force on the filing's date: a rule, document or fee with `from` / `until` applies
only between them (domain.md, "The law in force on the filing's date"). Made-up entries in a
copy of `course/`, checked on both sides of their date."""

from __future__ import annotations

import shutil
from datetime import date, datetime
from pathlib import Path

import pytest
import yaml
from builders import errors_of, ket_hon, khai_sinh

from tdp.catalog import check_catalog, load_catalog
from tdp.engine import check

CHANGE = date(2027, 3, 1)  # Luật Hộ tịch 03/2026/QH16 takes effect (a Monday)
BEFORE = datetime(2027, 2, 26, 10, 0)  # the Friday before
ON = datetime(2027, 3, 1, 10, 0)
SOURCE = Path(__file__).resolve().parents[2] / "course"


def copy_course(tmp_path: Path) -> Path:
    target = tmp_path / "course"
    shutil.copytree(SOURCE, target, ignore=shutil.ignore_patterns("scenarios"))
    (target / "scenarios").mkdir()
    return target


def edit(path: Path, change) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


@pytest.fixture
def course(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = copy_course(tmp_path)
    monkeypatch.setenv("TDP_COURSE_DIR", str(root))
    return root


def _new_paper_rule(data: dict) -> None:
    data["documents"].append({"id": "to_khai_dien_tu_moi", "name": "Tờ khai điện tử mẫu mới",
                              "from": CHANGE.isoformat()})
    data["rules"].append({"kind": "documents", "any_of": ["to_khai_dien_tu_moi"],
                          "from": CHANGE.isoformat()})
    for doc in data["documents"]:
        if doc["id"] == "giay_cam_doan":
            doc["until"] = CHANGE.isoformat()


def test_a_rule_applies_from_its_date_and_not_the_day_before(course, people, store) -> None:
    edit(course / "procedures" / "khai_sinh.yaml", _new_paper_rule)
    assert check_catalog(course) == []
    before = check("khai_sinh", khai_sinh(people, born="2027-02-20"), BEFORE, store)
    assert before.valid, errors_of(before)
    on = check("khai_sinh", khai_sinh(people, born="2027-02-20"), ON, store)
    assert errors_of(on) == [("giay_to", "thieu_giay_to")]
    assert "Tờ khai điện tử mẫu mới" in on.errors[0].message
    filing = khai_sinh(people, born="2027-02-20")
    filing["giay_to"].append("to_khai_dien_tu_moi")
    assert check("khai_sinh", filing, ON, store).valid


def test_a_document_is_accepted_until_its_date_only(course, people, store) -> None:
    edit(course / "procedures" / "khai_sinh.yaml", _new_paper_rule)
    filing = khai_sinh(people, born="2027-02-20")
    filing["giay_to"] = ["giay_cam_doan"]
    assert check("khai_sinh", filing, BEFORE, store).valid
    filing["giay_to"] = ["giay_cam_doan", "to_khai_dien_tu_moi"]
    on = check("khai_sinh", filing, ON, store)
    # no longer a paper of the procedure, and the birth now lacks its proof
    assert ("giay_to.0", "giay_to_khong_thuoc_thu_tuc") in errors_of(on)
    assert ("giay_to", "thieu_giay_to") in errors_of(on)


def test_a_new_document_is_refused_before_it_exists(course, people, store) -> None:
    edit(course / "procedures" / "khai_sinh.yaml", _new_paper_rule)
    filing = khai_sinh(people, born="2027-02-20")
    filing["giay_to"].append("to_khai_dien_tu_moi")
    assert errors_of(check("khai_sinh", filing, BEFORE, store)) == [
        ("giay_to.1", "giay_to_khong_thuoc_thu_tuc")]


def test_a_province_fee_changes_on_its_date(course, people, store) -> None:
    old = load_catalog(SOURCE).wards.province("gia_lai").fee("khai_sinh_qua_han", BEFORE.date())

    def raise_fee(data: dict) -> None:
        data["provinces"][0]["fees"]["khai_sinh_qua_han"] = [
            {"amount": old, "until": CHANGE.isoformat()},
            {"amount": old + 7000, "from": CHANGE.isoformat()},
        ]

    edit(course / "wards.yaml", raise_fee)
    assert check_catalog(course) == []
    late = khai_sinh(people, born="2026-06-01")
    assert check("khai_sinh", late, BEFORE, store).fee == old
    assert check("khai_sinh", late, ON, store).fee == old + 7000


def test_a_procedure_fee_rule_changes_on_its_date(course, people, store) -> None:
    def charge_from(data: dict) -> None:
        data["fee"] = [
            {"kind": "free", "until": CHANGE.isoformat()},
            {"kind": "province_fee", "key": "xac_nhan_tinh_trang_hon_nhan",
             "from": CHANGE.isoformat()},
        ]

    edit(course / "procedures" / "ket_hon.yaml", charge_from)
    assert check_catalog(course) == []
    amount = load_catalog(course).wards.province("gia_lai").fee(
        "xac_nhan_tinh_trang_hon_nhan", ON.date())
    filing = ket_hon(people, on=ON.date())
    assert check("ket_hon", filing, BEFORE, store).fee == 0
    assert check("ket_hon", filing, ON, store).fee == amount > 0


@pytest.mark.parametrize(("entries", "key"), [
    ([{"amount": 1, "until": "2027-03-01"}, {"amount": 2, "from": "2027-03-02"}],
     "provinces.0.fees.khai_sinh_qua_han.0.until"),  # a day with no amount
    ([{"amount": 1, "from": "2026-01-01"}], "provinces.0.fees.khai_sinh_qua_han.0.from"),
    ([{"amount": 1, "until": "2027-03-01"}], "provinces.0.fees.khai_sinh_qua_han.0.until"),
])
def test_dated_amounts_must_cover_every_day_once(tmp_path: Path, entries, key) -> None:
    root = copy_course(tmp_path)
    edit(root / "wards.yaml",
         lambda d: d["provinces"][0]["fees"].__setitem__("khai_sinh_qua_han", entries))
    problems = check_catalog(root)
    assert [p.key for p in problems] == [key]
    assert all(p.file.endswith("wards.yaml") for p in problems)


def test_until_must_come_after_from(tmp_path: Path) -> None:
    root = copy_course(tmp_path)

    def backwards(data: dict) -> None:
        data["rules"][0].update({"from": "2027-03-01", "until": "2026-01-01"})

    edit(root / "procedures" / "khai_sinh.yaml", backwards)
    problems = check_catalog(root)
    assert [p.key for p in problems] == ["rules.0"]
    assert "until" in problems[0].message
