"""The pinned Jupyter stack is what is installed, and its lab extensions load.

nbgrader's lab extension is built against one JupyterLab/Notebook range; a drifting pin
shows up here (versions differ from pyproject.toml, or the extension is not "enabled OK")
rather than as a blank assignment panel in class.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tomllib
from importlib.metadata import version
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PINNED = ("jupyterlab", "notebook", "nbgrader", "voila", "ipywidgets", "pandas", "jsonschema")
EXTENSIONS = (
    "@jupyter/nbgrader",
    "@jupyter-widgets/jupyterlab-manager",
    "@voila-dashboards/jupyterlab-preview",
)
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def pins() -> dict[str, str]:
    with (ROOT / "pyproject.toml").open("rb") as f:
        deps = tomllib.load(f)["project"]["dependencies"]
    found = {}
    for dep in deps:
        match = re.fullmatch(r"\s*([A-Za-z0-9_.\-]+)(?:\[[^\]]*\])?\s*==\s*([^\s;]+)\s*(;.*)?", dep)
        if match:
            found[match.group(1).lower().replace("_", "-")] = match.group(2)
    return found


@pytest.mark.parametrize("package", PINNED)
def test_installed_version_is_the_pin(package: str) -> None:
    pinned = pins()
    assert package in pinned, f"{package} is not pinned with == in pyproject.toml"
    assert version(package) == pinned[package]


def test_nbformat_import_does_not_build_iri_parsers() -> None:
    """rfc3987-syntax (jsonschema 4.25+) costs seconds of CPU in every process that imports
    nbformat: every nbgrader run, the app, `tdp grade`. The pin keeps it out."""
    proc = subprocess.run([sys.executable, "-c", "import sys, nbformat; "
                           "print('rfc3987_syntax' in sys.modules, 'lark' in sys.modules)"],
                          capture_output=True, text=True, timeout=120, check=True)
    assert proc.stdout.split() == ["False", "False"], proc.stdout


@pytest.fixture(scope="module")
def labextensions() -> str:
    jupyter = Path(sys.executable).parent / "jupyter"
    assert jupyter.exists(), f"no {jupyter}: install the project into this venv"
    proc = subprocess.run([str(jupyter), "labextension", "list"], capture_output=True,
                          text=True, encoding="utf-8", timeout=300, check=False,
                          env={**os.environ, "NO_COLOR": "1"})
    assert proc.returncode == 0, proc.stderr
    return ANSI.sub("", proc.stdout + proc.stderr)  # it writes the list to stderr


@pytest.mark.parametrize("extension", EXTENSIONS)
def test_lab_extension_is_enabled_and_ok(extension: str, labextensions: str) -> None:
    lines = [line.split() for line in labextensions.splitlines()]
    entry = [words for words in lines if words and words[0] == extension]
    assert entry, f"{extension} is not installed:\n{labextensions}"
    words = entry[0]
    assert words[2:4] == ["enabled", "OK"], " ".join(words)


def test_the_news_prompt_is_off(labextensions: str) -> None:
    """JupyterLab's "Jupyter news?" prompt fetches from the Internet: `make venv` (and the
    hub's image) disable it, because the hall has no Internet and trainees must not be asked."""
    disabled = labextensions.split("Disabled extensions:", 1)
    assert len(disabled) == 2, labextensions
    assert "@jupyterlab/apputils-extension:announcements" in disabled[1].split()
