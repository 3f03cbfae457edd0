"""`tdp grade collect`: files as trainees send them (Zalo, USB) into nbgrader's submitted/.

`bai1_Nguyễn Văn An.ipynb` (either Unicode normalisation, any case, Zalo's " (1)" copies)
goes to submitted/<trainee id>/bai1/bai1.ipynb. A newer file for the same trainee replaces an
older one; the replaced file is kept under var/nbgrader/replaced/. Nothing is deleted.

Whatever the folder or the zip holds, collection finishes for the whole class: each entry
is handled on its own, and one that cannot be taken (damaged, encrypted, too big, a link, a
name that is no name) becomes a row of the report with its reason. Only files whose name
matches are read at all, by streaming, stopping at the size limits (per notebook, per class,
and a compression ratio no notebook reaches), so a zip bomb writes at most a limit's worth.
Symbolic links are never followed. A name not on the class list is proposed, never added:
`tdp class import` is the way in.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import stat
import tempfile
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import IO

from tdp.classlist import Trainee, find_by_name, new_trainee, read_trainees
from tdp.errors import InputError
from tdp.grading.course import Course
from tdp.grading.names import clean_name
from tdp.tables import write_csv
from tdp.text import nfc

_COPY_SUFFIX = re.compile(r"\s*[\(\[]\d+[\)\]]\s*$")  # "… (1)" added by Zalo / browsers
_CHUNK = 1 << 16
_SUPPORTED = {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA}
MB = 1 << 20


@dataclass(frozen=True)
class CollectLimits:
    """How much one class may bring in (`tdp grade collect --toi-da-moi-bai/--toi-da-ca-lop`)."""

    notebook_bytes: int = 20 * MB
    class_bytes: int = 500 * MB
    max_ratio: int = 100  # unpacked / packed: notebooks stay far below, zip bombs far above
    ratio_floor: int = MB  # below this size the ratio does not matter
    max_entries: int = 5000


@dataclass
class CollectReport:
    collected: list[tuple[str, str, str]] = field(default_factory=list)  # id, name, file
    new_trainees: list[str] = field(default_factory=list)  # proposed, not written
    unmatched: list[tuple[str, str]] = field(default_factory=list)  # file, why
    kept_older: list[tuple[str, str]] = field(default_factory=list)  # file, why
    rejected: list[tuple[str, str]] = field(default_factory=list)  # file, why not taken
    notes: list[tuple[str, str]] = field(default_factory=list)  # file, what was assumed
    proposal: Path | None = None  # the new names as a class list for `tdp class import`


class _TooBig(Exception):
    """Streaming stopped at a limit (the reason is the message)."""


@dataclass
class _Budget:
    limits: CollectLimits
    used: int = 0

    def copy(self, src: IO[bytes], dst: Path, packed: int | None) -> None:
        """Stream `src` to `dst`, stopping (and removing `dst`) at the first limit."""
        written = 0
        try:
            with dst.open("wb") as out:
                while chunk := src.read(_CHUNK):
                    written += len(chunk)
                    self._check(written, packed)
                    out.write(chunk)
        except BaseException:
            dst.unlink(missing_ok=True)
            raise
        self.used += written

    def _check(self, written: int, packed: int | None) -> None:
        lim = self.limits
        if written > lim.notebook_bytes:
            raise _TooBig(f"tệp lớn quá {lim.notebook_bytes / MB:g} MB cho một bài")
        if self.used + written > lim.class_bytes:
            raise _TooBig(f"đã vượt {lim.class_bytes / MB:g} MB cho cả lớp")
        if packed is not None and written > lim.ratio_floor and written > lim.max_ratio * max(
                packed, 1):
            raise _TooBig("tỉ lệ nén bất thường (có thể là bom nén)")


def _name_from(filename: str, assignment: str) -> str | None:
    """The name part of `bai1_Họ và tên.ipynb` (not yet cleaned), None if it does not match."""
    stem = nfc(Path(filename).name)
    if not stem.lower().endswith(".ipynb"):
        return None
    stem = _COPY_SUFFIX.sub("", stem[: -len(".ipynb")])
    m = re.match(rf"^\s*{re.escape(assignment)}\s*[_\-\s]+(.+)$", stem, flags=re.IGNORECASE)
    return m.group(1).replace("_", " ") if m else None


@dataclass
class _Incoming:
    path: Path
    mtime: float
    shown: str
    name: str


def _wanted(shown: str, assignment: str, report: CollectReport) -> str | None:
    """The cleaned trainee name of an entry worth reading, else None (and a report row)."""
    raw = _name_from(Path(shown).name, assignment)
    if raw is None:
        report.unmatched.append((shown, f"tên tệp không theo mẫu '{assignment}_Họ và tên.ipynb'"))
        return None
    name, why = clean_name(raw)
    if name is None:
        report.rejected.append((shown, why or "tên không hợp lệ"))
    return name


def _from_folder(folder: Path, assignment: str, scratch: Path, budget: _Budget,
                 report: CollectReport) -> Iterator[_Incoming]:
    n = 0
    for root, dirs, files in os.walk(folder, followlinks=False):
        for d in sorted(dirs):
            if os.path.islink(os.path.join(root, d)):
                report.rejected.append((str(Path(root, d).relative_to(folder)),
                                        "thư mục là liên kết tượng trưng: không theo"))
        dirs[:] = sorted(d for d in dirs if not d.startswith(".")
                         and not os.path.islink(os.path.join(root, d)))
        for fname in sorted(files):
            if fname.startswith("."):
                continue
            path = Path(root, fname)
            shown = str(path.relative_to(folder))
            info = path.lstat()
            if stat.S_ISLNK(info.st_mode):
                report.rejected.append((shown, "liên kết tượng trưng: không theo, không chép"))
                continue
            if not stat.S_ISREG(info.st_mode):
                report.rejected.append((shown, "không phải tệp thường"))
                continue
            name = _wanted(shown, assignment, report)
            if name is None:
                continue
            n += 1
            target = scratch / f"{n:05d}.ipynb"
            try:
                fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
                with os.fdopen(fd, "rb") as src:
                    if not stat.S_ISREG(os.fstat(src.fileno()).st_mode):
                        raise _TooBig("không phải tệp thường")
                    budget.copy(src, target, None)
            except _TooBig as exc:
                report.rejected.append((shown, str(exc)))
                continue
            except OSError as exc:
                report.rejected.append((shown, f"không đọc được ({exc.strerror or exc})"))
                continue
            yield _Incoming(target, info.st_mtime, shown, name)


def _entry_name(info: zipfile.ZipInfo) -> str:
    name = info.filename
    if not info.flag_bits & 0x800:  # not marked UTF-8: zip tools often use cp437
        with contextlib.suppress(UnicodeEncodeError, UnicodeDecodeError):
            name = name.encode("cp437").decode("utf-8")
    return name


def _entry_problem(info: zipfile.ZipInfo, limits: CollectLimits) -> str | None:
    if info.flag_bits & 0x1:
        return "tệp được đặt mật khẩu: gửi lại bản không mật khẩu"
    if info.compress_type not in _SUPPORTED:
        return f"kiểu nén không hỗ trợ (mã {info.compress_type})"
    if stat.S_ISLNK(info.external_attr >> 16):
        return "liên kết tượng trưng: không theo, không chép"
    if info.file_size > limits.notebook_bytes:
        return f"tệp lớn quá {limits.notebook_bytes / MB:g} MB cho một bài"
    return None


def _from_zip(archive_path: Path, assignment: str, scratch: Path, budget: _Budget,
              report: CollectReport) -> Iterator[_Incoming]:
    fallback = archive_path.stat().st_mtime
    try:
        archive = zipfile.ZipFile(archive_path)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise InputError(f"Không mở được tệp nén '{archive_path}' ({exc})") from None
    with archive:
        entries = archive.infolist()
        limit = budget.limits.max_entries
        if len(entries) > limit:
            report.rejected.append((str(archive_path.name),
                                    f"có {len(entries)} mục, chỉ xét {limit} mục đầu"))
        for i, info in enumerate(entries[:limit]):
            shown = _entry_name(info)
            if not shown.strip():
                report.rejected.append((f"(mục thứ {i + 1})", "mục trong tệp nén không có tên"))
                continue
            parts = Path(shown).parts
            if info.is_dir() or not parts or parts[-1].startswith(".") or any(
                    p.startswith("__MACOSX") or (p.startswith(".") and p not in (".", ".."))
                    for p in parts):
                continue  # folders, hidden files, macOS resource forks
            name = _wanted(shown, assignment, report)
            if name is None:
                continue
            why = _entry_problem(info, budget.limits)
            if why is not None:
                report.rejected.append((shown, why))
                continue
            target = scratch / f"{i:05d}.ipynb"
            try:
                with archive.open(info) as src:
                    budget.copy(src, target, info.compress_size)
            except _TooBig as exc:
                report.rejected.append((shown, str(exc)))
                continue
            except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError,
                    NotImplementedError, RuntimeError) as exc:
                detail = "CRC sai" if "CRC" in str(exc) else type(exc).__name__
                report.rejected.append((shown, f"tệp trong zip bị hỏng ({detail})"))
                continue
            try:
                mtime = datetime(*info.date_time).timestamp()
            except (ValueError, OverflowError):
                mtime = fallback
                report.notes.append((shown, "ngày giờ trong tệp nén không hợp lệ: "
                                            "dùng ngày giờ của tệp .zip"))
            yield _Incoming(target, mtime, shown, name)


def _incoming(source: Path, assignment: str, scratch: Path, budget: _Budget,
              report: CollectReport) -> Iterator[_Incoming]:
    if source.is_dir():
        return _from_folder(source, assignment, scratch, budget, report)
    if source.is_file() and zipfile.is_zipfile(source):
        return _from_zip(source, assignment, scratch, budget, report)
    raise InputError(f"'{source}' không phải thư mục hay tệp .zip")


def collect(course: Course, assignment: str, source: Path,
            limits: CollectLimits | None = None) -> CollectReport:
    notebooks = course.notebooks(assignment)
    if len(notebooks) != 1:
        raise InputError(f"Bài {assignment} có {len(notebooks)} notebook: "
                         "chỉ hỗ trợ bài một notebook")
    notebook = notebooks[0]
    report = CollectReport()
    trainees = read_trainees(course.trainees_csv)
    taken = {t.id for t in trainees}
    proposed = [t for t in read_trainees(course.proposal_csv)  # from earlier runs: same ids
                if t.id not in taken and find_by_name(trainees, t.name) is None]
    earlier = len(proposed)
    budget = _Budget(limits or CollectLimits())
    with tempfile.TemporaryDirectory(prefix="tdp-collect-") as tmp:
        # newest first, so that an older copy of the same trainee loses
        best: dict[str, tuple[_Incoming, Trainee]] = {}
        for item in _incoming(Path(source), assignment, Path(tmp), budget, report):
            trainee = find_by_name(trainees, item.name)
            if trainee is None:
                trainee = find_by_name(proposed, item.name)
                if trainee is None:
                    trainee = new_trainee(trainees + proposed, item.name)
                    proposed.append(trainee)
                if trainee.name not in report.new_trainees:
                    report.new_trainees.append(trainee.name)
            current = best.get(trainee.id)
            if current is None or item.mtime > current[0].mtime:
                if current is not None:
                    report.kept_older.append((current[0].shown, f"có tệp mới hơn: {item.shown}"))
                best[trainee.id] = (item, trainee)
            else:
                report.kept_older.append((item.shown, f"có tệp mới hơn: {current[0].shown}"))
        for trainee_id, (item, trainee) in sorted(best.items()):
            _place(course, assignment, notebook, trainee_id, item, report, trainee)
    if len(proposed) > earlier or report.new_trainees:
        report.proposal = course.proposal_csv
        write_csv(report.proposal, ("ma_hoc_vien", "ho_ten"),
                  [(t.id, t.name) for t in proposed], bom=True)
    return report


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


def _place(course: Course, assignment: str, notebook: str, trainee_id: str, item: _Incoming,
           report: CollectReport, trainee: Trainee) -> None:
    dest = course.submitted / trainee_id / assignment / f"{notebook}.ipynb"
    if dest.exists() and dest.stat().st_mtime > item.mtime:
        report.kept_older.append((item.shown, "bài đã thu trước đó mới hơn"))
        return
    dest = place_submission(course, trainee_id, assignment, notebook, item.path,
                            datetime.fromtimestamp(item.mtime))
    os.utime(dest, (item.mtime, item.mtime))  # the time it was sent, not of its extraction
    report.collected.append((trainee_id, trainee.name, item.shown))
