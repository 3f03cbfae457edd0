"""A hub class's nbgrader_config.py is `class_course`'s settings written out: the formgrader,
the grader account's nbgrader and the caged grading read the same folders and gradebook.
Files only (`--dry-run`): no PostgreSQL, no hub."""

from __future__ import annotations

from pathlib import Path

from traitlets.config.loader import PyFileConfigLoader

from tdp.hub.course import class_course
from tdp.hub.settings import load_settings
from tdp.hub.setup import add_class, init, write_course_config

PG = "postgresql://tdp@127.0.0.1:5/postgres"  # never reached: dry runs


def _hub(tmp_path: Path) -> Path:
    init(tmp_path / "hub", "gia_lai", PG, "http://127.0.0.1:8000", dry_run=True)
    add_class(tmp_path / "hub", "lop_a", "Trần Thị Giảng", "thong_nhat", dry_run=True)
    return tmp_path / "hub"


def test_the_class_config_is_the_class_course(tmp_path: Path) -> None:
    directory = _hub(tmp_path)
    settings = load_settings(directory)
    course = class_course(settings, "lop_a")
    config = PyFileConfigLoader("nbgrader_config.py",
                                path=str(settings.course_dir("lop_a"))).load_config()
    for key, value in course.values().items():
        section, name = key.split(".")
        assert config[section][name] == value, key
    assert config.CourseDirectory.course_id == "lop_a"
    assert config.Exchange.root == str(settings.exchange)  # the hub's, shared by the classes
    assert config.CourseDirectory.db_url.startswith("postgresql+psycopg://")
    assert config.CourseDirectory.submitted_directory == str(course.submitted)
    assert Path(config.CourseDirectory.source_directory) == course.solutions


def test_an_older_class_config_is_rewritten_and_kept_aside(tmp_path: Path) -> None:
    directory = _hub(tmp_path)
    settings = load_settings(directory)
    path = settings.course_dir("lop_a") / "nbgrader_config.py"
    current = path.read_text(encoding="utf-8")
    old = "c = get_config()  # noqa: F821\nc.CourseDirectory.course_id = 'lop_a'\n"
    path.write_text(old, encoding="utf-8")
    write_course_config(settings, settings.klass("lop_a"))
    assert path.read_text(encoding="utf-8") == current
    kept = list(path.parent.glob("nbgrader_config.cu-*.py"))
    assert [k.read_text(encoding="utf-8") for k in kept] == [old]
    write_course_config(settings, settings.klass("lop_a"))  # unchanged: nothing moved again
    assert len(list(path.parent.glob("nbgrader_config.cu-*.py"))) == 1
