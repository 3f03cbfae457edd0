"""Reading the process table (/proc) to see which process serves which kernel."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from waiting import wait_until as shared_wait_until


def stat(pid: int) -> list[str]:
    """The fields of /proc/PID/stat after the command name: state, ppid, pgrp, ..."""
    with open(f"/proc/{pid}/stat", encoding="ascii") as f:
        return f.read().rsplit(")", 1)[1].split()


def alive(pid: int) -> bool:
    try:
        return stat(pid)[0] != "Z"
    except (OSError, IndexError):
        return False


def parent(pid: int) -> int:
    return int(stat(pid)[1])


def group(pid: int) -> int:
    return int(stat(pid)[2])


def name(pid: int) -> str:
    return Path(f"/proc/{pid}/comm").read_text().strip()


def children(pid: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                if parent(int(entry)) == pid and alive(int(entry)):
                    found.append(int(entry))
            except (OSError, IndexError, ValueError):
                continue
    return found


def _tcp_inodes(port: int) -> set[str]:
    inodes = set()
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        fields = line.split()
        if fields[3] == "0A" and int(fields[1].split(":")[1], 16) == port:  # LISTEN
            inodes.add(fields[9])
    return inodes


def _unix_inodes(path: str) -> set[str]:
    inodes = set()
    for line in Path("/proc/net/unix").read_text().splitlines()[1:]:
        fields = line.split()
        if len(fields) >= 8 and fields[7] == path:
            inodes.add(fields[6])
    return inodes


def owner_of(inodes: set[str], among: list[int]) -> int | None:
    """Which of `among` holds one of the sockets `inodes`."""
    for pid in among:
        try:
            for fd in os.listdir(f"/proc/{pid}/fd"):
                target = os.readlink(f"/proc/{pid}/fd/{fd}")
                if target.startswith("socket:[") and target[8:-1] in inodes:
                    return pid
        except OSError:
            continue
    return None


def kernel_pid(kernel_id: str, among: list[int]) -> int | None:
    """The process serving Voilà's kernel `kernel_id`: the one that holds the shell socket
    its connection file names (a Unix socket with the app's ipc transport, else TCP)."""
    for path in Path("/tmp").glob(f"voila_*/kernel-{kernel_id}.json"):
        info = json.loads(path.read_text())
        if info.get("transport") == "ipc":
            inodes = _unix_inodes(f"{info['ip']}-{info['shell_port']}")
        else:
            inodes = _tcp_inodes(info["shell_port"])
        return owner_of(inodes, among)
    return None


def wait_until(condition: Callable[[], Any], what: str, timeout: float = 120.0) -> Any:
    """Poll for a state the processes reach on their own (a cull, an exit)."""
    return shared_wait_until(condition, timeout, what)
