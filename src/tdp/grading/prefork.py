"""Kernels for `tdp grade autograde` forked from the grading process instead of started anew.

Starting `python -m ipykernel_launcher` and importing the engine again costs each submission
about 1.5 s of CPU, more than half of grading it. Each grading process (see
`_nbgrader_child`) already has ipykernel, IPython and the engine imported, so before nbgrader
creates any thread, event loop or zmq context it forks one *waiting kernel*: a copy that
blocks on a pipe. When nbgrader asks for a kernel, `PreforkProvisioner` (a jupyter_client
kernel provisioner, registered under the name "tdp-prefork") hands the waiting copy the
command line, environment and folder a new kernel would get, and the copy becomes that
kernel. Every submission still runs in a fresh process of its own; nothing of one submission
reaches another.

The kernel stays in the grading process's process group, so the time limit's kill stops it
too; signals from jupyter_client go to the kernel's pid only (never to the group, which
holds the grading process itself). Where no waiting kernel is there (a second kernel, a
kernel that is not ipykernel, plain `nbgrader`), the provisioner starts one the usual way.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
from typing import Any

from jupyter_client.provisioning import LocalProvisioner

from tdp.kernelfork import KernelProcess, fresh_sys_path, ipykernel_argv, run_ipykernel

NAME = "tdp-prefork"


class WaitingKernel(KernelProcess):
    """A forked copy of this process blocked on a pipe until it is told to be a kernel; to
    jupyter_client it looks like the `subprocess.Popen` of a launched kernel."""

    def __init__(self) -> None:
        read_end, self._write_end = os.pipe()
        self.pid = os.fork()
        if self.pid == 0:
            os.close(self._write_end)
            _become_kernel(read_end)  # never returns
        os.close(read_end)
        self.returncode = None
        self.started = False

    def start(self, argv: list[str], env: dict[str, str], cwd: str,
              cage: str | None = None) -> None:
        """Become the kernel `argv` in `cwd`; inside `cage` (a `sandbox.Cage` as JSON)."""
        request = json.dumps({"argv": argv, "env": env, "cwd": cwd, "cage": cage}).encode()
        with os.fdopen(self._write_end, "wb") as pipe:
            pipe.write(request)
        self.started = True

    def discard(self) -> None:
        """Unused: let it go (it exits on the closed pipe). Used: make sure it is gone."""
        if not self.started:
            os.close(self._write_end)
            self.started = True
        elif self.poll() is None:
            self.kill()
        self.wait()

    def poll(self) -> int | None:
        if self.returncode is None:
            try:
                pid, status = os.waitpid(self.pid, os.WNOHANG)
            except ChildProcessError:
                self.returncode = 0
            else:
                if pid:
                    self.returncode = os.waitstatus_to_exitcode(status)
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        if self.returncode is None:
            try:
                _, status = os.waitpid(self.pid, 0)
                self.returncode = os.waitstatus_to_exitcode(status)
            except ChildProcessError:
                self.returncode = 0
        return self.returncode


def _become_kernel(read_end: int) -> None:
    """In the forked copy: wait for the request, enter the cage or the folder, then run
    ipykernel (`tdp.kernelfork`). Never returns into the grading code it was forked from."""
    code = 1
    try:
        chunks = []
        while chunk := os.read(read_end, 65536):
            chunks.append(chunk)
        os.close(read_end)
        if not chunks:  # not needed after all
            code = 0
            return
        request = json.loads(b"".join(chunks))
        env = request["env"]
        if request.get("cage"):
            from tdp.grading import sandbox

            sandbox.enter(sandbox.Cage.from_json(request["cage"]))  # chdir's into its folder
            env = sandbox.kernel_env(env)
        else:
            os.chdir(request["cwd"])
        code = run_ipykernel(request["argv"], env)
    except BaseException:  # noqa: BLE001 - a kernel that cannot start says why on stderr
        import traceback

        traceback.print_exc()
    finally:
        os._exit(code)


_waiting: WaitingKernel | None = None


def fork_waiting_kernel() -> WaitingKernel:
    """Fork the waiting kernel this process's next ipykernel launch will use. Call it while
    the process has one thread and no zmq context."""
    global _waiting
    fresh_sys_path()  # computed here, inherited by the copy
    _waiting = WaitingKernel()
    return _waiting


def _take() -> WaitingKernel | None:
    global _waiting
    kernel, _waiting = _waiting, None
    return kernel


class PreforkProvisioner(LocalProvisioner):  # type: ignore[misc]
    """jupyter_client's LocalProvisioner, except that an ipykernel launch is served by the
    waiting kernel when this process has one, and that, when grading asked for it
    (`CAGE`), every kernel it starts, forked or not, runs in a `sandbox.Cage`."""

    _box: str | None = None
    _uid: int | None = None

    async def pre_launch(self, **kwargs: Any) -> dict[str, Any]:
        km = self.parent
        if CAGE is not None and km is not None:
            from tdp.grading import sandbox

            # No network in the cage: the kernel's sockets are Unix sockets in a folder
            # only its user and root can enter.
            self._uid = sandbox.uid_for(os.getpid())
            self._box = str(sandbox.make_box(self._uid))
            km.transport = "ipc"
            km.cache_ports = False
            km.connection_file = os.path.join(self._box, "kernel.json")
            km.ip = os.path.join(self._box, "k")
        kwargs = await super().pre_launch(**kwargs)
        if self._uid is not None and km is not None:
            os.chown(km.connection_file, self._uid, self._uid)
        return kwargs

    async def launch_kernel(self, cmd: list[str], **kwargs: Any) -> Any:
        argv = ipykernel_argv(cmd)
        kernel = _take() if argv is not None else None
        cwd = str(kwargs.get("cwd") or os.getcwd())
        cage = self._cage(cwd)
        if kernel is None or argv is None:
            if cage is not None:  # started anew: it enters the cage, then runs the command
                cmd = [sys.executable, "-m", "tdp.grading.sandbox", cage, "--", *cmd]
            return await super().launch_kernel(cmd, **kwargs)
        env = dict(kwargs.get("env") or os.environ)
        env["JPY_PARENT_PID"] = str(os.getpid())  # as launch_kernel: it exits if we die
        kernel.start(argv, env, cwd, cage)
        self.process = kernel  # type: ignore[assignment]  # a Popen look-alike
        self.pid = kernel.pid
        self.pgid = None  # signals to the kernel only: its group is the grading process's
        self.cwd = cwd
        return self.connection_info

    def _cage(self, cwd: str) -> str | None:
        if CAGE is None or self._uid is None or self._box is None:
            return None
        from dataclasses import replace

        return replace(CAGE, uid=self._uid, cwd=cwd, keep=[cwd, self._box]).to_json()

    async def cleanup(self, restart: bool = False) -> None:
        await super().cleanup(restart)
        if self._uid is not None and not restart:
            from tdp.grading import sandbox

            sandbox.kill_all(self._uid)  # whatever the submission left running
            if self._box:
                shutil.rmtree(self._box, ignore_errors=True)


CAGE: Any = None  # a sandbox.Cage (without uid and folders) when grading asked for one
