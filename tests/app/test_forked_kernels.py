"""Kernels forked by a real zygote, driven by jupyter_client as the Voilà server drives them
(`tdp.app.forked_kernels`, issue 14): each is a process of its own, an interrupt reaches it
alone, a crash of one leaves the others serving, and none outlives its zygote."""

from __future__ import annotations

import asyncio
import os
import signal
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from jupyter_client import AsyncKernelManager
from jupyter_client.provisioning.factory import KernelProvisionerFactory

from tdp.app import forked_kernels
from tdp.app.forked_kernels import ForkedKernel, Zygote, ZygoteProvisioner, use_zygote

from .procs import alive, group, name, parent, wait_until


@pytest.fixture(scope="module")
def zygote() -> Iterator[Zygote]:
    factory = KernelProvisionerFactory.instance()
    before = factory.default_provisioner_name
    made = Zygote()
    assert made.start(), "the zygote did not start"
    use_zygote(made)
    yield made
    forked_kernels.ZYGOTE = None
    factory.default_provisioner_name = before
    made.stop()


async def _start(cwd: Path) -> tuple[AsyncKernelManager, Any]:
    km = AsyncKernelManager(kernel_name="python3")
    await km.start_kernel(cwd=str(cwd))
    kc = km.client()
    kc.start_channels()
    await kc.wait_for_ready(timeout=120)
    return km, kc


async def _run(kc: Any, code: str) -> tuple[dict, str]:
    """Execute `code`; the reply's content and what it printed."""
    msg_id = kc.execute(code)
    printed = ""
    while True:
        msg = await kc.get_iopub_msg(timeout=120)
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        if msg["msg_type"] == "stream":
            printed += msg["content"]["text"]
        if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
            break
    while True:
        reply = await kc.get_shell_msg(timeout=120)
        if reply["parent_header"].get("msg_id") == msg_id:
            return reply["content"], printed


async def _stop(*pairs: tuple[AsyncKernelManager, Any]) -> None:
    for km, kc in pairs:
        kc.stop_channels()
        await km.shutdown_kernel(now=True)


def test_each_kernel_is_its_own_process_forked_from_the_warm_zygote(zygote, tmp_path) -> None:
    async def scenario() -> None:
        first, second = await _start(tmp_path), await _start(tmp_path)
        try:
            pids = []
            for km, kc in (first, second):
                assert isinstance(km.provisioner, ZygoteProvisioner)
                assert isinstance(km.provisioner.process, ForkedKernel)
                pid = km.provisioner.pid
                pids.append(pid)
                assert parent(pid) == zygote.proc.pid  # forked, not started anew
                assert group(pid) == pid  # a process group of its own
                assert name(pid) == "tdp-kernel"
                reply, out = await _run(kc, "import os, sys, comm\nprint(os.getpid(), "
                                            "os.getcwd(), 'tdp.screens.portal_app' in sys.modules,"
                                            " *sorted(comm.get_comm_manager().targets))")
                assert reply["status"] == "ok"
                # warm already, and the widgets answer the front end as in a kernel started anew
                assert out.split() == [str(pid), str(tmp_path), "True", "jupyter.widget",
                                       "jupyter.widget.control"]
            assert len(set(pids) | {os.getpid(), zygote.proc.pid}) == 4
        finally:
            await _stop(first, second)
        for pid in pids:
            wait_until(lambda p=pid: not alive(p), "nhân đã tắt")

    asyncio.run(scenario())


def test_an_interrupt_reaches_that_kernel_alone(zygote, tmp_path) -> None:
    async def scenario() -> None:
        busy, other = await _start(tmp_path), await _start(tmp_path)
        inside = tmp_path / "trong_vong_lap"
        try:
            # The file is written once the print's flush has returned, so the interrupt lands
            # in the loop: ipykernel drops one that lands before the cell runs, and one that
            # lands inside the flush's wait can swallow the kernel's next output.
            msg_id = busy[1].execute(
                "import time, pathlib\nprint('bat dau', flush=True)\n"
                f"pathlib.Path({str(inside)!r}).write_text('x')\n"
                "for _ in range(600): time.sleep(1)")
            await asyncio.to_thread(wait_until, inside.exists, "ô lệnh đang chạy vòng lặp")
            await busy[0].interrupt_kernel()
            while True:
                reply = await busy[1].get_shell_msg(timeout=120)
                if reply["parent_header"].get("msg_id") == msg_id:
                    break
            assert reply["content"]["status"] == "error"
            assert reply["content"]["ename"] == "KeyboardInterrupt"
            content, out = await _run(other[1], "print(6 * 7)")
            assert content["status"] == "ok" and out.strip() == "42"  # never interrupted
            content, out = await _run(busy[1], "print('van chay')")
            assert (content["status"], out.strip()) == ("ok", "van chay")  # not ended
            assert zygote.running
        finally:
            await _stop(busy, other)

    asyncio.run(scenario())


def test_a_crashed_kernel_leaves_the_others_and_the_zygote_serving(zygote, tmp_path) -> None:
    async def scenario() -> None:
        crashing, other = await _start(tmp_path), await _start(tmp_path)
        pid = crashing[0].provisioner.pid
        crashing[1].execute("import os, signal\nos.kill(os.getpid(), signal.SIGSEGV)")
        wait_until(lambda: crashing[0].provisioner.process.poll() is not None,
                   "nhân bị lỗi đã dừng")
        assert crashing[0].provisioner.process.returncode == -signal.SIGSEGV
        assert not alive(pid)
        content, out = await _run(other[1], "print('con song')")
        assert out.strip() == "con song"
        assert zygote.running
        third = await _start(tmp_path)  # and the zygote still forks
        content, out = await _run(third[1], "print('moi')")
        assert out.strip() == "moi"
        crashing[1].stop_channels()
        await crashing[0].shutdown_kernel(now=True)  # cleanup of a dead kernel: no error
        await _stop(other, third)

    asyncio.run(scenario())


def test_no_kernel_outlives_its_zygote(tmp_path) -> None:
    """Stopped (the server ends) or killed: its kernels end with it."""
    factory = KernelProvisionerFactory.instance()
    before = factory.default_provisioner_name

    async def kernels_of(zygote: Zygote) -> list[int]:
        use_zygote(zygote)
        pids = []
        for _ in range(2):
            km, kc = await _start(tmp_path)
            kc.stop_channels()
            pids.append(km.provisioner.pid)
        return pids

    try:
        for end in ("stop", "kill"):
            zygote = Zygote()
            assert zygote.start()
            pids = asyncio.run(kernels_of(zygote))
            assert all(alive(p) for p in pids)
            if end == "stop":
                zygote.stop()
            else:
                assert zygote.proc is not None
                zygote.proc.send_signal(signal.SIGKILL)
                zygote.proc.wait()
                zygote.stop()
            for pid in pids:
                wait_until(lambda p=pid: not alive(p), f"nhân tắt theo zygote ({end})")
    finally:
        forked_kernels.ZYGOTE = None
        factory.default_provisioner_name = before


def test_without_a_zygote_kernels_start_the_usual_way(tmp_path) -> None:
    factory = KernelProvisionerFactory.instance()
    before = factory.default_provisioner_name
    factory.default_provisioner_name = forked_kernels.NAME
    forked_kernels.ZYGOTE = None

    async def scenario() -> None:
        km, kc = await _start(tmp_path)
        try:
            assert not isinstance(km.provisioner.process, ForkedKernel)
            assert parent(km.provisioner.pid) == os.getpid()
            content, out = await _run(kc, "print(1 + 1)")
            assert out.strip() == "2"
        finally:
            await _stop((km, kc))

    try:
        asyncio.run(scenario())
    finally:
        factory.default_provisioner_name = before
