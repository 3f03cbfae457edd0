"""One `nbgrader autograde` run inside a process forked by `tdp.grading.autograde`'s fork
server. Importing this module imports nbgrader (the fork server does it once)."""

from __future__ import annotations

import os
import sys

import nbgrader.apps.nbgraderapp  # noqa: F401 - preloaded by the fork server


def run(argv: list[str], cwd: str, log_path: str, env: dict[str, str]) -> None:
    """Run `nbgrader ARGV` in `cwd` with `env`, its output to `log_path`; exits with
    nbgrader's exit code."""
    os.setsid()  # a kill of this process group stops this run, and only this run
    os.environ.clear()
    os.environ.update(env)  # the fork server's environment is the one it started with
    os.chdir(cwd)
    fd = os.open(log_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    os.dup2(fd, 1)
    os.dup2(fd, 2)
    os.close(fd)
    sys.stdout = open(1, "w", encoding="utf-8", errors="replace", buffering=1, closefd=False)  # noqa: SIM115
    sys.stderr = open(2, "w", encoding="utf-8", errors="replace", buffering=1, closefd=False)  # noqa: SIM115
    from nbgrader.apps.nbgraderapp import NbGraderApp

    try:
        NbGraderApp.launch_instance(argv=argv)
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    except BaseException as exc:  # noqa: BLE001 - reported through the log and exit code
        print(f"{type(exc).__name__}: {exc}", file=sys.stderr)
        code = 1
    else:
        code = 0
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
