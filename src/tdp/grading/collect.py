"""`tdp grade collect`: files as trainees send them (Zalo, USB) into nbgrader's submitted/.

`bai1_Nguyễn Văn An.ipynb` (either Unicode normalisation, any case, Zalo's " (1)" copies)
goes to submitted/<trainee id>/bai1/bai1.ipynb. A newer file for the same trainee replaces an
older one; the replaced file is kept under var/nbgrader/replaced/. Nothing is deleted.
"""

from __future__ import annotations

import contextlib
import re
import shutil
import tempfile
import zipfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from tdp.errors import InputError
from tdp.grading.course import (
    Course,
    Trainee,
    find_trainee,
    new_trainee,
    read_trainees,
    write_trainees,
)
from tdp.text import clean, nfc

_COPY_SUFFIX = re.compile(r"\s*[\(\[]\d+[\)\]]\s*$")  # "… (1)" added by Zalo / browsers


@dataclass
class CollectReport:
    collected: list[tuple[str, str, str]] = field(default_factory=list)  # id, name, file
    new_trainees: list[str] = field(default_factory=list)
    unmatched: list[tuple[str, str]] = field(default_factory=list)  # file, why
    kept_older: list[tuple[str, str]] = field(default_factory=list)  # file, why


def _name_from(filename: str, assignment: str) -> str | None:
    stem = nfc(Path(filename).name)
    if not stem.lower().endswith(".ipynb"):
        return None
    stem = _COPY_SUFFIX.sub("", stem[: -len(".ipynb")])
    m = re.match(rf"^\s*{re.escape(assignment)}\s*[_\-\s]+(.+)$", stem, flags=re.IGNORECASE)
    if not m:
        return None
    name = clean(m.group(1).replace("_", " "))
    return name or None


def _incoming(path: Path, scratch: Path) -> list[tuple[Path, float, str]]:
    """(file, modification time, name as sent) of every file in a folder or a .zip."""
    if path.is_dir():
        return [(p, p.stat().st_mtime, str(p.relative_to(path))) for p in sorted(path.rglob("*"))
                if p.is_file() and not p.name.startswith(".")]
    if path.is_file() and zipfile.is_zipfile(path):
        out = []
        with zipfile.ZipFile(path) as archive:
            for i, info in enumerate(archive.infolist()):
                if info.is_dir() or Path(info.filename).name.startswith((".", "__MACOSX")):
                    continue
                name = info.filename
                if not info.flag_bits & 0x800:  # not marked UTF-8: zip tools often use cp437
                    with contextlib.suppress(UnicodeEncodeError, UnicodeDecodeError):
                        name = name.encode("cp437").decode("utf-8")
                target = scratch / f"{i:05d}" / Path(name).name
                target.parent.mkdir(parents=True)
                with archive.open(info) as src, target.open("wb") as dst:
                    shutil.copyfileobj(src, dst)
                out.append((target, datetime(*info.date_time).timestamp(), name))
        return out
    raise InputError(f"'{path}' không phải thư mục hay tệp .zip")


def place_submission(course: Course, trainee_id: str, assignment: str, notebook: str,
                     source: Path | bytes, at: datetime) -> Path:
    """Put a trainee's notebook where `nbgrader collect` puts it (submitted/<id>/<bai>/ with
    timestamp.txt). An older submission is moved to var/nbgrader/replaced/, never deleted."""
    folder = course.submitted / trainee_id / assignment
    dest = folder / f"{notebook}.ipynb"
    if dest.exists():
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
        keep = course.var / "replaced" / assignment / trainee_id / f"{stamp}.ipynb"
        keep.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(str(dest), keep)
    folder.mkdir(parents=True, exist_ok=True)
    if isinstance(source, bytes):
        tmp = dest.with_suffix(".tmp")
        tmp.write_bytes(source)
        tmp.replace(dest)
    else:
        shutil.copy2(source, dest)
    (folder / "timestamp.txt").write_text(at.strftime("%Y-%m-%d %H:%M:%S.%f"),
                                          encoding="utf-8")
    return dest


def collect(course: Course, assignment: str, source: Path) -> CollectReport:
    notebooks = course.notebooks(assignment)
    if len(notebooks) != 1:
        raise InputError(f"Bài {assignment} có {len(notebooks)} notebook: "
                         "chỉ hỗ trợ bài một notebook")
    notebook = notebooks[0]
    report = CollectReport()
    trainees = read_trainees(course.trainees_csv)
    with tempfile.TemporaryDirectory(prefix="tdp-collect-") as tmp:
        files = _incoming(Path(source), Path(tmp))
        # newest first, so that an older copy of the same trainee loses
        best: dict[str, tuple[Path, float, str, Trainee]] = {}
        for path, mtime, shown in files:
            name = _name_from(Path(shown).name, assignment)
            if name is None:
                report.unmatched.append((shown, f"tên tệp không theo mẫu "
                                                f"'{assignment}_Họ và tên.ipynb'"))
                continue
            trainee = find_trainee(trainees, name)
            if trainee is None:
                trainee = new_trainee(trainees, name)
                trainees.append(trainee)
                report.new_trainees.append(trainee.name)
            current = best.get(trainee.id)
            if current is None or mtime > current[1]:
                if current is not None:
                    report.kept_older.append((current[2], f"có tệp mới hơn: {shown}"))
                best[trainee.id] = (path, mtime, shown, trainee)
            else:
                report.kept_older.append((shown, f"có tệp mới hơn: {current[2]}"))
        for trainee_id, (path, mtime, shown, trainee) in sorted(best.items()):
            dest_dir = course.submitted / trainee_id / assignment
            dest = dest_dir / f"{notebook}.ipynb"
            if dest.exists() and dest.stat().st_mtime > mtime:
                report.kept_older.append((shown, "bài đã thu trước đó mới hơn"))
                continue
            place_submission(course, trainee_id, assignment, notebook, path,
                             datetime.fromtimestamp(mtime))
            report.collected.append((trainee_id, trainee.name, shown))
    if report.new_trainees:
        write_trainees(course.trainees_csv, trainees)
    return report
