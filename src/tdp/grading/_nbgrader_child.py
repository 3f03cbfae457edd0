"""One `nbgrader autograde` run inside a process forked by `tdp.grading.autograde`'s fork
server. Importing this module imports nbgrader and fills the caches each run would otherwise
fill for itself (the fork server does it once, every forked run inherits them)."""

from __future__ import annotations

import contextlib
import os
import sys
from datetime import date

import nbgrader.apps.nbgraderapp  # noqa: F401 - preloaded by the fork server


def _warm_up() -> None:
    """What a first `nbgrader autograde` does once per process, measured at about 0.3 s of
    CPU: nbformat's compiled schemas, SQLAlchemy's mapper set-up, the kernel spec lookup and
    the modules it imports on the way. Then what each kernel would import and load (see
    `prefork`): ipykernel, the engine, the catalog and the calendar's holidays. Nothing here
    starts a thread, an event loop or a zmq context, which a fork must not inherit."""
    import ipykernel.ipkernel  # noqa: F401 - the kernels' own imports
    import ipykernel.kernelapp  # noqa: F401
    import IPython  # noqa: F401 - imported by the kernel spec lookup
    import nbformat
    import psutil  # noqa: F401 - imported by the kernel launcher
    from jupyter_client.kernelspec import KernelSpecManager
    from jupyter_client.provisioning import KernelProvisionerFactory
    from nbgrader.api import Base
    from sqlalchemy import create_engine
    from sqlalchemy.orm import configure_mappers

    for relaxed in (False, True):  # nbconvert validates with relaxed properties
        nbformat.validator.get_validator(4, nbformat.v4.nbformat_minor, relax_add_props=relaxed)
    configure_mappers()
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    engine.dispose()
    KernelSpecManager().get_kernel_spec("python3")
    KernelProvisionerFactory.instance()

    import tdp.engine.checking  # noqa: F401
    import tdp.grading.bai_tap  # noqa: F401 - what the exercises import
    from tdp.calendar import _package_year
    from tdp.catalog import load_catalog
    from tdp.kernelfork import fresh_sys_path

    fresh_sys_path()
    for year in range(date.today().year - 1, date.today().year + 3):
        _package_year(year)
    with contextlib.suppress(Exception):  # a course being edited: its kernels will say why
        load_catalog()


_warm_up()


def run(argv: list[str], cwd: str, log_path: str, env: dict[str, str],
        cage: str | None = None) -> None:
    """Run `nbgrader ARGV` in `cwd` with `env`, its output to `log_path`; exits with
    nbgrader's exit code. `cage` (a `sandbox.Cage` as JSON): every kernel runs inside it."""
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
    from jupyter_client.provisioning import KernelProvisionerFactory
    from nbgrader.apps.nbgraderapp import NbGraderApp

    from tdp.grading import prefork

    kernel = None
    factory = KernelProvisionerFactory.instance()
    if cage is not None:
        from tdp.grading.sandbox import Cage

        if prefork.NAME not in factory.provisioners:  # no cage without our provisioner
            print("[ERROR] tdp-prefork provisioner not installed: cannot isolate the kernel",
                  file=sys.stderr)
            sys.stderr.flush()
            os._exit(1)
        prefork.CAGE = Cage.from_json(cage)
    if prefork.NAME in factory.provisioners:  # registered by this package's installation
        kernel = prefork.fork_waiting_kernel()  # still one thread, no zmq context
        factory.default_provisioner_name = prefork.NAME
    try:
        NbGraderApp.launch_instance(argv=argv)
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    except BaseException as exc:  # noqa: BLE001 - reported through the log and exit code
        print(f"{type(exc).__name__}: {exc}", file=sys.stderr)
        code = 1
    else:
        code = 0
    if kernel is not None:
        kernel.discard()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
