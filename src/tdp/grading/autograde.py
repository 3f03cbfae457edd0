"""`tdp grade autograde`: every collected submission, in parallel, each in its own
`nbgrader autograde --student X` process with its own time limit, scores read back from
nbgrader's gradebook. One bad submission never stops the class: each ends with a status.

The processes are forked from a server that has imported nbgrader once (importing it costs
seconds of CPU, more than grading a short notebook); each run's log is kept under
var/nbgrader/logs/<bai>/<trainee>.log.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import sys
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import asdict, dataclass, field
from pathlib import Path

import nbformat

from tdp.grading import sandbox
from tdp.grading.course import Course, ensure_registered, ensure_tools_on_path
from tdp.grading.isolation import SandboxUnavailable, cage_for, check_isolation, prepare_exercises
from tdp.grading.sandbox import Cage, Limits

__all__ = ["SandboxUnavailable", "autograde", "format_table", "load_report"]

STATUS_LABELS = {
    "ok": "đã chấm",
    "timed_out": "quá thời gian",
    "crashed": "bị dừng đột ngột",
    "tampered": "ô bài bị sửa",
    "huge_output": "kết quả in ra quá lớn",
    "not_notebook": "không phải notebook",
    "error": "lỗi khi chấm",
}
HUGE_BYTES = 2_000_000  # an autograded notebook above this has its outputs cut
OUTPUT_KEEP = 5_000  # characters kept of each oversized output


@dataclass
class Outcome:
    trainee: str
    name: str
    status: str = "ok"
    reasons: list[str] = field(default_factory=list)
    score: float = 0.0
    max_score: float = 0.0
    auto_score: float = 0.0
    max_auto_score: float = 0.0
    needs_manual: bool = False
    seconds: float = 0.0

    @property
    def label(self) -> str:
        return STATUS_LABELS.get(self.status, self.status)

    @property
    def reason(self) -> str:
        return "; ".join(self.reasons)


def _cells_by_id(nb) -> dict[str, list]:
    found: dict[str, list] = {}
    for cell in nb.cells:
        grade_id = (cell.get("metadata", {}).get("nbgrader") or {}).get("grade_id")
        if grade_id:
            found.setdefault(grade_id, []).append(cell)
    return found


def inspect(released: Path, submitted: Path) -> tuple[str | None, list[str]]:
    """Before grading: ('not_notebook', why) for a file that is no notebook; ('tampered',
    what) for changed graded or locked cells; (None, []) otherwise."""
    try:
        raw = submitted.read_bytes()
    except OSError as exc:
        return "not_notebook", [f"không đọc được tệp ({exc.strerror})"]
    if not raw.strip():
        return "not_notebook", ["tệp rỗng"]
    if raw[:2] == b"PK":
        return "not_notebook", ["tệp nén (Word .docx hoặc .zip) đổi tên thành .ipynb"]
    try:
        nb = nbformat.reads(raw.decode("utf-8-sig"), as_version=4)
        nbformat.validate(nb)
    except Exception as exc:  # noqa: BLE001 - whatever is wrong, it is not a notebook
        first = str(exc).strip().splitlines()[0][:120] if str(exc).strip() else type(exc).__name__
        return "not_notebook", [f"không đọc được như notebook ({first})"]
    original = _cells_by_id(nbformat.read(released, as_version=4))
    mine = _cells_by_id(nb)
    problems: list[str] = []
    for grade_id, cells in original.items():
        source = cells[0]
        meta = source.metadata["nbgrader"]
        graded = meta.get("grade") or meta.get("solution")
        copies = mine.get(grade_id, [])
        if not copies:
            if graded:
                problems.append(f"xóa ô {grade_id}")
            continue
        if len(copies) > 1:
            problems.append(f"nhân đôi ô {grade_id}")
        cell = copies[0]
        if cell.cell_type != source.cell_type:
            problems.append(f"đổi loại ô {grade_id} thành {cell.cell_type}")
        elif meta.get("locked") and cell.source.strip() != source.source.strip():
            problems.append(f"sửa ô bị khóa {grade_id}")
    return ("tampered", problems) if problems else (None, [])


def repair_duplicates(course: Course, assignment: str, trainee: str, submitted: Path) -> bool:
    """A graded cell copied by the trainee: nbgrader 0.9.6 would fail the whole notebook
    (its DeduplicateIds empties the copies' nbgrader metadata, then OverwriteCells looks up
    their grade_id: KeyError). Like DeduplicateIds, the last copy keeps the grade id; the
    others become ordinary cells. The file as sent is kept under var/nbgrader/originals/."""
    nb = nbformat.read(submitted, as_version=4)
    seen: set[str] = set()
    changed = False
    for cell in reversed(nb.cells):
        grade_id = (cell.get("metadata", {}).get("nbgrader") or {}).get("grade_id")
        if not grade_id:
            continue
        if grade_id in seen:
            del cell.metadata["nbgrader"]
            changed = True
        else:
            seen.add(grade_id)
    if changed:
        keep = course.var / "originals" / assignment / trainee / submitted.name
        keep.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(submitted, keep)
        nbformat.write(nb, submitted)
    return changed


def _cut_outputs(path: Path) -> bool:
    """Shrink oversized outputs of an autograded notebook (so feedback stays readable)."""
    if path.stat().st_size <= HUGE_BYTES:
        return False
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            if "text" in out and len(out.text) > OUTPUT_KEEP:
                out.text = out.text[:OUTPUT_KEEP] + "\n… (đã cắt bớt: kết quả in ra quá dài)"
            for key, value in list(out.get("data", {}).items()):
                if isinstance(value, str) and len(value) > OUTPUT_KEEP:
                    out.data[key] = value[:OUTPUT_KEEP] + "\n… (đã cắt bớt)"
    nbformat.write(nb, path)
    return True


def _timeouts(outcome_nb: Path) -> int:
    nb = nbformat.read(outcome_nb, as_version=4)
    return sum(1 for cell in nb.cells for out in cell.get("outputs", [])
               if out.get("output_type") == "error" and out.get("ename") == "CellTimeoutError")


def _forkserver():
    """Processes forked from a server that has nbgrader imported already: importing nbgrader
    costs seconds of CPU, which `nbgrader autograde` pays once per run and a process per
    submission would pay once per submission."""
    import multiprocessing

    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(["tdp.grading._nbgrader_child"])
    return ctx


def _start_forkserver() -> None:
    """Start the fork server now: its imports run on one core while this process reads the
    class list and the gradebook on the other."""
    from multiprocessing import forkserver

    _forkserver()
    forkserver.ensure_running()


def _run_one(course: Course, assignment: str, trainee: str, limit: float,
             cage: Cage | None = None) -> tuple[int, str]:
    """`nbgrader autograde ASSIGNMENT --student TRAINEE` in a process of its own (its own
    session: a kill takes it down whatever it is doing), its kernel in `cage`; exit code
    and log."""
    from tdp.grading import _nbgrader_child

    logs = course.var / "logs" / assignment
    logs.mkdir(parents=True, exist_ok=True)
    log_path = logs / f"{trainee}.log"
    argv = ["autograde", assignment, "--student", trainee, "--force", *course.argv()]
    proc = _forkserver().Process(target=_nbgrader_child.run, daemon=False,
                                 args=(argv, str(course.root), str(log_path), dict(os.environ),
                                       cage.to_json() if cage else None))
    proc.start()
    proc.join(limit)
    if proc.exitcode is None:
        try:
            os.killpg(proc.pid, signal.SIGKILL)  # the run and whatever it started
        except ProcessLookupError:  # not yet in a session of its own
            proc.kill()
        proc.join()
        rc = -9
    else:
        rc = proc.exitcode
    if cage is not None:
        sandbox.kill_all(sandbox.uid_for(proc.pid))  # what a killed kernel left behind
    proc.close()
    try:
        log = log_path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        log = ""
    return rc, log


def grade_one(course: Course, assignment: str, notebook: str, trainee: str, name: str,
              limit: float, cage: Cage | None = None) -> Outcome:
    start = time.monotonic()
    outcome = Outcome(trainee, name)
    submitted = course.submitted / trainee / assignment / f"{notebook}.ipynb"
    released = course.exercises / assignment / f"{notebook}.ipynb"
    status, reasons = inspect(released, submitted) if submitted.is_file() else (
        "not_notebook", [f"không có tệp {notebook}.ipynb"])
    outcome.reasons = reasons
    if status == "not_notebook":
        outcome.status = status
        outcome.seconds = time.monotonic() - start
        return outcome
    if status == "tampered" and repair_duplicates(course, assignment, trainee, submitted):
        outcome.reasons.append("bản gốc giữ trong originals/, các ô nhân đôi chấm như ô thường")
    rc, log = _run_one(course, assignment, trainee, limit, cage)
    if rc == 0 and "database is locked" in log:
        rc, log = _run_one(course, assignment, trainee, limit, cage)
    graded = course.autograded / trainee / assignment / f"{notebook}.ipynb"
    if rc == -9:
        outcome.status = "timed_out"
        outcome.reasons.append(f"chấm quá {int(limit)} giây, đã dừng (vòng lặp không dừng?)")
    elif rc != 0 or not graded.is_file():
        dead = any(s in log for s in ("DeadKernelError", "Kernel died", "kernel died"))
        outcome.status = "crashed" if dead else ("tampered" if status == "tampered" else "error")
        outcome.reasons.append("chương trình của bài làm tự thoát hoặc làm hỏng trình chạy"
                               if dead else _last_error(log))
    else:
        if _cut_outputs(graded):
            outcome.status = "huge_output"
            outcome.reasons.append("kết quả in ra quá lớn, đã cắt bớt")
        n = _timeouts(graded)
        if n:
            outcome.status = "timed_out"
            outcome.reasons.append(f"{n} ô chạy quá {course.timeout or 'thời hạn'} giây")
        if status == "tampered" and outcome.status == "ok":
            outcome.status = "tampered"
        if status == "tampered":
            outcome.reasons.append("nbgrader đã khôi phục các ô gốc khi chấm")
    outcome.seconds = time.monotonic() - start
    return outcome


def _last_error(log: str) -> str:
    lines = [ln.strip() for ln in log.splitlines() if ln.strip()]
    errors = [ln for ln in lines if "[ERROR]" in ln or "Error" in ln]
    return (errors[-1] if errors else (lines[-1] if lines else "nbgrader dừng"))[:200]


def _read_scores(course: Course, assignment: str, outcomes: list[Outcome]) -> None:
    from nbgrader.api import Gradebook, MissingEntry

    with Gradebook(course.db_url) as gb:
        max_auto = sum(c.max_score for nb in gb.find_assignment(assignment).notebooks
                       for c in nb.grade_cells if c.cell_type == "code")
        max_total = gb.find_assignment(assignment).max_score
        for o in outcomes:
            o.max_score, o.max_auto_score = max_total, max_auto
            if o.status in ("not_notebook", "crashed", "error"):
                continue
            try:
                sub = gb.find_submission(assignment, o.trainee)
            except MissingEntry:
                continue
            o.score = float(sub.score or 0)
            o.auto_score = float(sub.code_score or 0)
            o.needs_manual = bool(sub.needs_manual_grade)


def _register(course: Course, assignment: str, trainees: dict[str, str]) -> None:
    from nbgrader.api import Gradebook, MissingEntry

    with Gradebook(course.db_url) as gb:
        try:
            gb.find_assignment(assignment)
        except MissingEntry:
            gb.add_assignment(assignment)
        for trainee, name in trainees.items():
            parts = name.rsplit(" ", 1)
            last, first = (parts[0], parts[1]) if len(parts) == 2 else ("", name)
            gb.update_or_create_student(trainee, first_name=first, last_name=last)


def report_path(course: Course, assignment: str) -> Path:
    return course.var / "reports" / f"{assignment}.json"


def autograde(course: Course, assignment: str, workers: int | None = None,
              progress: bool = True, only: list[str] | None = None, isolate: bool = True,
              limits: Limits | None = None, names: dict[str, str] | None = None,
              hidden: tuple[Path, ...] = ()) -> list[Outcome]:
    """Grade every collected submission of `assignment`; `isolate`: each kernel in a
    `sandbox.Cage` (refused with SandboxUnavailable where none can be set up) that also
    hides `hidden`. `names`: trainee id → name, when the class list is not the course's
    CSV (a hub class's accounts)."""
    from tqdm import tqdm

    check_isolation(isolate)
    course.var.mkdir(parents=True, exist_ok=True)  # a fresh checkout: no gradebook yet
    ensure_tools_on_path()
    _start_forkserver()
    (notebook,) = course.notebooks(assignment)
    if not (course.exercises / assignment / f"{notebook}.ipynb").is_file():
        from tdp.grading.release import release

        release(course, [assignment])
    names = names if names is not None else course.trainee_names()
    trainees = sorted(p.parent.name for p in course.submitted.glob(f"*/{assignment}")
                      if p.is_dir() and (only is None or p.parent.name in only))
    ensure_registered(course, assignment)
    _register(course, assignment, {t: names.get(t, t) for t in trainees})
    timeout = course.timeout or 60
    limit = max(120.0, timeout * 4 + 60.0)
    cage = None
    if isolate:
        prepare_exercises(course, assignment)
        cage = cage_for(course, limit, limits, hidden)
    # one more run than cores: while a run waits on its kernel, another one uses the core
    workers = workers or (os.cpu_count() or 1) + 1
    outcomes: list[Outcome] = []
    with ThreadPoolExecutor(max_workers=workers) as pool, tqdm(
            total=len(trainees), desc=f"Chấm {assignment}", unit="bài", disable=not progress,
            file=sys.stderr) as bar:
        futures = {pool.submit(grade_one, course, assignment, notebook, t, names.get(t, t),
                               limit, cage): t for t in trainees}
        for future in as_completed(futures):
            try:
                outcomes.append(future.result())
            except Exception as exc:  # noqa: BLE001 - one bad submission never stops the class
                t = futures[future]
                outcomes.append(Outcome(t, names.get(t, t), "error", [repr(exc)[:200]]))
            bar.update(1)
    outcomes.sort(key=lambda o: o.trainee)
    _read_scores(course, assignment, outcomes)
    path = report_path(course, assignment)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps([asdict(o) for o in outcomes], ensure_ascii=False, indent=1),
                    encoding="utf-8")
    return outcomes


def load_report(course: Course, assignment: str) -> list[Outcome]:
    path = report_path(course, assignment)
    if not path.is_file():
        return []
    return [Outcome(**row) for row in json.loads(path.read_text(encoding="utf-8"))]


def format_table(outcomes: list[Outcome]) -> str:
    rows = [("Học viên", "Điểm", "Trạng thái", "Lý do")]
    for o in outcomes:
        score = f"{o.auto_score:g}/{o.max_auto_score:g}"
        rows.append((o.name, score, o.label, o.reason))
    widths = [max(len(r[i]) for r in rows) for i in range(3)]
    lines = ["  ".join(r[i].ljust(widths[i]) for i in range(3)) + "  " + r[3] for r in rows]
    lines.insert(1, "-" * min(100, sum(widths) + 20))
    counts = Counter(o.label for o in outcomes)
    lines.append("")
    lines.append("Tổng: " + ", ".join(f"{n} {label}" for label, n in counts.items())
                 + ". Điểm: phần chấm tự động; câu tự luận chấm tay trong formgrader.")
    return "\n".join(lines)
