"""The syllabus and the trainer guide point at things that exist: lesson notebooks, graded
assignments, scenario ids, `tdp` commands."""

from __future__ import annotations

import re

from lesson_pages import LESSONS, ROOT

SYLLABUS = (ROOT / "course" / "syllabus.md").read_text(encoding="utf-8")
GUIDE = (ROOT / "course" / "trainer-guide.md").read_text(encoding="utf-8")


def test_five_modules_each_with_its_parts():
    modules = re.split(r"\n## Học phần \d", SYLLABUS)[1:]
    assert len(modules) == 5
    for text in modules:
        for part in ("**Thời lượng:**", "**Câu hỏi học phần trả lời**", "**Mục tiêu",
                     "**Bài học:**", "**Thực hành**", "**Bài tập chấm điểm:**", "**Điểm chính**"):
            assert part in text, part


def test_lessons_and_assignments_named_in_the_syllabus_exist():
    for lesson in LESSONS:
        assert lesson.name in SYLLABUS
    for name in re.findall(r"bai_hoc_\d_[a-z_]+\.ipynb", SYLLABUS):
        assert (ROOT / "notebooks" / "lessons" / name).is_file(), name
    for n in range(1, 6):
        assert f"Bài tập {n}" in SYLLABUS
        assert (ROOT / "solutions" / f"bai{n}").is_dir()


def test_no_command_in_what_a_trainee_reads():
    """Trainees are anh/chị and never read a command or a folder name (the trainer guide,
    for trainers, keeps its commands)."""
    import json

    texts = {"syllabus.md": SYLLABUS}
    for lesson in LESSONS:
        cells = json.loads(lesson.read_text(encoding="utf-8"))["cells"]
        texts[lesson.name] = "\n".join("".join(c["source"]) for c in cells
                                       if c["cell_type"] == "markdown")
    for name, text in texts.items():
        for bad in ("`tdp ", "tdp practice", "exercises/", "make app", "`course/", "Bạn ", " bạn "):
            assert bad not in text, (name, bad)


def test_scenarios_named_in_the_syllabus_exist():
    from tdp import practice
    known = {s.id for s in practice.list_scenarios()}
    named = set(re.findall(r"`(m[1-5]_[a-z0-9_]+)`", SYLLABUS))
    assert named and named <= known, named - known


def test_trainer_guide_covers_the_session():
    for needed in ("make app", "make test", "tdp app --lan", "QR", "tdp course release",
                   "tdp grade collect", "tdp grade autograde", "tdp grade feedback",
                   "tdp grade export", "trục trặc"):
        assert needed in GUIDE, needed
    for n in range(1, 6):
        assert f"Buổi {n}" in GUIDE


def test_practice_and_support_tables():
    from tdp.lessons import tables
    from tdp.practice import list_scenarios

    for module in range(1, 6):
        df = tables.practice_table(module)
        assert list(df["Mã tình huống"]) == [s.id for s in list_scenarios(module)]
    log = tables.support_log_table()
    assert "Thủ tục, việc hỗ trợ" in set(log["Cột trong sổ"])
