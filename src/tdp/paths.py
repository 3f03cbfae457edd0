"""Where the course content and the runtime state live, and the one place that reads the
`TDP_*` environment variables.

The course root follows the working directory the way nbgrader's does: the nearest folder
holding `nbgrader_config.py`, upward from the cwd; else the checkout this package is installed
from. `TDP_ROOT` wins over both. So `tdp grade …` and `nbgrader …` run in the same folder act
on the same course. Environment variables let tests and other deployments point elsewhere
without touching code.
"""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
NBGRADER_CONFIG = "nbgrader_config.py"


def _env(name: str) -> str | None:
    value = os.environ.get(name)
    return value or None


def _env_path(name: str) -> Path | None:
    value = _env(name)
    return Path(value).resolve() if value else None


def find_course_root(start: Path) -> Path | None:
    """The nearest folder at or above `start` holding nbgrader's config (as nbgrader finds it)."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / NBGRADER_CONFIG).is_file():
            return folder
    return None


def project_root() -> Path:
    """`TDP_ROOT`, else the course found upward from the cwd, else the installed checkout."""
    env = _env_path("TDP_ROOT")
    if env:
        return env
    found = find_course_root(Path.cwd())
    if found:
        return found
    candidate = PACKAGE_DIR.parents[1]
    if (candidate / "course").is_dir():
        return candidate
    return Path.cwd()


def course_dir() -> Path:
    """The content a trainer edits: procedures, scenarios, wards, messages."""
    return _env_path("TDP_COURSE_DIR") or project_root() / "course"


def var_dir() -> Path:
    """Runtime state (SQLite, submissions, logs); git-ignored. Created on demand."""
    path = _env_path("TDP_VAR_DIR") or project_root() / "var"
    path.mkdir(parents=True, exist_ok=True)
    return path


def database_url(explicit: str | None = None) -> str:
    """`--db URL`, else `TDP_DATABASE_URL`, else the SQLite file `var/tdp.sqlite`."""
    if explicit:
        return explicit
    return _env("TDP_DATABASE_URL") or default_database_url()


def default_database_url() -> str:
    """The store nobody named: `var/tdp.sqlite` (the only one whose folder is made)."""
    return f"sqlite:///{var_dir() / 'tdp.sqlite'}"


def set_database_url(url: str) -> None:
    """`--db URL` given on the command line: every store opened later in this process (and
    the kernels it starts) uses it."""
    os.environ["TDP_DATABASE_URL"] = url


def practice_database_url() -> str:
    """The reference registry practice scoring reads (never submitted to)."""
    return (_env("TDP_PRACTICE_DATABASE_URL")
            or f"sqlite:///{var_dir() / 'practice-registry.sqlite'}")


def bai_tap_database_url() -> str:
    """The store the exercises' helpers file into (apart from the portal's)."""
    return _env("TDP_BAI_TAP_DATABASE_URL") or f"sqlite:///{var_dir() / 'bai_tap.sqlite'}"


def hub_admin_database_url() -> str:
    """`TDP_HUB_PG`: a PostgreSQL URL allowed to create the province hub's databases."""
    return _env("TDP_HUB_PG") or ""


def hub_accounts_url() -> str:
    """`TDP_HUB_ACCOUNTS_URL`: the hub's accounts database (set by the Helm values; the
    one-machine config passes it explicitly)."""
    return _env("TDP_HUB_ACCOUNTS_URL") or ""


def trainees_csv(root: Path | None = None) -> Path:
    """The class list: `TDP_TRAINEES_CSV` (tests point it at a copy), else
    `<course root>/course/trainees.csv`."""
    return _env_path("TDP_TRAINEES_CSV") or (root or project_root()) / "course" / "trainees.csv"


def gradebook_url() -> str | None:
    """`TDP_GRADEBOOK_URL` when set (the dashboard reads another course's gradebook)."""
    return _env("TDP_GRADEBOOK_URL")


def log_file() -> Path:
    """Where unexpected errors are written in full (the user sees only its path)."""
    return var_dir() / "tdp.log"


def move_aside(path: Path) -> Path | None:
    """Move an existing file out of the way (`NAME.cu-YYYYmmdd-HHMMSS.ext`) before it is
    written again: a replaced file is kept, never deleted. Returns where it went."""
    from datetime import datetime

    if not path.exists():
        return None
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    aside = path.with_name(f"{path.stem}.cu-{stamp}{path.suffix}")
    n = 2
    while aside.exists():
        aside = path.with_name(f"{path.stem}.cu-{stamp}-{n}{path.suffix}")
        n += 1
    path.rename(aside)
    return aside
