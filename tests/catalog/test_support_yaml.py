"""`tdp catalog check` validates every YAML file under course/, support.yaml included, with
the catalog's one translator: file, key and what to do, in Vietnamese."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tdp.catalog import check_catalog, read_support_lists
from tdp.errors import CatalogError
from tdp.paths import course_dir
from tdp.support.choices import load_support_choices


def broken_course(tmp_path: Path, old: str, new: str) -> Path:
    course = tmp_path / "course"
    shutil.copytree(course_dir(), course)
    path = course / "support.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return course


@pytest.mark.parametrize(("old", "new", "key", "fix"), [
    ("hinh_thuc:", "hinh_thu:", "hinh_thu", "khóa không được biết đến"),
    ("{id: tai_nha,", "{id: Tai-Nha,", "hinh_thuc.1.id", "chỉ dùng chữ thường không dấu"),
    ("label: Tổ lưu động}", "nhan: Tổ lưu động}", "hinh_thuc.2.label", "thiếu khóa bắt buộc"),
    ("label: Đã nộp hồ sơ}", "label: ''}", "ket_qua.0.label", "không được để trống"),
])
def test_a_broken_support_yaml_names_file_key_and_fix(tmp_path, old, new, key, fix) -> None:
    course = broken_course(tmp_path, old, new)
    problems = check_catalog(course)
    assert any(p.file.endswith("support.yaml") and p.key == key and fix in p.message
               for p in problems), problems
    run = subprocess.run([sys.executable, "-m", "tdp.cli", "catalog", "check", "--dir",
                          str(course)], capture_output=True, text=True, timeout=300)
    assert run.returncode == 1
    assert f"course/support.yaml: {key}: {fix}" in run.stdout, run.stdout
    with pytest.raises(CatalogError) as raised:
        load_support_choices(course)
    assert key in str(raised.value) and "Dữ liệu khóa học có lỗi" in str(raised.value)


def test_an_empty_list_and_a_missing_file(tmp_path) -> None:
    course = broken_course(tmp_path, "ket_qua:", "ket_qua: []\nket_qua_cu:")
    messages = {p.key: p.message for p in check_catalog(course)}
    assert messages["ket_qua"].startswith("cần ít nhất 1 mục")
    (course / "support.yaml").unlink()
    [missing] = [p for p in check_catalog(course) if p.file.endswith("support.yaml")]
    assert "không tìm thấy tệp" in missing.message


def test_the_real_support_yaml_is_sound() -> None:
    lists = read_support_lists()
    assert [o.id for o in lists.hinh_thuc] == ["nha_van_hoa", "tai_nha", "to_luu_dong"]
