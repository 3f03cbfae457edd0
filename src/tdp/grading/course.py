"""The nbgrader course as the pipeline sees it: where things are (the class list itself is
`tdp.classlist`'s).

`Course.values()` is the one source of nbgrader settings: the repository's `nbgrader_config.py`
applies them (`Course(root).apply(c)`), and a `Course` can point the course root and the state
folder elsewhere (tests, benchmarks) without editing it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tdp.classlist import read_trainees
from tdp.errors import InputError
from tdp.paths import project_root
from tdp.paths import trainees_csv as default_trainees_csv

COURSE_ID = "to_dan_pho_dien_tu"
CELL_TIMEOUT = 60
"""Seconds a cell may run while grading (c.Execute.timeout), unless a `Course` says otherwise."""
CODE_STUB = "# ↑ Anh/chị điền câu trả lời vào dòng ở trên, rồi bấm Shift + Enter."
TEXT_STUB = "VIẾT CÂU TRẢ LỜI CỦA ANH/CHỊ Ở ĐÂY"
"""Stubs a trainee sees in the released notebooks (Vietnamese, and runnable)."""


@dataclass(init=False)
class Course:
    """An nbgrader course: `root` holds solutions/ and exercises/; `var` the state."""

    root: Path
    var: Path  # default: root/var/nbgrader
    timeout: int | None  # per-cell timeout (c.Execute.timeout); None: CELL_TIMEOUT
    trainees_csv: Path  # default: TDP_TRAINEES_CSV, else root/course/trainees.csv

    course_id: str  # nbgrader's course_id (a class on the province hub: its class id)
    source: Path | None  # the sources when not root/solutions (a hub class: the repository's)
    gradebook: str | None  # the gradebook's URL when not var/gradebook.db (a hub class's)
    exchange: Path | None  # nbgrader's exchange when not var/exchange (the hub's shared one)

    def __init__(self, root: Path | None = None, var: Path | None = None,
                 timeout: int | None = None, trainees_csv: Path | None = None, *,
                 course_id: str = COURSE_ID, source: Path | None = None,
                 gradebook: str | None = None, exchange: Path | None = None) -> None:
        self.root = Path(root if root is not None else project_root()).resolve()
        self.var = Path(var).resolve() if var else self.root / "var" / "nbgrader"
        self.timeout = timeout
        self.trainees_csv = (trainees_csv if trainees_csv is not None
                             else default_trainees_csv(self.root))
        self.course_id = course_id
        self.source = Path(source).resolve() if source is not None else None
        self.gradebook = gradebook
        self.exchange = Path(exchange).resolve() if exchange is not None else None

    @property
    def solutions(self) -> Path:
        return self.source or self.root / "solutions"

    @property
    def exercises(self) -> Path:
        return self.root / "exercises"

    @property
    def submitted(self) -> Path:
        return self.var / "submitted"

    @property
    def autograded(self) -> Path:
        return self.var / "autograded"

    @property
    def feedback(self) -> Path:
        return self.var / "feedback"

    @property
    def proposal_csv(self) -> Path:
        """Names met by `tdp grade collect` that are not on the class list: proposed for it
        (`tdp class import`), never added silently."""
        return self.var / "de_xuat_danh_sach_lop.csv"

    def trainee_names(self) -> dict[str, str]:
        """id → name: the class list, else the name collection proposed for that id."""
        names = {t.id: t.name for t in read_trainees(self.proposal_csv)}
        names.update({t.id: t.name for t in read_trainees(self.trainees_csv)})
        return names

    @property
    def db_path(self) -> Path:
        return self.var / "gradebook.db"

    @property
    def db_url(self) -> str:
        return self.gradebook or f"sqlite:///{self.db_path}"

    def assignments(self) -> list[str]:
        source = self.solutions if self.solutions.is_dir() else self.exercises
        if not source.is_dir():
            return []
        return sorted(p.name for p in source.iterdir()
                      if p.is_dir() and any(p.glob("*.ipynb")))

    def notebooks(self, assignment: str) -> list[str]:
        """The notebook names (without .ipynb) of an assignment, as released."""
        folder = self.solutions / assignment
        if not folder.is_dir():  # a course copied without its sources: as released
            folder = self.exercises / assignment
        if not folder.is_dir():
            known = ", ".join(self.assignments())
            raise InputError(f"Không có bài '{assignment}'. Các bài: {known}")
        return sorted(p.stem for p in folder.glob("*.ipynb"))

    def values(self) -> dict[str, object]:
        """Every nbgrader setting of this course, typed, by `Section.name`."""
        return {
            "CourseDirectory.root": str(self.root),
            "CourseDirectory.course_id": self.course_id,
            "CourseDirectory.source_directory": str(self.source or "solutions"),
            "CourseDirectory.release_directory": "exercises",
            "CourseDirectory.submitted_directory": str(self.submitted),
            "CourseDirectory.autograded_directory": str(self.autograded),
            "CourseDirectory.feedback_directory": str(self.feedback),
            "CourseDirectory.solution_directory": str(self.var / "solution"),
            "CourseDirectory.db_url": self.db_url,
            "Exchange.root": str(self.exchange or self.var / "exchange"),
            "Execute.timeout": self.timeout if self.timeout is not None else CELL_TIMEOUT,
            # graded cells a trainee deleted are put back when grading
            "OverwriteCells.add_missing_cells": True,
            "ClearSolutions.code_stub": {"python": CODE_STUB},
            "ClearSolutions.text_stub": TEXT_STUB,
        }

    def settings(self) -> dict[str, str]:
        """The settings as command-line text (`argv`): the text and yes/no ones, and the cell
        timeout when this course sets one."""
        self.var.mkdir(parents=True, exist_ok=True)
        values = {k: str(v) for k, v in self.values().items()
                  if isinstance(v, str | bool) and k != "CourseDirectory.course_id"}
        if self.timeout is not None:
            values["Execute.timeout"] = str(self.timeout)
        return values

    def argv(self) -> list[str]:
        return [f"--{key}={value}" for key, value in self.settings().items()]

    def apply(self, config: Any) -> None:
        """Set every setting on a traitlets `Config` (what `nbgrader_config.py` calls)."""
        for key, value in self.values().items():
            section, name = key.split(".")
            config[section][name] = value

    def config(self) -> Any:
        """A traitlets Config: the repository's nbgrader_config.py (which a trainer may add
        to), then this course's values."""
        ensure_tools_on_path()
        from traitlets.config import Config
        from traitlets.config.loader import PyFileConfigLoader

        self.var.mkdir(parents=True, exist_ok=True)
        config = Config()
        repo_config = self.root / "nbgrader_config.py"
        if repo_config.is_file():
            config.merge(PyFileConfigLoader(repo_config.name, path=str(self.root)).load_config())
        self.apply(config)
        return config


def ensure_tools_on_path() -> None:
    """nbgrader runs `alembic` from PATH: make the venv's scripts findable even when `tdp` is
    called by its full path without an activated venv."""
    import os
    import sys

    scripts = str(Path(sys.executable).parent)
    path = os.environ.get("PATH", "")
    if scripts not in path.split(os.pathsep):
        os.environ["PATH"] = scripts + os.pathsep + path


# --- the gradebook knows the assignment ---------------------------------------------------


def _known_notebooks(course: Course, assignment: str) -> set[str]:
    """The notebooks of `assignment` whose graded cells the gradebook holds (empty: unknown)."""
    from nbgrader.api import Gradebook, MissingEntry

    if course.gradebook is None and not course.db_path.is_file():
        return set()
    with Gradebook(course.db_url) as gb:
        try:
            found = gb.find_assignment(assignment)
        except MissingEntry:
            return set()
        return {nb.name for nb in found.notebooks if nb.source_cells}


def ensure_registered(course: Course, assignment: str) -> None:
    """Before grading: nbgrader grades only an assignment its gradebook knows cell by cell,
    which `generate_assignment` records. A fresh clone's gradebook (`var/` is not in git) knows
    nothing, and every submission would fail alone with "No notebooks found". So the
    assignment is generated from `solutions/` into a scratch release folder (exercises/ is left
    as it is); when that is impossible the run stops with one line saying what to do."""
    import tempfile

    wanted = set(course.notebooks(assignment))
    if wanted <= _known_notebooks(course, assignment):
        return
    hint = (f"Sổ điểm chưa biết bài {assignment}: chạy 'tdp course release {assignment}' "
            "rồi chấm lại.")
    if not (course.solutions / assignment).is_dir():
        raise InputError(f"Sổ điểm chưa biết bài {assignment} và thiếu bản gốc "
                         f"solutions/{assignment}: chép thư mục đó vào {course.root}, chạy "
                         f"'tdp course release {assignment}' rồi chấm lại.")
    from nbgrader.apps import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory

    with tempfile.TemporaryDirectory(prefix="tdp-register-") as scratch:
        config = course.config()
        config.CourseDirectory.release_directory = scratch
        api = NbGraderAPI(coursedir=CourseDirectory(config=config), config=config)
        result = api.generate_assignment(assignment, force=True, create=True)
    if not result.get("success") or not wanted <= _known_notebooks(course, assignment):
        raise InputError(hint)
