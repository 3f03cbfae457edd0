"""What a forked copy of a warmed Python process does to become an ipykernel.

Two places fork kernels instead of starting them anew, to skip importing ipykernel, IPython
and the engine again for each one: grading (`tdp.grading.prefork`, forked from the grading
process) and the app (`tdp.app.zygote`, forked from a separate warmed process). Both end the
same way, written here once: the copy takes the environment, folder and command line a
`python -m ipykernel_launcher ARGV` would have and runs ipykernel in it.
"""

from __future__ import annotations

import contextlib
import functools
import importlib.util
import json
import os
import signal
import subprocess
import sys


@functools.lru_cache(maxsize=1)
def fresh_sys_path() -> tuple[str, ...]:
    """sys.path of a new interpreter without its script's folder, which is what
    `python -m ipykernel_launcher` keeps (a warmed process's own sys.path[0] is its script's).
    Call it before forking, so that the copies inherit it."""
    out = subprocess.run([sys.executable, "-c", "import sys, json; print(json.dumps(sys.path))"],
                         capture_output=True, text=True, check=True).stdout
    return tuple(json.loads(out)[1:])


def reseed_after_fork() -> None:
    """Copies must not share random state: `random` reseeds itself at fork, numpy does not."""
    numpy = sys.modules.get("numpy")
    if numpy is not None:
        numpy.random.seed()


def run_ipykernel(argv: list[str], env: dict[str, str], parent: int = 0) -> int:
    """In the forked copy (already in its folder): become the kernel `argv` with `env`.
    Returns the exit code; the caller ends the process with `os._exit` and never goes back
    into the code it was forked from. `parent`: the process the kernel belongs to — ipykernel
    read JPY_PARENT_PID when it was imported, before the fork, and without one it prints
    "Ctrl-C will not work …" into `tdp app`'s window."""
    code = 1
    try:
        os.environ.clear()
        os.environ.update(env)
        sys.path[:] = fresh_sys_path()
        reseed_after_fork()
        launcher = importlib.util.find_spec("ipykernel_launcher")
        sys.argv = [launcher.origin if launcher and launcher.origin else "", *argv]
        from ipykernel.kernelapp import IPKernelApp

        app = IPKernelApp.instance()  # what IPKernelApp.launch_instance does, and in between
        if parent:
            app.parent_handle = parent
        app.initialize(argv)
        _as_if_imported_in_the_kernel()
        app.start()
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    except BaseException:  # noqa: BLE001 - a kernel that cannot start says why on stderr
        import traceback

        traceback.print_exc()
    finally:
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(Exception):  # exiting regardless
                stream.flush()
    return code


def _as_if_imported_in_the_kernel() -> None:
    """Modules imported before the kernel existed missed what they do when imported in one:
    ipywidgets registers its comm targets then (without them the widget manager's control
    comm, "send me every widget's state", gets no answer)."""
    widgets = sys.modules.get("ipywidgets")
    if widgets is not None:
        widgets.register_comm_target()


def ipykernel_argv(cmd: list[str]) -> list[str] | None:
    """The arguments after `python -m ipykernel_launcher`, if `cmd` runs this interpreter
    (jupyter_client has already put `sys.executable` for the kernelspec's "python")."""
    if len(cmd) < 3 or cmd[1:3] != ["-m", "ipykernel_launcher"]:
        return None
    if os.path.abspath(cmd[0]) != os.path.abspath(sys.executable):
        return None  # another interpreter or venv (symlinks not followed: venvs share one)
    return cmd[3:]


class KernelProcess:
    """A forked kernel as jupyter_client's LocalProvisioner sees it: the `subprocess.Popen`
    methods it calls. Subclasses say how its end is learnt (`poll`, `wait`)."""

    stdin = stdout = stderr = None
    pid: int
    returncode: int | None = None

    def poll(self) -> int | None:
        raise NotImplementedError

    def wait(self, timeout: float | None = None) -> int:
        raise NotImplementedError

    def send_signal(self, signum: int) -> None:
        if self.poll() is None:
            os.kill(self.pid, signum)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)
