"""nbgrader's settings are written once (`tdp.grading.course`): the repository's
nbgrader_config.py, the command-line arguments and the in-process Config all carry them."""

from __future__ import annotations

from pathlib import Path

from traitlets.config.loader import PyFileConfigLoader

from tdp.grading.course import CELL_TIMEOUT, CODE_STUB, COURSE_ID, TEXT_STUB, Course

ROOT = Path(__file__).resolve().parents[2]


def test_the_repository_config_is_the_course_values() -> None:
    config = PyFileConfigLoader("nbgrader_config.py", path=str(ROOT)).load_config()
    values = Course(root=ROOT).values()
    for key, value in values.items():
        section, name = key.split(".")
        assert config[section][name] == value, key
    assert config.CourseDirectory.course_id == COURSE_ID
    assert config.Execute.timeout == CELL_TIMEOUT
    assert config.ClearSolutions.code_stub == {"python": CODE_STUB}
    assert config.ClearSolutions.text_stub == TEXT_STUB


def test_a_course_elsewhere_overrides_paths_and_timeout(tmp_path: Path) -> None:
    course = Course(root=ROOT, var=tmp_path / "var", timeout=7)
    config = course.config()
    assert config.CourseDirectory.submitted_directory == str(tmp_path / "var" / "submitted")
    assert config.Execute.timeout == 7
    assert "--Execute.timeout=7" in course.argv()
    assert f"--CourseDirectory.db_url=sqlite:///{tmp_path / 'var' / 'gradebook.db'}" in (
        course.argv())
