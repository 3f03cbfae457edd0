"""The real app's kernels come from its zygote (`tdp.app.zygote`, issue 14): one process per
page, culled as before, and none left behind when the server ends, however it ends."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import sys
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "browser"))  # appserver.py

from appserver import AppServer  # noqa: E402

from .procs import alive, children, group, kernel_pid, name, wait_until  # noqa: E402

CULL = ("--MappingKernelManager.cull_idle_timeout=3", "--MappingKernelManager.cull_interval=1")


def _server(template_db: Path, work: Path, voila_args: tuple[str, ...] = ()) -> AppServer:
    shutil.copy(template_db, work / "tdp.sqlite")
    srv = AppServer(work, f"sqlite:///{work / 'tdp.sqlite'}", voila_args=voila_args)
    srv.start()
    return srv


@pytest.fixture(scope="module")
def server(template_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[AppServer]:
    srv = _server(template_db, tmp_path_factory.mktemp("zygote"), CULL)
    yield srv
    srv.stop()


def page_kernel(srv: AppServer, path: str) -> str:
    """Open a page as a phone's first request does; the id of the kernel it was given."""
    with urllib.request.urlopen(srv.page_url(path), timeout=300) as response:
        html = response.read().decode()
    found = re.search(r'<script id="jupyter-config-data" type="application/json">(.*?)</script>',
                      html, re.S)
    assert found, html[:500]
    return str(json.loads(found.group(1))["kernelId"])


def zygote_of(srv: AppServer) -> int:
    assert srv.proc is not None
    found = wait_until(lambda: [p for p in children(srv.proc.pid) if name(p) == "tdp-zygote"],
                       "zygote của máy chủ")
    assert len(found) == 1
    return int(found[0])


def test_every_page_gets_a_kernel_process_of_its_own_from_the_zygote(server) -> None:
    zygote = zygote_of(server)
    ids = [page_kernel(server, "/cong"), page_kernel(server, "/cong"),
           page_kernel(server, "/luyen-tap"), page_kernel(server, "/bai-tap")]
    assert len(set(ids)) == len(ids)
    pids = [wait_until(lambda k=k: kernel_pid(k, children(zygote)), "tiến trình của nhân")
            for k in ids]
    assert len(set(pids)) == len(pids)
    assert server.proc is not None and server.proc.pid not in pids
    for pid in pids:
        assert name(pid) == "tdp-kernel"
        assert group(pid) == pid  # an interrupt to its group reaches it alone
    # kernels talk to the server over Unix sockets in Voilà's private folder: no TCP port
    # to collide when sixty start at once, none another local user could connect to
    for kernel in ids:
        info = json.loads(next(Path("/tmp").glob(f"voila_*/kernel-{kernel}.json")).read_text())
        assert info["transport"] == "ipc"
        assert os.stat(Path(info["ip"]).parent).st_mode & 0o077 == 0


def test_culling_ends_a_forked_kernel(server) -> None:
    zygote = zygote_of(server)
    kernel = page_kernel(server, "/bai-tap")  # not from a pool: culled when idle
    pid = wait_until(lambda: kernel_pid(kernel, children(zygote)), "tiến trình của nhân")
    wait_until(lambda: not alive(pid), "nhân rảnh bị thu hồi")
    assert alive(zygote)


@pytest.mark.parametrize("how", ["stop", "kill -9"])
def test_no_kernel_is_left_behind_when_the_server_ends(template_db, tmp_path, how) -> None:
    srv = _server(template_db, tmp_path)
    try:
        zygote = zygote_of(srv)
        page_kernel(srv, "/cong")
        page_kernel(srv, "/bai-tap")
        kernels = wait_until(lambda: [p for p in children(zygote) if name(p) == "tdp-kernel"],
                             "các nhân")
        assert srv.proc is not None
        if how == "stop":
            srv.stop()  # SIGTERM, as Ctrl+C or the service manager does
        else:
            os.kill(srv.proc.pid, signal.SIGKILL)  # the server alone, nothing else told
            srv.proc.wait()
        for pid in [zygote, *kernels]:
            wait_until(lambda p=pid: not alive(p), f"tiến trình {pid} đã dừng ({how})")
    finally:
        srv.stop()
