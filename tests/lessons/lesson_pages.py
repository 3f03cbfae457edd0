"""Where the lesson pages are (imported by the tests of this folder)."""

from __future__ import annotations

from tdp.paths import project_root

ROOT = project_root()
NOTEBOOKS = ROOT / "notebooks"
LESSONS = sorted((NOTEBOOKS / "lessons").glob("*.ipynb"))
PAGES = [NOTEBOOKS / "index.ipynb", *LESSONS]
