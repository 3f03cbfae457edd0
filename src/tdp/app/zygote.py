"""The zygote: one warmed process that forks each trainee's Voilà kernel.

A kernel started anew is a fresh interpreter that imports ipykernel, IPython, pandas,
ipywidgets and the engine and reads the catalog again: over a second of CPU and tens of MB of
its own for every phone in the hall. The Voilà server cannot fork kernels itself (it has
threads and an event loop), so it runs this module as a separate process (`Zygote` in
`tdp.app.forked_kernels`). The zygote imports all of that once, loads the course, asks the
garbage collector to leave those objects alone (`gc.freeze`, so that copy-on-write keeps the
pages shared), and then forks one kernel per request. Each trainee still has a process of
their own, in a process group of their own, so an interrupt or a kill reaches that kernel
alone.

Protocol, on a Unix socket in a folder only the server's user can enter: the server connects
and sends one JSON line `{"argv", "env", "cwd"}` (what `python -m ipykernel_launcher ARGV`
would get); the zygote answers `{"pid": N}` and keeps the connection open; when the kernel
ends it sends `{"exit": CODE}` and closes it. The request holds ipykernel's command-line
options, never code: what a visitor sends goes to the kernel through the server's guarded
websocket, as before, and nothing reaches the zygote.

The zygote ends with the server (the kernel's parent-death signal, and its parent check), and
when it ends its kernels end too: it stops them, and a kernel whose zygote is gone stops
itself (ipykernel's parent poller).
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import json
import os
import selectors
import signal
import socket
import sys
import time
from typing import Any

STOP_GRACE_S = 5.0  # between SIGTERM and SIGKILL for the kernels still running at the end


# What a course page's kernel imports, by the time its notebook has run: the widgets and the
# course's faces, and what ipykernel itself imports as it starts (its debugger, IPython's
# helpers, the store's SQLite driver). Each one imported here is imported once for all.
WARM_MODULES = (
    "ipykernel.kernelapp", "ipykernel.ipkernel", "ipykernel.debugger", "IPython.core.debugger",
    "IPython.core.completerlib", "IPython.core.oinspect", "IPython.extensions.storemagic",
    "ipywidgets", "pandas", "sqlite3", "sqlalchemy.dialects.sqlite",
    "sqlalchemy.dialects.postgresql", "tornado.platform.asyncio", "faulthandler",
    "encodings.idna", "http.server", "xmlrpc.client", "pydoc",
    "tdp.screens.portal_app", "tdp.screens.practice_app", "tdp.screens.exercise_app",
    "tdp.lessons", "tdp.dashboard",
)


def warm() -> None:
    """Import and load what every course page's kernel needs, once for all of them."""
    import importlib

    from tdp.catalog import load_catalog
    from tdp.kernelfork import fresh_sys_path

    for name in WARM_MODULES:
        with contextlib.suppress(ImportError):  # an optional driver that is not installed
            importlib.import_module(name)
    fresh_sys_path()
    with contextlib.suppress(Exception):  # a course being edited: its kernels will say why
        load_catalog()


def _die_with_parent() -> None:
    """SIGTERM when the server ends, however it ends (Linux's parent-death signal)."""
    parent = os.getppid()
    with contextlib.suppress(Exception):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    if os.getppid() != parent:  # it ended before the signal was armed
        sys.exit(0)


class Zygote:
    """The zygote's loop: accept a request, fork the kernel, report its end."""

    def __init__(self, path: str) -> None:
        self.listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.listener.bind(path)
        self.listener.listen(128)
        self.kernels: dict[int, socket.socket] = {}
        self.selector: selectors.BaseSelector | None = None
        self._wake_r, self._wake_w = os.pipe()
        os.set_blocking(self._wake_r, False)
        os.set_blocking(self._wake_w, False)
        signal.set_wakeup_fd(self._wake_w)
        signal.signal(signal.SIGCHLD, lambda *_: None)  # wakes select through the pipe
        signal.signal(signal.SIGTERM, _exit_on_signal)
        signal.signal(signal.SIGINT, _exit_on_signal)  # Ctrl+C in `tdp app`'s terminal

    def serve(self) -> None:
        self.selector = selector = selectors.DefaultSelector()
        selector.register(self.listener, selectors.EVENT_READ)
        selector.register(self._wake_r, selectors.EVENT_READ)
        try:
            while True:
                for key, _ in selector.select():
                    if key.fileobj is self.listener:
                        self._accept()
                    else:
                        with contextlib.suppress(BlockingIOError):
                            os.read(self._wake_r, 4096)
                        self._reap()
        finally:
            self.stop_all()

    def _accept(self) -> None:
        conn, _ = self.listener.accept()
        try:
            conn.settimeout(10)
            request = _read_request(conn)
            pid = self._fork(conn, request)
            conn.sendall(json.dumps({"pid": pid}).encode() + b"\n")
        except (OSError, ValueError) as exc:
            with contextlib.suppress(OSError):
                conn.sendall(json.dumps({"error": str(exc)}).encode() + b"\n")
            conn.close()
            return
        self.kernels[pid] = conn

    def _fork(self, conn: socket.socket, request: dict[str, Any]) -> int:
        pid = os.fork()
        if pid:
            return pid
        code = 1
        try:  # the kernel: nothing of the zygote's loop stays open in it
            if self.selector is not None:
                self.selector.close()
            self.listener.close()
            conn.close()
            for other in self.kernels.values():
                other.close()
            signal.set_wakeup_fd(-1)
            os.close(self._wake_r)
            os.close(self._wake_w)
            for signum in (signal.SIGCHLD, signal.SIGTERM, signal.SIGINT):
                signal.signal(signum, signal.SIG_DFL)
            os.setsid()  # its own group: signals to the group reach it alone
            _name_process(b"tdp-kernel")
            zygote = os.getppid()
            ctypes.CDLL(None).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG: ends with us
            if os.getppid() != zygote:
                raise SystemExit(1)  # the zygote ended meanwhile
            os.chdir(request["cwd"])
            env = dict(request["env"], JPY_PARENT_PID=str(zygote))
            from tdp.kernelfork import run_ipykernel

            code = run_ipykernel(request["argv"], env, parent=zygote)
        except BaseException:  # noqa: BLE001 - a kernel that cannot start says why
            import traceback

            traceback.print_exc()
        finally:
            os._exit(code)

    def _reap(self) -> None:
        while True:
            try:
                pid, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                return
            if pid == 0:
                return
            conn = self.kernels.pop(pid, None)
            if conn is not None:
                with contextlib.suppress(OSError):
                    code = os.waitstatus_to_exitcode(status)
                    conn.sendall(json.dumps({"exit": code}).encode() + b"\n")
                conn.close()

    def stop_all(self) -> None:
        """End every kernel: SIGTERM to its group, then SIGKILL to what is left."""
        for pid in list(self.kernels):
            with contextlib.suppress(OSError):
                os.killpg(pid, signal.SIGTERM)
        deadline = time.monotonic() + STOP_GRACE_S
        while self.kernels and time.monotonic() < deadline:
            self._reap()
            time.sleep(0.05)  # waiting for the kernels to end, not a measurement
        for pid in list(self.kernels):
            with contextlib.suppress(OSError):
                os.killpg(pid, signal.SIGKILL)
            with contextlib.suppress(ChildProcessError):
                os.waitpid(pid, 0)
            self.kernels.pop(pid).close()


def _name_process(name: bytes) -> None:
    """The name `top` and `ps -o comm` show, so the trainer tells kernels from the zygote."""
    with contextlib.suppress(Exception):
        ctypes.CDLL(None).prctl(15, ctypes.c_char_p(name), 0, 0, 0)  # PR_SET_NAME


def _exit_on_signal(signum: int, _frame: object) -> None:
    raise SystemExit(128 + signum)


def _read_request(conn: socket.socket) -> dict[str, Any]:
    data = b""
    while not data.endswith(b"\n"):
        chunk = conn.recv(65536)
        if not chunk:
            raise ValueError("yêu cầu không trọn vẹn")
        data += chunk
        if len(data) > 1_000_000:
            raise ValueError("yêu cầu quá lớn")
    request = json.loads(data)
    argv, env, cwd = request.get("argv"), request.get("env"), request.get("cwd")
    if not (isinstance(argv, list) and all(isinstance(a, str) for a in argv)):
        raise ValueError("argv không hợp lệ")
    if not (isinstance(env, dict) and all(isinstance(k, str) and isinstance(v, str)
                                          for k, v in env.items())):
        raise ValueError("env không hợp lệ")
    if not (isinstance(cwd, str) and os.path.isdir(cwd)):
        raise ValueError("thư mục không hợp lệ")
    return {"argv": argv, "env": env, "cwd": cwd}


def main(argv: list[str]) -> None:
    """`python -m tdp.app.zygote SOCKET`: warm up, then serve until the server ends."""
    _die_with_parent()
    _name_process(b"tdp-zygote")
    gc.disable()  # no collection while the warm objects are made
    warm()
    zygote = Zygote(argv[0])
    gc.freeze()  # what is warm now is never traversed again: its pages stay shared
    gc.enable()
    with contextlib.suppress(SystemExit):
        zygote.serve()


if __name__ == "__main__":
    main(sys.argv[1:])
