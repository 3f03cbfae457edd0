"""The layers contract (`lint-imports`, configured in pyproject.toml, run by `make test`):
imports point one way, every package is in a layer, and no module imports itself back."""

from __future__ import annotations

import os
import pkgutil
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import grimp

import tdp

ROOT = Path(__file__).resolve().parents[1]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def _contract() -> dict:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["importlinter"]
    [layers] = [c for c in config["contracts"] if c["type"] == "layers"]
    return layers


def _lint(src: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(src)}
    return subprocess.run([str(LINT_IMPORTS), "--config", str(ROOT / "pyproject.toml"),
                           "--no-cache"], cwd=src.parent, env=env, capture_output=True,
                          text=True, timeout=300)


def test_every_package_of_tdp_is_in_a_layer() -> None:
    layered = {name.strip() for layer in _contract()["layers"]
               for name in layer.replace("|", ":").split(":")}
    modules = {f"tdp.{m.name}" for m in pkgutil.iter_modules(tdp.__path__)}
    assert modules - layered == set()


def test_an_upward_import_breaks_the_contract(tmp_path: Path) -> None:
    """A throwaway module in a copy of the package: the catalog importing a screen."""
    src = tmp_path / "src"
    shutil.copytree(ROOT / "src" / "tdp", src / "tdp",
                    ignore=shutil.ignore_patterns("__pycache__", "static", "share", "*.yaml"))
    assert _lint(src).returncode == 0  # the copy as it is keeps the contract
    (src / "tdp" / "catalog" / "throwaway.py").write_text(
        '"""An upward import the contract must refuse."""\n\nimport tdp.screens  # noqa\n')
    broken = _lint(src)
    assert broken.returncode != 0
    assert "tdp.catalog is not allowed to import tdp.screens" in broken.stdout


def test_no_import_cycles() -> None:
    """No module reaches itself through run-time imports (lazy ones included)."""
    graph = grimp.build_graph("tdp", exclude_type_checking_imports=True)
    edges = {m: graph.find_modules_directly_imported_by(m) for m in graph.modules}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    cycles: list[list[str]] = []

    def visit(v: str) -> None:  # Tarjan's strongly connected components
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in edges[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    sys.setrecursionlimit(max(sys.getrecursionlimit(), 10_000))
    for module in sorted(edges):
        if module not in index:
            visit(module)
    assert cycles == []
