"""What the app serves, as data: `course/app_pages.yaml` lists the start page's cards (clean
path, Vietnamese title and one-line description, the notebook behind it) and where the lessons
are. A card shows only when its notebook exists; trainer-only pages are never served with
`--lan`.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field

from tdp.errors import InputError
from tdp.paths import course_dir

PAGES_FILE = "app_pages.yaml"
SLUG = r"[a-z0-9]+(?:-[a-z0-9]+)*"
LESSON_NUMBER = re.compile(r"bai_hoc_(\d+)")
HEADING = re.compile(r"^#\s+(?:Học phần|Bài học)\s*\d+\s*[.:]\s*(.+)$", re.MULTILINE)


class PageEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")
    path: str = Field(pattern=f"^{SLUG}$")
    title: str
    description: str
    notebook: str
    trainer_only: bool = False


class LessonsEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")
    heading: str
    path: str = Field(pattern=f"^{SLUG}$")
    notebooks: str


class PagesFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    banner: str
    title: str
    intro: str
    pages: list[PageEntry]
    lessons: LessonsEntry


@dataclass(frozen=True)
class Page:
    """One served page: `/<path>` renders `notebook` (relative to the notebooks folder)."""

    path: str
    title: str
    description: str
    notebook: str
    trainer_only: bool = False
    lesson: bool = False


@dataclass(frozen=True)
class Site:
    banner: str
    title: str
    intro: str
    apps: tuple[Page, ...]
    lessons_heading: str
    lessons: tuple[Page, ...]

    @property
    def pages(self) -> tuple[Page, ...]:
        return self.apps + self.lessons

    def for_lan(self) -> Site:
        """What trainees' phones may reach: no trainer-only page."""
        return Site(self.banner, self.title, self.intro,
                    tuple(p for p in self.apps if not p.trainer_only),
                    self.lessons_heading, self.lessons)


def read_pages_file(path: Path) -> PagesFile:
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        return PagesFile.model_validate(raw)
    except OSError as exc:
        raise InputError(f"Không đọc được {path} ({exc.strerror})") from exc
    except (yaml.YAMLError, ValueError) as exc:
        first = str(exc).strip().splitlines()
        raise InputError(f"Tệp {path} chưa đúng: {' '.join(first[:3])}") from exc


def lesson_title(notebook: Path) -> str:
    """The lesson's own first heading ("# Học phần 1. Dịch vụ công …" → "Dịch vụ công …")."""
    nb = json.loads(notebook.read_text(encoding="utf-8"))
    for cell in nb.get("cells", []):
        if cell.get("cell_type") == "markdown":
            found = HEADING.search("".join(cell.get("source", "")))
            if found:
                return found.group(1).strip()
    return ""


def load_site(notebooks: Path, pages_file: Path | None = None) -> Site:
    """The pages whose notebook exists under `notebooks`, in the YAML's order."""
    spec = read_pages_file(pages_file or course_dir() / PAGES_FILE)
    apps = tuple(Page(e.path, e.title, e.description, e.notebook, e.trainer_only)
                 for e in spec.pages if (notebooks / e.notebook).is_file())
    lessons = []
    for nb in sorted(notebooks.glob(spec.lessons.notebooks)):
        number = LESSON_NUMBER.search(nb.stem)
        if not number:
            continue
        n = int(number.group(1))
        lessons.append(Page(f"{spec.lessons.path}/{n}", f"Bài học {n}", lesson_title(nb),
                            nb.relative_to(notebooks).as_posix(), lesson=True))
    lessons.sort(key=lambda p: int(p.path.rsplit("/", 1)[1]))
    return Site(spec.banner, spec.title, spec.intro, apps, spec.lessons.heading,
                tuple(lessons))
