"""`check_scenarios` on broken copies of a scenario: each problem names the file, the key and
what to do, in Vietnamese."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from tdp.practice.loader import check_scenarios, scenarios_dir

SOURCE = scenarios_dir()
FILED = "m3_khai_sinh_qua_han"  # the right answer is to file
NOT_FILED = "m4_nam_chua_du_20_tuoi"  # the right answer is not to file


def course_with(tmp_path: Path, scenario_id: str, change: Callable[[dict], None] | None = None,
                text: str | None = None) -> Path:
    root = tmp_path / "course"
    (root / "scenarios").mkdir(parents=True)
    shutil.copy(SOURCE / "_modules.yaml", root / "scenarios" / "_modules.yaml")
    data = yaml.safe_load((SOURCE / f"{scenario_id}.yaml").read_text(encoding="utf-8"))
    if change:
        change(data)
    out = root / "scenarios" / f"{scenario_id}.yaml"
    out.write_text(text if text is not None else yaml.safe_dump(data, allow_unicode=True),
                   encoding="utf-8")
    return root


def problems(root: Path, store) -> list[tuple[str, str, str]]:
    return [(p.file, p.key, p.message) for p in check_scenarios(root, store)]


@pytest.mark.parametrize("scenario_id", [FILED, NOT_FILED])
def test_a_sound_copy_has_no_problem(tmp_path, ref_store, scenario_id) -> None:
    assert problems(course_with(tmp_path, scenario_id), ref_store) == []


FEE = next(i for i, c in enumerate(yaml.safe_load((SOURCE / f"{FILED}.yaml").read_text(
    encoding="utf-8"))["rubric"]) if c["kind"] == "fee_is")


def _set(path: str, value):
    def change(data: dict) -> None:
        *parents, last = path.split(".")
        target = data
        for p in parents:
            target = target[int(p)] if isinstance(target, list) else target[p]
        if isinstance(target, list):
            target[int(last)] = value
        else:
            target[last] = value
    return change


CASES = [
    ("unknown resident", FILED, _set("resident", "064999999999"), "resident",
     "không có số định danh"),
    ("unknown person in filing", FILED, _set("expected.filing.me.so_dinh_danh", "064199999999"),
     "expected.filing.me.so_dinh_danh", "tdp registry list"),
    ("unknown procedure", FILED, _set("expected.procedure", "khai_sinh_x"),
     "expected.procedure", "không có thủ tục"),
    ("unknown document", FILED, _set("expected.filing.giay_to", ["giay_chung_sinh_x"]),
     "expected.filing.giay_to.0", "không có giấy tờ"),
    ("expected filing refused", FILED, _set("expected.filing.co_quan", "pleiku"),
     "expected.filing.co_quan", "Cổng không nhận hồ sơ đúng"),
    ("rubric does not add up", FILED, _set("max_score", 99), "max_score", "tổng điểm"),
    ("mistake names no criterion", FILED, _set("mistakes.0.fails", ["khong_co"]),
     "mistakes.0.fails", "không có tiêu chí"),
    ("mistake loses other points", FILED, _set("mistakes.0.loses", 1), "mistakes.0.loses",
     "tổng"),
    ("mistake fails other criteria", FILED, _set("mistakes.1.fails", ["dung_thu_tuc"]),
     "mistakes.1", "sửa"),
    ("typo in a key", FILED, _set("titel", "x"), "titel", "khóa không được biết đến"),
    ("bad fee amount", FILED, _set(f"rubric.{FEE}.amount", 1), f"rubric.{FEE}.amount",
     "lệ phí"),
    ("unanswered question", NOT_FILED, _set("expected.decisions", {}), "expected.decisions",
     "chưa có đáp án"),
    ("filing criterion when not filing", NOT_FILED,
     _set("rubric.0", {"id": "x", "kind": "filing_valid", "label": "x", "points": 1,
                       "feedback": "x"}), "rubric.0.kind", "không nộp"),
    ("engine does not refuse the mistake", NOT_FILED,
     _set("mistakes.0.engine_errors", ["sai_tham_quyen"]), "mistakes.0.engine_errors",
     "không báo lỗi"),
    ("unknown module", NOT_FILED, _set("module", 9), "module", "không có buổi"),
]


@pytest.mark.parametrize("name,scenario_id,change,key,needle", CASES,
                         ids=[c[0] for c in CASES])
def test_a_broken_copy_is_reported(tmp_path, ref_store, name, scenario_id, change, key,
                                   needle) -> None:
    found = problems(course_with(tmp_path, scenario_id, change), ref_store)
    assert found, "no problem reported"
    assert all(f.endswith(f"scenarios/{scenario_id}.yaml") for f, _, _ in found)
    assert any(k.startswith(key) and needle in m for _, k, m in found), found


def test_yaml_syntax_error_names_the_line(tmp_path, ref_store) -> None:
    root = course_with(tmp_path, FILED, text="id: x\n  title: [\n")
    [(file, key, message)] = problems(root, ref_store)
    assert file.endswith(f"{FILED}.yaml") and "dòng" in key and "YAML" in message


def test_file_name_must_match_id(tmp_path, ref_store) -> None:
    root = course_with(tmp_path, FILED)
    (root / "scenarios" / f"{FILED}.yaml").rename(root / "scenarios" / "khac.yaml")
    assert any(k == "id" and "tên tệp" in m for _, k, m in problems(root, ref_store))


def test_a_right_option_longer_than_every_other_is_reported(tmp_path, ref_store) -> None:
    def longest(data: dict) -> None:
        question = data["questions"][0]
        right = data["expected"]["decisions"][question["id"]]
        for option in question["options"]:
            if option["value"] == right:
                option["label"] = option["label"] + " — " + "giải thích thêm " * 20
    found = problems(course_with(tmp_path, NOT_FILED, longest), ref_store)
    assert [k for _, k, m in found if "dài nhất" in m] == ["questions.0.options"]
