"""Benchmark of `tdp grade autograde` against plain `nbgrader autograde` (issue 5).

30 generated submissions of one assignment (a seeded mix of full, partial and empty answers)
are put into two identical copies of a scratch course (same layout, same nbgrader settings,
same per-cell timeout), then graded one after the other in this run:

1. `nbgrader autograde ASSIGNMENT` (one process, one notebook after another);
2. `tdp grade autograde ASSIGNMENT` (all cores, one process per submission).

Both must give every trainee the same autograded score, and the score the generator expects;
a mismatch is printed loudly and the exit code is 1. Both wall times and their ratio are
printed, with the load average before and after (the figures depend on the machine's load).

Run: .venv/bin/python bench/grading.py [--assignment bai1] [--n 30] [--order nbgrader-first]
Everything happens in a temporary directory (TDP_VAR_DIR too), never in var/.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TDP = Path(sys.executable).with_name("tdp")
NBGRADER = Path(sys.executable).with_name("nbgrader")


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f} {five:.2f} {fifteen:.2f}"


def prepare_store(work: Path) -> None:
    """The exercises' store, seeded, and their sample people looked up, before any timing:
    both graders find the same warm state."""
    os.environ["TDP_VAR_DIR"] = str(work / "tdp-var")
    os.environ.pop("TDP_BAI_TAP_DATABASE_URL", None)
    from tdp.grading import bai_tap

    for nb in sorted((ROOT / "solutions").glob("*/*.ipynb")):
        text = nb.read_text(encoding="utf-8").replace('\\"', '"')
        for role in sorted(set(re.findall(r'nguoi_mau\("([a-z0-9_]+)"\)', text))):
            bai_tap.nguoi_mau(role)


def make_course(root: Path, assignment: str, timeout: int):
    from tdp.grading.course import Course
    from tdp.grading.release import release

    shutil.copytree(ROOT / "solutions" / assignment, root / "solutions" / assignment)
    course = Course(root=root, var=root / "var", timeout=timeout,
                    trainees_csv=root / "course" / "trainees.csv")
    release(course, [assignment])
    return course


def generate(course, assignment: str, n: int, seed: int) -> dict[str, int]:
    """n submissions: each answer cell filled from the solution with some probability (or
    left as released, or given a wrong value); the expected autograded score of each."""
    import nbformat

    from tdp.grading.course import Course

    assert isinstance(course, Course)
    rng = random.Random(seed)
    source = nbformat.read(course.solutions / assignment / f"{assignment}.ipynb", as_version=4)
    answers = {c.metadata["nbgrader"]["grade_id"]: c.source for c in source.cells
               if c.cell_type == "code" and c.metadata.get("nbgrader", {}).get("solution")}
    # each autograded test checks the answer cell just above it (by position)
    tests: dict[str, tuple[str, int]] = {}
    last = None
    for c in source.cells:
        meta = c.metadata.get("nbgrader", {})
        if c.cell_type == "code" and meta.get("solution"):
            last = meta["grade_id"]
        elif c.cell_type == "code" and meta.get("grade") and last:
            tests[meta["grade_id"]] = (last, int(meta.get("points", 0)))
    expected: dict[str, int] = {}
    for i in range(n):
        trainee = f"hv{i + 1:02d}"
        nb = nbformat.read(course.exercises / assignment / f"{assignment}.ipynb", as_version=4)
        share = [1.0, 0.6, 0.3, 0.0][i % 4]  # full marks, most, some, nothing
        right = {k for k in answers if rng.random() < share}
        for cell in nb.cells:
            gid = cell.metadata.get("nbgrader", {}).get("grade_id")
            if gid in right:
                cell.source = answers[gid]
        expected[trainee] = sum(p for answer, p in tests.values() if answer in right)
        folder = course.submitted / trainee / assignment
        folder.mkdir(parents=True, exist_ok=True)
        nbformat.write(nb, folder / f"{assignment}.ipynb")
    return expected


def copy_course(src, dst: Path):
    from tdp.grading.course import Course

    shutil.copytree(src.root, dst)
    return Course(root=dst, var=dst / "var", timeout=src.timeout,
                  trainees_csv=dst / "course" / "trainees.csv")


def run_nbgrader(course, assignment: str) -> tuple[float, dict[str, float]]:
    from nbgrader.api import Gradebook

    cmd = [str(NBGRADER), "autograde", assignment, "--force", *course.argv()]
    start = time.monotonic()
    proc = subprocess.run(cmd, cwd=course.root, capture_output=True, text=True)
    wall = time.monotonic() - start
    if proc.returncode != 0:
        print(proc.stdout[-3000:], proc.stderr[-3000:], sep="\n", file=sys.stderr)
        print(f"!!! nbgrader autograde exited with {proc.returncode}", file=sys.stderr)
    with Gradebook(course.db_url) as gb:
        scores = {s.student.id: float(s.code_score or 0)
                  for s in gb.find_assignment(assignment).submissions}
    return wall, scores


def run_tdp(course, assignment: str, workers: int | None,
            isolate: bool = True) -> tuple[float, dict[str, float]]:
    cmd = [str(TDP), "grade", "--course-root", str(course.root), "--var", str(course.var),
           "autograde", assignment, "--json", "--timeout", str(course.timeout)]
    if workers:
        cmd += ["--workers", str(workers)]
    if not isolate:
        cmd += ["--khong-co-lap"]
    start = time.monotonic()
    proc = subprocess.run(cmd, cwd=course.root, capture_output=True, text=True)
    wall = time.monotonic() - start
    if proc.returncode != 0:
        print(proc.stdout[-3000:], proc.stderr[-3000:], sep="\n", file=sys.stderr)
        print(f"!!! tdp grade autograde exited with {proc.returncode}", file=sys.stderr)
        return wall, {}
    rows = json.loads(proc.stdout)
    bad = [r for r in rows if r["status"] != "ok"]
    for r in bad:
        print(f"!!! tdp: {r['trainee']} {r['status']}: {r['reasons']}", file=sys.stderr)
    return wall, {r["trainee"]: float(r["auto_score"]) for r in rows}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--assignment", default="bai1")
    parser.add_argument("--n", type=int, default=30, help="submissions (default 30)")
    parser.add_argument("--timeout", type=int, default=60, help="per-cell timeout, both")
    parser.add_argument("--workers", type=int, help="tdp workers (default: CPU count)")
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--order", choices=("nbgrader-first", "tdp-first"),
                        default="nbgrader-first")
    parser.add_argument("--khong-co-lap", dest="isolate", action="store_false",
                        help="tdp without its sandbox (to measure what the sandbox costs)")
    args = parser.parse_args()

    print(f"CPU: {os.cpu_count()}  load average at start: {load()}")
    with tempfile.TemporaryDirectory(prefix="tdp-bench-grading-") as tmp:
        work = Path(tmp)
        prepare_store(work)
        template = make_course(work / "template", args.assignment, args.timeout)
        expected = generate(template, args.assignment, args.n, args.seed)
        plain = copy_course(template, work / "nbgrader")
        ours = copy_course(template, work / "tdp")
        print(f"{args.n} submissions of {args.assignment}; expected scores: "
              f"{sorted(expected.values())}")
        runs = [("nbgrader", lambda: run_nbgrader(plain, args.assignment)),
                ("tdp", lambda: run_tdp(ours, args.assignment, args.workers, args.isolate))]
        if args.order == "tdp-first":
            runs.reverse()
        results: dict[str, tuple[float, dict[str, float]]] = {}
        for name, fn in runs:
            print(f"[{name}] start, load average {load()}", flush=True)
            results[name] = fn()
            print(f"[{name}] {results[name][0]:.1f} s, load average {load()}", flush=True)
    (t_nb, s_nb), (t_tdp, s_tdp) = results["nbgrader"], results["tdp"]
    mismatches = []
    for trainee in sorted(expected):
        want = expected[trainee]
        got_nb, got_tdp = s_nb.get(trainee), s_tdp.get(trainee)
        if not (got_nb == got_tdp == want):
            mismatches.append(f"{trainee}: expected {want}, nbgrader {got_nb}, tdp {got_tdp}")
    print(f"nbgrader autograde:  {t_nb:7.1f} s")
    print(f"tdp grade autograde: {t_tdp:7.1f} s")
    print(f"ratio (nbgrader / tdp): {t_nb / t_tdp:.2f}x  (goal: >= 1.7x on 2 cores)")
    print(f"load average at end: {load()}")
    if mismatches:
        print("!" * 72, file=sys.stderr)
        print("SCORE MISMATCH between nbgrader and tdp grade autograde:", file=sys.stderr)
        for line in mismatches:
            print("  " + line, file=sys.stderr)
        print("!" * 72, file=sys.stderr)
        return 1
    print(f"scores: identical for all {len(expected)} submissions")
    return 0


if __name__ == "__main__":
    sys.exit(main())
