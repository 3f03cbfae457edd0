"""The server's side of the zygote (`tdp.app.zygote`): start it, and hand it the kernels.

`ZygoteProvisioner` is a jupyter_client kernel provisioner (registered as "tdp-zygote"):
jupyter_client's LocalProvisioner, except that an ipykernel launch of this interpreter is
forked by the zygote when one is running. To jupyter_client, the forked kernel looks like the
`subprocess.Popen` of a launched kernel (`ForkedKernel`): it polls, waits, and signals the
kernel's own process group. Where no zygote runs (it failed to start, or `tdp app
--no-fork`), the provisioner starts kernels the usual way.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from jupyter_client.provisioning import LocalProvisioner
from jupyter_client.provisioning.factory import KernelProvisionerFactory

from tdp.kernelfork import KernelProcess, ipykernel_argv

NAME = "tdp-zygote"
START_WAIT_S = 120.0  # how long the server waits for a zygote that is importing


class Zygote:
    """The zygote process, started by the server before it listens."""

    def __init__(self) -> None:
        self.dir = Path(tempfile.mkdtemp(prefix="tdp-zygote-"))  # 0700: the server's only
        self.path = str(self.dir / "z")
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self) -> bool:
        """Start it and wait until it listens; False (and nothing running) if it cannot."""
        self.proc = subprocess.Popen([sys.executable, "-m", "tdp.app.zygote", self.path])
        deadline = time.monotonic() + START_WAIT_S
        while time.monotonic() < deadline and self.proc.poll() is None:
            if os.path.exists(self.path):
                with contextlib.suppress(OSError), self.connect():
                    return True
            time.sleep(0.05)  # polling for the warm-up to end, not a timed assert
        self.stop()
        return False

    @property
    def running(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def connect(self) -> socket.socket:
        conn = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        conn.connect(self.path)
        return conn

    async def fork(self, argv: list[str], env: dict[str, str], cwd: str) -> ForkedKernel:
        """A new kernel, forked; OSError if the zygote does not answer. The server's event
        loop goes on serving other phones meanwhile."""
        loop = asyncio.get_running_loop()
        conn = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        conn.setblocking(False)
        try:
            await loop.sock_connect(conn, self.path)
            request = json.dumps({"argv": argv, "env": env, "cwd": cwd}).encode() + b"\n"
            await loop.sock_sendall(conn, request)
            data = b""
            while not data.endswith(b"\n"):
                chunk = await asyncio.wait_for(loop.sock_recv(conn, 4096), 30)
                if not chunk:
                    break
                data += chunk
            reply = json.loads(data or b"{}")
        except (TimeoutError, OSError, ValueError) as exc:
            conn.close()
            raise OSError(f"zygote: {exc}") from exc
        if "pid" not in reply:
            conn.close()
            raise OSError(f"zygote: {reply.get('error', 'no answer')}")
        return ForkedKernel(int(reply["pid"]), conn)

    def stop(self) -> None:
        """End it (it ends its kernels) and remove its folder."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        shutil.rmtree(self.dir, ignore_errors=True)


def _read_line(conn: socket.socket) -> bytes:
    data = b""
    while not data.endswith(b"\n"):
        chunk = conn.recv(4096)
        if not chunk:
            break
        data += chunk
    return data


class ForkedKernel(KernelProcess):
    """A kernel forked by the zygote, as jupyter_client sees a launched one; its end comes as
    a line on the connection to the zygote."""

    def __init__(self, pid: int, conn: socket.socket) -> None:
        self.pid = pid
        self.returncode = None
        self._conn: socket.socket | None = conn
        conn.setblocking(False)

    def _read_end(self, block: bool) -> None:
        conn = self._conn
        if conn is None or self.returncode is not None:
            return
        conn.setblocking(block)
        try:
            data = _read_line(conn)
        except BlockingIOError:
            return
        finally:
            with contextlib.suppress(OSError):
                conn.setblocking(False)
        conn.close()
        self._conn = None
        try:
            self.returncode = int(json.loads(data)["exit"])
        except (ValueError, KeyError, TypeError):
            self.returncode = None if _alive(self.pid) else -signal.SIGKILL  # zygote gone

    def poll(self) -> int | None:
        self._read_end(block=False)
        if self.returncode is None and self._conn is None and not _alive(self.pid):
            self.returncode = -signal.SIGKILL  # orphaned by a zygote that ended, now ended
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        self._read_end(block=True)
        while self.poll() is None:  # orphaned: no one to tell us, so look
            time.sleep(0.1)
        return self.returncode if self.returncode is not None else 0


def _alive(pid: int) -> bool:
    """Still running (a zombie waiting for its parent is not)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return False


ZYGOTE: Zygote | None = None  # set by the server once its zygote listens


def use_zygote(zygote: Zygote) -> None:
    """Make this process's kernel managers fork their kernels from `zygote`."""
    global ZYGOTE
    ZYGOTE = zygote
    KernelProvisionerFactory.instance().default_provisioner_name = NAME


class ZygoteProvisioner(LocalProvisioner):  # type: ignore[misc]
    """LocalProvisioner, with ipykernel launches forked by the zygote."""

    async def launch_kernel(self, cmd: list[str], **kwargs: Any) -> Any:
        argv = ipykernel_argv(cmd)
        zygote = ZYGOTE
        if argv is None or zygote is None or not zygote.running:
            return await super().launch_kernel(cmd, **kwargs)
        env = {k: str(v) for k, v in dict(kwargs.get("env") or os.environ).items()}
        cwd = str(kwargs.get("cwd") or os.getcwd())
        try:
            kernel = await zygote.fork(argv, env, cwd)
        except OSError:
            return await super().launch_kernel(cmd, **kwargs)  # the usual way, then
        self.process = kernel  # type: ignore[assignment]  # a Popen look-alike
        self.pid = kernel.pid
        self.pgid = kernel.pid  # its own group (setsid in the zygote's copy)
        self.cwd = cwd
        return self.connection_info
