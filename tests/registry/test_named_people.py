"""People that scenarios and exercises name keep their right answers after the registry grew
new facts (issue 13): none of them holds a fee exemption, and no couple a scenario expects to
marry is kin. When this fails, change the generator's sub-stream (`FAMILIES_STREAM`,
`BENEFITS_STREAM` in `tdp.registry.generate`), not the scenario."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from tdp.registry.generate import generate_population
from tdp.registry.kinship import forbidden_kinship
from tdp.registry.samples import PeopleIndex
from tdp.registry.seed import group_specs

ROOT = Path(__file__).resolve().parents[2]
NUMBER = re.compile(r"(?<![0-9])0[0-9]{11}(?![0-9])")


@pytest.fixture(scope="module")
def index() -> PeopleIndex:
    from tdp.catalog import load_catalog

    return PeopleIndex(generate_population(group_specs(load_catalog())))


# A file that is about a fee exemption may name an exempt resident on purpose.
ABOUT_EXEMPTIONS = ("uu_dai", "hộ nghèo", "khuyết tật", "có công")


def named_numbers() -> dict[str, list[str]]:
    """Number → the files of course/ and exercises/ that name it (files about exemptions
    left out)."""
    found: dict[str, list[str]] = {}
    for folder in ("course", "exercises", "solutions"):
        for path in sorted((ROOT / folder).rglob("*")):
            if path.suffix not in (".yaml", ".ipynb", ".md", ".py", ".csv"):
                continue
            text = path.read_text("utf-8")
            if path.parent.name == "scenarios" and any(w in text for w in ABOUT_EXEMPTIONS):
                continue
            for number in NUMBER.findall(text):
                found.setdefault(number, []).append(str(path.relative_to(ROOT)))
    return found


def test_named_people_have_no_fee_exemption(index: PeopleIndex) -> None:
    named = named_numbers()
    assert len(named) > 30
    exempt = {n: files for n, files in named.items()
              if (p := index.get(n)) is not None and p.uu_dai}
    assert not exempt, exempt


def marriages() -> list[tuple[str, dict]]:
    found = []
    for path in sorted((ROOT / "course" / "scenarios").glob("*.yaml")):
        data = yaml.safe_load(path.read_text("utf-8"))
        expected = (data or {}).get("expected") or {}
        filing = expected.get("filing") or {}
        if expected.get("procedure") == "ket_hon" and expected.get("file", True):
            found.append((path.name, filing))
    return found


def test_couples_expected_to_marry_are_not_kin(index: PeopleIndex) -> None:
    couples = marriages()
    assert couples
    for name, filing in couples:
        man = index.get(filing["ben_nam"]["so_dinh_danh"])
        woman = index.get(filing["ben_nu"]["so_dinh_danh"])
        if man is None or woman is None:
            continue  # the scenario's own business (catalog check reports it)
        kin = forbidden_kinship(index, man, woman)
        assert kin is None, (name, kin)
