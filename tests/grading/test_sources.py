"""Exercise sources (solutions/baiN.yaml): the notebooks are up to date with them, grade ids
are stable, and prose asks the catalog for its facts."""

from __future__ import annotations

import re
import shutil

import nbformat
import pytest
import yaml

from tdp.errors import InputError
from tdp.grading.sources import build_notebook, load_source, source_files, stale_sources

from .conftest import ALL, REPO


def test_solutions_are_up_to_date_with_their_sources():
    assert [p.stem for p in source_files(REPO / "solutions")] == ALL
    assert stale_sources(REPO / "solutions") == [], (
        "solutions/ đã cũ so với nguồn YAML: chạy lại phát hành bài tập")


def test_a_stale_notebook_is_reported(tmp_path):
    shutil.copy(REPO / "solutions" / "bai1.yaml", tmp_path / "bai1.yaml")
    (tmp_path / "bai1").mkdir()
    shutil.copy(REPO / "solutions" / "bai1" / "bai1.ipynb", tmp_path / "bai1" / "bai1.ipynb")
    assert stale_sources(tmp_path) == []
    text = (tmp_path / "bai1.yaml").read_text(encoding="utf-8")
    (tmp_path / "bai1.yaml").write_text(text.replace("Bác Hoa", "Bác Hòa"), encoding="utf-8")
    assert stale_sources(tmp_path) == ["solutions/bai1/bai1.ipynb đã cũ so với bai1.yaml"]


def _grade_ids(nb) -> list[str]:
    return [c.metadata["nbgrader"]["grade_id"] for c in nb.cells]


@pytest.mark.parametrize("assignment", ALL)
def test_inserting_a_markdown_cell_renames_no_grade_id(tmp_path, assignment):
    data = yaml.safe_load((REPO / "solutions" / f"{assignment}.yaml").read_text("utf-8"))
    before = _grade_ids(nbformat.read(REPO / "solutions" / assignment / f"{assignment}.ipynb",
                                      as_version=4))
    data["cells"].insert(1, {"id": "ghi_chu_moi", "markdown": "Một ghi chú mới."})
    data["cells"].insert(0, {"id": "ghi_chu_dau", "markdown": "Ghi chú đầu bài."})
    path = tmp_path / f"{assignment}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    after = _grade_ids(build_notebook(load_source(path)))
    assert [g for g in after if g not in ("ghi_chu_moi", "ghi_chu_dau")] == before


def test_a_duplicate_id_or_a_missing_field_is_a_vietnamese_error(tmp_path):
    data = yaml.safe_load((REPO / "solutions" / "bai1.yaml").read_text("utf-8"))
    data["cells"].append({"id": "cau_1", "markdown": "trùng"})
    path = tmp_path / "bai9.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(InputError, match="mã ô 'cau_1' bị trùng"):
        load_source(path)
    data["cells"][-1] = {"task": "cau_9", "title": "x", "text": "x", "answer": "choice",
                         "variable": "cau_9", "solution": "E", "choices": ["a", "b"],
                         "explain": "x"}
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(InputError, match="'solution' là một chữ cái"):
        load_source(path)


# A number next to a unit the catalog owns: a deadline, a fee, a level, a count of days.
TYPED_FACT = re.compile(r"\b\d[\d.]*\s*(ngày|đ\b|đồng|nghìn)|mức \d|\d+ tuổi")


def _prose(source) -> list[str]:
    texts = [source.title, source.intro]
    for cell in source.cells:
        for key in ("title", "text", "explain", "markdown"):
            texts.append(getattr(cell, key, ""))
        texts += getattr(cell, "choices", [])
        if getattr(cell, "answer", "") == "written":
            texts.append(cell.solution)
    return texts


@pytest.mark.parametrize("assignment", ALL)
def test_prose_takes_its_facts_from_the_catalog(assignment):
    source = load_source(REPO / "solutions" / f"{assignment}.yaml")
    typed = [m.group(0) for text in _prose(source) for m in TYPED_FACT.finditer(text)]
    assert typed == [], f"{assignment}: gõ tay số liệu của danh mục: {typed}"


@pytest.mark.parametrize("assignment", ALL)
def test_trainee_text_has_no_commands_and_every_check_ends_with_dung(assignment):
    nb = nbformat.read(REPO / "exercises" / assignment / f"{assignment}.ipynb", as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            assert not re.search(r"\btdp |exercises/|None|True|False", cell.source), cell.source
        if cell.metadata["nbgrader"].get("grade") and cell.cell_type == "code":
            assert cell.source.rstrip().splitlines()[-1].startswith("dung("), cell.source


def test_dates_in_exercises_lie_before_march_2027():
    from tdp.dates import parse_screen_date

    for assignment in ALL:
        text = (REPO / "solutions" / assignment / f"{assignment}.ipynb").read_text("utf-8")
        for found in re.findall(r"\b\d{1,2}/\d{1,2}/20\d\d\b", text):
            day = parse_screen_date(found)
            assert day is not None and day.isoformat() < "2027-03-01", (assignment, found)
