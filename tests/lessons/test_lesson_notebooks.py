"""Every lesson runs headless (as `pytest --nbmake notebooks/lessons` would), with no error
and no stderr output; the notebooks are stored without outputs; and a fee changed in a copy
of `course/` (TDP_COURSE_DIR) is what the lessons show."""

from __future__ import annotations

import asyncio
import json
import os
import shutil
from pathlib import Path

import nbformat
import pytest
import yaml
from lesson_pages import LESSONS, PAGES
from nbclient import NotebookClient

from tdp.dates import format_money
from tdp.paths import project_root

pytestmark = pytest.mark.timeout(240)


FEE_LESSON = next(p for p in LESSONS if p.name.startswith("bai_hoc_5_"))
NEW_FEES = {"late_birth": 12_345, "first_pages": 3_100}


def _run_all(jobs: dict[str, tuple[Path, dict[str, str]]]) -> dict[str, object]:
    """Execute notebooks concurrently, one kernel each with its own environment; the
    executed notebook, or the error."""

    async def one(path: Path, env: dict[str, str]):
        nb = nbformat.read(path, as_version=4)
        client = NotebookClient(nb, timeout=150, kernel_name="python3",
                                resources={"metadata": {"path": str(path.parent)}})
        try:
            await client.async_execute(env=env)
        except Exception as exc:  # reported by the test of that notebook
            return exc
        return nb

    async def main():
        return await asyncio.gather(*(one(path, env) for path, env in jobs.values()))

    return dict(zip(jobs, asyncio.run(main()), strict=True))


def make_changed_course(target: Path) -> Path:
    """A copy of course/ with a new province fee and a new per-page tier (NEW_FEES)."""
    course = target / "course"
    shutil.copytree(project_root() / "course", course)
    wards_file = course / "wards.yaml"
    wards = yaml.safe_load(wards_file.read_text(encoding="utf-8"))
    wards["provinces"][0]["fees"]["khai_sinh_qua_han"] = NEW_FEES["late_birth"]
    wards_file.write_text(yaml.safe_dump(wards, allow_unicode=True), encoding="utf-8")
    proc_file = course / "procedures" / "chung_thuc_ban_sao_dien_tu.yaml"
    proc = yaml.safe_load(proc_file.read_text(encoding="utf-8"))
    proc["fee"]["tiers"][0]["per_page"] = NEW_FEES["first_pages"]
    proc_file.write_text(yaml.safe_dump(proc, allow_unicode=True), encoding="utf-8")
    return course


@pytest.fixture(scope="module")
def executed(lesson_env, tmp_path_factory) -> dict[str, object]:
    """Every page with the real course, and the fee lesson with a changed copy, all at once."""
    env = dict(os.environ)
    changed = make_changed_course(tmp_path_factory.mktemp("changed"))
    jobs = {p.name: (p, env) for p in PAGES}
    jobs["changed-course"] = (FEE_LESSON, {**env, "TDP_COURSE_DIR": str(changed)})
    return _run_all(jobs)


def _problems(nb) -> list[str]:
    found = []
    for i, cell in enumerate(nb.cells):
        for out in cell.get("outputs", []):
            if out.output_type == "error":
                found.append(f"ô {i}: {out.ename}: {out.evalue}")
            elif out.output_type == "stream" and out.name == "stderr":
                found.append(f"ô {i} (stderr): {out.text[:300]}")
    return found


def test_there_is_a_lesson_per_module():
    assert len(LESSONS) >= 5
    for n in range(1, 6):
        assert any(p.name.startswith(f"bai_hoc_{n}_") for p in LESSONS), n


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.stem)
def test_notebook_runs_without_errors(executed, path):
    nb = executed[path.name]
    if isinstance(nb, Exception):
        pytest.fail(f"{path.name}: {nb}")
    assert _problems(nb) == []
    if path.parent.name == "lessons":
        mimes = {m for c in nb.cells for o in c.get("outputs", []) for m in o.get("data", {})}
        assert "application/vnd.jupyter.widget-view+json" in mimes  # "Thử ngay" is there


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.stem)
def test_notebook_is_stored_without_outputs(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [] and cell["execution_count"] is None, path.name
    assert nb["metadata"]["kernelspec"]["name"] == "python3"


def test_index_links_every_lesson():
    text = (project_root() / "notebooks" / "index.ipynb").read_text(encoding="utf-8")
    for lesson in LESSONS:
        assert f"lessons/{lesson.name}" in text


@pytest.fixture
def changed_course(tmp_path, monkeypatch) -> dict[str, int]:
    monkeypatch.setenv("TDP_COURSE_DIR", str(make_changed_course(tmp_path)))
    return NEW_FEES


def test_changed_fee_changes_the_helpers(changed_course):
    from tdp.lessons import questions, tables

    birth = tables.fees_table(ids=["khai_sinh"]).iloc[0]["Lệ phí"]
    assert format_money(changed_course["late_birth"]) in birth
    assert questions.late_fee_question("khai_sinh", 100).answer == changed_course["late_birth"]
    one_page = tables.copy_fee_table(pages=(1,)).iloc[0]["Phí một bản"]
    assert one_page == format_money(changed_course["first_pages"])
    assert questions.copy_fee_question(pages=1).answer == changed_course["first_pages"]


def _html(nb) -> str:
    parts = []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            html = out.get("data", {}).get("text/html", "")
            parts.append(html if isinstance(html, str) else "".join(html))
    return "".join(parts)


def test_changed_fee_changes_the_lesson_page(executed):
    nb, original = executed["changed-course"], executed[FEE_LESSON.name]
    assert not isinstance(nb, Exception), nb
    assert _problems(nb) == []
    new = format_money(NEW_FEES["first_pages"])
    assert new in _html(nb) and new not in _html(original)
