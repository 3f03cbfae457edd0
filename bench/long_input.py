"""What a 20 MB name costs in-process (issue 17): the engine's `check`, practice scoring
(`tdp.practice.score`, what `tdp practice score` and the practice app call), and the field
types' readers (`PERSON_NAME.parse` / `normalise_value` / `key`) — this tree against a git
revision (default: the commit before the cheap refusal), both measured here, the same way.

For each path: the median wall time of `--runs` runs and how often the 20 MB value was cleaned
(NFC; `tdp.text.clean`, `name_key` and `fold_diacritics` all go through `tdp.text.nfc`).

Run: .venv/bin/python bench/long_input.py [--runs 5] [--against REV]
The revision is unpacked (`git archive`) into a temporary folder and measured in a child
process whose `tdp` is that folder's `src/`. A seeded store in a temporary folder, never var/.
Nothing asserts on time: figures depend on the machine and its load (printed).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
BEFORE = "0d7321c"  # the tree this change started from
SCENARIO = "m3_khai_sinh_dung_han"
HUGE = "Vũ Minh Khôi" * 1_750_000  # 21,000,000 characters


def measure(runs: int) -> dict[str, Any]:
    """The figures of the `tdp` this process imports (run in the tree being measured)."""
    sys.path.insert(0, str(Path(__file__).parent))
    import engine as engine_bench  # bench/engine.py: a seeded store in a temporary folder

    import tdp.text
    from tdp.catalog import load_catalog
    from tdp.engine import PERSON_NAME, check, normalise_value
    from tdp.practice import get_scenario, merge_patch, score
    from tdp.store import open_store

    store = open_store(engine_bench.seed_store(Path(tempfile.mkdtemp())))
    scenario = get_scenario(SCENARIO)
    expected = scenario.expected.model_dump()
    answer = merge_patch(expected, {"filing": {"tre": {"ho_ten": HUGE}}})
    spec = load_catalog().procedure("khai_sinh").field("tre.ho_ten")
    cleaned = [0]
    real_nfc = tdp.text.nfc

    def counting_nfc(text: str) -> str:
        cleaned[0] += len(text) > 10_000
        return real_nfc(text)

    tdp.text.nfc = counting_nfc
    paths: dict[str, Callable[[], object]] = {
        "check (engine)": lambda: check("khai_sinh", answer["filing"], scenario.submitted_at,
                                        store),
        "score (practice)": lambda: score(scenario, answer, store),
        "PERSON_NAME.parse": lambda: PERSON_NAME.parse(HUGE),
        "normalise_value": lambda: normalise_value(spec, HUGE),
        "PERSON_NAME.key": lambda: PERSON_NAME.key(HUGE, spec),
    }
    score(scenario, expected, store)  # warm: catalog, meaning tables, registry
    figures: dict[str, Any] = {}
    for name, run in paths.items():
        cleaned[0] = 0
        run()
        cleanings = cleaned[0]
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            run()
            times.append(time.perf_counter() - start)
        figures[name] = {"seconds": statistics.median(times), "cleanings": cleanings}
    return figures


def measure_revision(rev: str, runs: int) -> dict[str, Any]:
    """`measure` in a child process importing the `tdp` of revision `rev`."""
    with tempfile.TemporaryDirectory(prefix="tdp-before-") as folder:
        archive = subprocess.run(["git", "archive", rev], cwd=ROOT, capture_output=True,
                                 check=True).stdout
        subprocess.run(["tar", "-x", "-C", folder], input=archive, check=True)
        env = {**os.environ, "PYTHONPATH": str(Path(folder) / "src"), "TDP_ROOT": folder}
        child = subprocess.run(
            [sys.executable, __file__, "--child", "--runs", str(runs)], env=env, cwd=folder,
            capture_output=True, text=True, check=True)
        probe = subprocess.run([sys.executable, "-c", "import tdp; print(tdp.__file__)"],
                               env=env, capture_output=True, text=True, check=True)
        assert probe.stdout.startswith(folder), probe.stdout  # the revision's own tdp
        return json.loads(child.stdout.splitlines()[-1])


def _shown(figure: dict[str, Any]) -> str:
    seconds = figure["seconds"]
    time_text = f"{seconds * 1000:.1f} ms" if seconds >= 1e-3 else f"{seconds * 1e6:.1f} µs"
    return f"{time_text} ({figure['cleanings']} cl.)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--against", default=BEFORE, help=f"git revision (default {BEFORE})")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure(args.runs)))
        return
    print(f"load average at start: {os.getloadavg()}  ({os.cpu_count()} CPUs)")
    before = measure_revision(args.against, args.runs)
    after = measure(args.runs)
    print(f"a 20 MB name ({len(HUGE):,} characters), median of {args.runs} runs")
    print(f"{'path':20} {'before ' + args.against:>24} {'this tree':>24} {'before/after':>14}")
    for name, now in after.items():
        then = before[name]
        ratio = then["seconds"] / now["seconds"] if now["seconds"] else float("inf")
        print(f"{name:20} {_shown(then):>24} {_shown(now):>24} {ratio:13,.0f}×")
    print("cl. = times the 20 MB value was cleaned (NFC)")
    print(f"load average at end: {os.getloadavg()}")
    print(subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip())


if __name__ == "__main__":
    main()
