"""Starting Voilà for the practice app.

A thin subclass of Voilà's application: it adds the `tdp` page template (Vietnamese, every
asset local) and serves the Font Awesome files of the `fontawesome-free` package from
`/voila/static/`, where the template points instead of Voilà's public CDN.
"""

from __future__ import annotations

import os
from importlib.metadata import PackageNotFoundError, distribution
from pathlib import Path

from voila.app import Voila

SHARE_DIR = Path(__file__).resolve().parent / "share"
TEMPLATE = "tdp"


def font_awesome_dir() -> Path | None:
    """`css/` and `webfonts/` of Font Awesome 5, as the `fontawesome-free` wheel ships them."""
    try:
        dist = distribution("fontawesome-free")
    except PackageNotFoundError:
        return None
    path = Path(str(dist.locate_file(
        "fontawesome-free/static/fontawesome_free/js-packages/@fortawesome/fontawesome-free")))
    return path if (path / "css" / "all.min.css").is_file() else None


class PracticeVoila(Voila):
    """Voilà with the app's template directory and the local Font Awesome copy."""

    def setup_template_dirs(self) -> None:
        super().setup_template_dirs()
        fa = font_awesome_dir()
        if fa is not None:
            self.static_paths.append(str(fa))
        self.static_paths.append(str(SHARE_DIR / "voila" / "templates" / TEMPLATE / "static"))


def prepare_environment() -> None:
    """Make Jupyter find the `tdp` template (JUPYTER_PATH is read when paths are collected)."""
    current = os.environ.get("JUPYTER_PATH", "")
    parts = [str(SHARE_DIR)] + ([current] if current else [])
    os.environ["JUPYTER_PATH"] = os.pathsep.join(parts)


def main(argv: list[str]) -> None:
    prepare_environment()
    PracticeVoila.launch_instance(argv)


if __name__ == "__main__":  # pragma: no cover
    import sys

    main(sys.argv[1:])
