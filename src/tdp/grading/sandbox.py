"""The cage each submission's kernel runs in during `tdp grade autograde`.

nbgrader runs a trainee's notebook with the grader's own rights (it has no sandbox, #483): a
submission could read the store's training passwords, the gradebook, the other trainees'
work, reach the network or fork until the laptop stops. Before the kernel runs a cell, the
process that becomes it (forked from the warm grading process, see `prefork`, or started
through `python -m tdp.grading.sandbox`) enters the cage with the kernel's own namespaces:

- a private mount namespace: `var/` (the store, the gradebook, every submission), the course
  state folder, the solutions, `/run` (database sockets), `/tmp` and the home folders are
  replaced by empty folders; the interpreter, this package and the catalog are put back
  where they lie under those, then the kernel's own submission folder and its connection
  folder; `/proc` shows only its own processes;
- a network namespace with no interface up: no network, not even 127.0.0.1 (the kernel
  talks to nbgrader over Unix sockets in its connection folder);
- an unprivileged user of its own (100000 + the grading process's pid: two kernels never
  share one), no supplementary groups, `no_new_privs` (no setuid program gives root back);
- limits on memory, processes, file size, open files and CPU time.

The exercises' own store (`bai_tap.sqlite`) and their sample-person cache are copied into the
kernel's private `/tmp`, so a submission can change nothing another one reads.

Linux only, and only as root (what sets the namespaces up); `available()` says why not.
These are the system calls bubblewrap makes, made here by the process itself: a forked kernel
cannot exec into `bwrap` without losing the warm fork it exists for.
"""

from __future__ import annotations

import contextlib
import ctypes
import json
import os
import resource
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path

UID_BASE = 100_000
BOX_ROOT = Path(tempfile.gettempdir()) / "tdp-sandbox"
PRIVATE_VAR = "/tmp/tdp-var"  # the kernel's TDP_VAR_DIR, inside its own /tmp
SYSTEM_HIDDEN = ("/run", "/var/run", "/var/tmp", "/dev/shm",  # sockets of databases, daemons
                 "/home", "/root", "/mnt", "/media")  # people's own files
KEPT_ENV = ("PATH", "LANG", "LANGUAGE", "TZ", "TERM", "TDP_ROOT", "TDP_COURSE_DIR",
            "JPY_PARENT_PID", "JPY_SESSION_NAME", "PYTHONHASHSEED", "PYTHONIOENCODING")

_CLONE_NEWNS, _CLONE_NEWNET, _CLONE_NEWIPC, _CLONE_NEWUTS = (
    0x00020000, 0x40000000, 0x08000000, 0x04000000)
_MS_NOSUID, _MS_NODEV, _MS_BIND, _MS_REC, _MS_PRIVATE = 2, 4, 4096, 16384, 1 << 18
_PR_SET_NO_NEW_PRIVS = 38


class SandboxError(OSError):
    """The cage could not be set up (not root, no namespaces, ...)."""


@dataclass(frozen=True)
class Limits:
    """What one submission's kernel may use (configurable per course, see `Course`)."""

    memory_bytes: int = 4 * 2**30  # address space: ipykernel with the engine needs ~1 GB
    processes: int = 64  # processes and threads of its user (ipykernel runs ~8 threads)
    file_bytes: int = 64 * 2**20  # largest file it may write
    open_files: int = 256
    cpu_seconds: int = 300
    tmp_bytes: int = 256 * 2**20  # its private /tmp (in memory)


@dataclass
class Cage:
    """Everything the kernel's process needs to lock itself in (sent as JSON)."""

    uid: int
    cwd: str
    keep: list[str] = field(default_factory=list)  # its own folders, put back at the end
    reveal: list[str] = field(default_factory=list)  # what Python needs, under SYSTEM_HIDDEN
    hide: list[str] = field(default_factory=list)  # folders emptied, files blanked
    copies: list[tuple[str, str]] = field(default_factory=list)  # (file, name in PRIVATE_VAR)
    limits: Limits = field(default_factory=Limits)

    def to_json(self) -> str:
        return json.dumps(asdict(self))

    @classmethod
    def from_json(cls, text: str) -> Cage:
        data = json.loads(text)
        return cls(**(data | {"limits": Limits(**data["limits"]),
                              "copies": [tuple(c) for c in data["copies"]]}))


def python_folders() -> list[str]:
    """What the kernel's Python needs to see wherever it is installed (a venv in a home
    folder, pyenv under /root): the interpreter, its standard library, this package."""
    package = Path(__file__).resolve().parents[2]  # src/ (editable) or site-packages
    return sorted({sys.prefix, sys.base_prefix, sys.exec_prefix, str(package)})


def uid_for(grading_pid: int) -> int:
    """The kernel's user: unique among the grading processes alive at the same time."""
    return UID_BASE + grading_pid


# --- in the kernel's process, before it runs anything of the trainee's ---------------------


def _libc():
    return ctypes.CDLL(None, use_errno=True)


def _check(result: int, what: str) -> None:
    if result != 0:
        errno = ctypes.get_errno()
        raise SandboxError(errno, f"{what}: {os.strerror(errno)}")


def _mount(source: str | None, target: str, fstype: str | None, flags: int,
           data: str | None = None) -> None:
    libc = _libc()
    _check(libc.mount(source and source.encode(), target.encode(), fstype and fstype.encode(),
                      ctypes.c_ulong(flags), data and data.encode()), f"mount {target}")


def enter(cage: Cage) -> None:
    """Lock this (single-threaded, root) process in `cage`, as the user `cage.uid`."""
    # nothing inherited from the grading process beyond stdin/out/err (its log)
    os.closerange(3, resource.getrlimit(resource.RLIMIT_NOFILE)[0])
    libc = _libc()
    _check(libc.unshare(_CLONE_NEWNS | _CLONE_NEWNET | _CLONE_NEWIPC | _CLONE_NEWUTS),
           "unshare")
    _mount(None, "/", None, _MS_REC | _MS_PRIVATE)  # nothing below leaks out, or in
    keep, reveal = _open_folders(cage.keep), _open_folders(cage.reveal)
    copies = [(name, os.open(p, os.O_RDONLY)) for p, name in cage.copies if os.path.isfile(p)]
    _mount("tmpfs", "/tmp", "tmpfs", _MS_NOSUID | _MS_NODEV,
           f"size={cage.limits.tmp_bytes},mode=1777")
    os.makedirs(PRIVATE_VAR, mode=0o700)
    for name, fd in copies:
        with os.fdopen(fd, "rb") as src, open(f"{PRIVATE_VAR}/{name}", "wb") as dst:
            shutil.copyfileobj(src, dst)
        os.chown(f"{PRIVATE_VAR}/{name}", cage.uid, cage.uid)
    os.chown(PRIVATE_VAR, cage.uid, cage.uid)
    _hide(SYSTEM_HIDDEN)
    _put_back(reveal)  # the interpreter, the package, the catalog
    _hide(cage.hide)  # then what is secret inside them
    _put_back(keep)
    _mount("proc", "/proc", "proc", _MS_NOSUID | _MS_NODEV, "hidepid=2")
    os.chdir(cage.cwd)
    _limit(cage.limits)
    _check(libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0), "prctl")
    os.setgroups([])
    os.setresgid(cage.uid, cage.uid, cage.uid)
    os.setresuid(cage.uid, cage.uid, cage.uid)


def _open_folders(paths: list[str]) -> list[tuple[str, int]]:
    """Handles on folders (opened inside the new namespace, before anything is hidden)."""
    return [(p, os.open(p, os.O_PATH | os.O_DIRECTORY)) for p in paths if os.path.isdir(p)]


def _hide(paths) -> None:  # noqa: ANN001 - any iterable of paths
    for path in sorted(set(paths), key=len):
        if os.path.islink(path) or not os.path.exists(path):
            continue  # a link to a hidden folder, or inside one already emptied
        if os.path.isdir(path):
            _mount("tmpfs", path, "tmpfs", _MS_NOSUID | _MS_NODEV, "size=1m,mode=755")
        else:
            _mount("/dev/null", path, None, _MS_BIND)


def _put_back(folders: list[tuple[str, int]]) -> None:
    """Bind each folder (by its handle) back at its path, if hiding took it away."""
    for path, fd in folders:
        want = os.fstat(fd)
        try:
            now = os.stat(path)
            same = (now.st_dev, now.st_ino) == (want.st_dev, want.st_ino)
        except FileNotFoundError:
            same = False
        if not same:
            os.makedirs(path, exist_ok=True)
            _mount(f"/proc/self/fd/{fd}", path, None, _MS_BIND | _MS_REC)
        os.close(fd)


def _limit(limits: Limits) -> None:
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a too-big write fails, the kernel lives
    for kind, value in ((resource.RLIMIT_AS, limits.memory_bytes),
                        (resource.RLIMIT_NPROC, limits.processes),
                        (resource.RLIMIT_FSIZE, limits.file_bytes),
                        (resource.RLIMIT_NOFILE, limits.open_files),
                        (resource.RLIMIT_CORE, 0)):
        resource.setrlimit(kind, (value, value))
    resource.setrlimit(resource.RLIMIT_CPU, (limits.cpu_seconds, limits.cpu_seconds + 5))


def kernel_env(env: dict[str, str]) -> dict[str, str]:
    """The kernel's environment: none of the grader's secrets (database URLs, tokens)."""
    kept = {k: v for k, v in env.items() if k in KEPT_ENV or k.startswith("LC_")}
    return kept | {"HOME": "/tmp", "TMPDIR": "/tmp", "TDP_VAR_DIR": PRIVATE_VAR,
                   "MPLCONFIGDIR": "/tmp/.matplotlib", "IPYTHONDIR": "/tmp/.ipython"}


# --- in the grading process -------------------------------------------------------------------


def make_box(uid: int) -> Path:
    """A folder only `uid` (and root) can enter: the kernel's connection file and sockets."""
    BOX_ROOT.mkdir(mode=0o711, exist_ok=True)
    info = BOX_ROOT.lstat()  # in a shared /tmp: refuse a folder someone else prepared
    if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.geteuid() or info.st_mode & 0o022:
        raise SandboxError(f"{BOX_ROOT} không thuộc về máy chấm: xóa thư mục đó rồi chạy lại")
    box = Path(tempfile.mkdtemp(prefix=f"{uid}-", dir=BOX_ROOT))
    os.chown(box, uid, uid)
    return box


def kill_all(uid: int) -> None:
    """Kill every process of a kernel's user (what a fork bomb or a daemon left behind)."""
    code = (f"import os\nos.setgroups([]); os.setresgid({uid}, {uid}, {uid}); "
            f"os.setresuid({uid}, {uid}, {uid})\ntry:\n    os.kill(-1, 9)\n"
            "except ProcessLookupError:\n    pass\n")
    with contextlib.suppress(OSError, subprocess.SubprocessError):
        subprocess.run([sys.executable, "-I", "-S", "-c", code], timeout=30, check=False,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def available() -> str | None:
    """None if a kernel can be caged here; otherwise why not (Vietnamese, for the trainer)."""
    if not sys.platform.startswith("linux"):
        return "chỉ chạy được trên Linux"
    if os.geteuid() != 0:
        return "cần chạy với quyền root (sudo) để dựng vùng cô lập"
    probe = ("import sys\nfrom tdp.grading.sandbox import Cage, enter\n"
             "from tdp.grading.sandbox import python_folders\n"
             "enter(Cage(uid=99999, cwd='/', reveal=python_folders()))\n"
             "import socket\ntry:\n    socket.create_connection(('127.0.0.1', 9), 1)\n"
             "except OSError:\n    pass\nelse:\n    sys.exit(3)\n")
    try:
        run = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                             timeout=60, check=False)
    except (OSError, subprocess.SubprocessError) as exc:
        return f"không thử được ({exc})"
    if run.returncode != 0:
        last = (run.stderr.strip().splitlines() or ["?"])[-1][:160]
        return f"hệ thống không cho dựng vùng cô lập ({last})"
    return None


def main(argv: list[str]) -> None:
    """`python -m tdp.grading.sandbox CAGE_JSON -- COMMAND...`: a kernel started the usual
    way (not forked) enters the same cage, then becomes COMMAND."""
    cage = Cage.from_json(argv[0])
    command = argv[argv.index("--") + 1:]
    enter(cage)
    os.execve(command[0], command, kernel_env(dict(os.environ)))


if __name__ == "__main__":
    main(sys.argv[1:])
