"""Where the course content and the runtime state live.

The course root is the repository (nbgrader's course root too). Environment variables let
tests and other deployments point elsewhere without touching code.
"""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent


def project_root() -> Path:
    """The repository root: `TDP_ROOT`, else the checkout this package is installed from."""
    env = os.environ.get("TDP_ROOT")
    if env:
        return Path(env).resolve()
    candidate = PACKAGE_DIR.parents[1]
    if (candidate / "course").is_dir():
        return candidate
    return Path.cwd()


def course_dir() -> Path:
    """The content a trainer edits: procedures, scenarios, wards, messages."""
    env = os.environ.get("TDP_COURSE_DIR")
    return Path(env).resolve() if env else project_root() / "course"


def var_dir() -> Path:
    """Runtime state (SQLite, submissions, logs); git-ignored. Created on demand."""
    env = os.environ.get("TDP_VAR_DIR")
    path = Path(env).resolve() if env else project_root() / "var"
    path.mkdir(parents=True, exist_ok=True)
    return path


def database_url(explicit: str | None = None) -> str:
    """`--db URL`, else `TDP_DATABASE_URL`, else the SQLite file `var/tdp.sqlite`."""
    if explicit:
        return explicit
    env = os.environ.get("TDP_DATABASE_URL")
    if env:
        return env
    return default_database_url()


def default_database_url() -> str:
    """The store nobody named: `var/tdp.sqlite` (the only one whose folder is made)."""
    return f"sqlite:///{var_dir() / 'tdp.sqlite'}"


def log_file() -> Path:
    """Where unexpected errors are written in full (the user sees only its path)."""
    return var_dir() / "tdp.log"
