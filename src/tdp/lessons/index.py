"""The start page (`notebooks/index.ipynb`): links to the lessons, the practice app and, for
trainers, the dashboard — found on disk, so a page that is not built yet is shown as such
instead of as a broken link."""

from __future__ import annotations

import html
import json
from dataclasses import dataclass
from pathlib import Path

from tdp.paths import project_root

# The portal to practise freely, then the scored scenarios.
PRACTICE_APPS = (
    ("app/thuc_hanh.ipynb", "Cổng dịch vụ công mô phỏng — nộp thử hồ sơ"),
    ("app/luyen_tap.ipynb", "Luyện tập tình huống — chấm điểm từng tiêu chí"),
)
TRAINER_HINTS = ("dashboard", "bang_dieu_khien", "bao_cao", "giang_vien", "tong_hop")


@dataclass(frozen=True)
class Page:
    path: str  # relative to notebooks/, with forward slashes
    title: str


def notebooks_dir() -> Path:
    return project_root() / "notebooks"


def title_of(path: Path) -> str:
    """The first Markdown heading of a notebook, else its file name."""
    try:
        nb = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return path.stem
    for cell in nb.get("cells", []):
        if cell.get("cell_type") != "markdown":
            continue
        source = cell.get("source", "")
        text = "".join(source) if isinstance(source, list) else source
        for line in text.splitlines():
            if line.startswith("#"):
                return line.lstrip("#").strip()
    return path.stem


def _pages(paths: list[Path], root: Path) -> list[Page]:
    return [Page(p.relative_to(root).as_posix(), title_of(p)) for p in sorted(paths)]


def lessons(root: Path | None = None) -> list[Page]:
    root = root or notebooks_dir()
    return _pages(list((root / "lessons").glob("*.ipynb")), root)


def practice_apps(root: Path | None = None) -> list[Page]:
    root = root or notebooks_dir()
    return [Page(rel, title) for rel, title in PRACTICE_APPS if (root / rel).is_file()]


def trainer_pages(root: Path | None = None) -> list[Page]:
    root = root or notebooks_dir()
    found = [p for p in root.rglob("*.ipynb")
             if ".ipynb_checkpoints" not in p.parts
             and any(h in p.stem.lower() for h in TRAINER_HINTS)]
    return _pages(found, root)


def _link(page: Page) -> str:
    return f"<li><a href='{html.escape(page.path)}'>{html.escape(page.title)}</a></li>"


def links_html(root: Path | None = None) -> str:
    apps = practice_apps(root)
    trainers = trainer_pages(root)
    app_part = (f"<ul>{''.join(_link(p) for p in apps)}</ul>" if apps else
                "<p><i>Ứng dụng thực hành chưa có trên máy này. Giảng viên chạy "
                "<code>make app</code> (hoặc <code>tdp app</code>).</i></p>")
    trainer_part = (f"<ul>{''.join(_link(p) for p in trainers)}</ul>" if trainers else
                    "<p><i>Bảng theo dõi của giảng viên chưa có trên máy này.</i></p>")
    return (f"<h3>Thực hành trên Cổng mô phỏng</h3>{app_part}"
            f"<h3>Dành cho giảng viên</h3>{trainer_part}")


def show_links(root: Path | None = None):
    from IPython.display import HTML

    return HTML(links_html(root))
