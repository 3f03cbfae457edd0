"""Kernels forked from the grading process (tdp.grading.prefork): each is a kernel like one
jupyter_client starts, with the folder, environment and signals it asked for.

Forking must happen in a process with one thread, so the probe runs in a fresh interpreter
of its own and reports what it saw as JSON."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest

PROBE = textwrap.dedent('''
    import json, os, sys, time
    from jupyter_client.manager import KernelManager
    from jupyter_client.provisioning import KernelProvisionerFactory
    from tdp.grading import prefork

    unused = prefork.fork_waiting_kernel()
    unused_pid = unused.pid
    unused.discard()
    waiting = prefork.fork_waiting_kernel()
    factory = KernelProvisionerFactory.instance()
    factory.default_provisioner_name = prefork.NAME
    report = {"registered": prefork.NAME in factory.provisioners,
              "unused_exit": unused.returncode, "waiting_pid": waiting.pid}

    def run(kc, code):
        out, err = [], []
        def hook(msg):
            if msg["msg_type"] == "stream":
                out.append(msg["content"]["text"])
            elif msg["msg_type"] == "error":
                err.append(msg["content"]["ename"])
        reply = kc.execute_interactive(code, output_hook=hook, timeout=120)
        return "".join(out), err, reply["content"]["status"]

    km = KernelManager(kernel_name="python3")
    km.start_kernel(cwd=sys.argv[1], env={**os.environ, "TDP_PROBE": "có"})
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=120)
    report["provisioner"] = type(km.provisioner).__name__
    report["kernel_pid"] = km.provisioner.pid
    LOOK = ("import json, os, sys; print(json.dumps({"
            "'pid': os.getpid(), 'ppid': os.getppid(), 'cwd': os.getcwd(), "
            "'probe': os.environ.get('TDP_PROBE'), 'argv0': sys.argv[0], 'path': sys.path, "
            "'parent': os.environ.get('JPY_PARENT_PID'), "
            "'forked': 'tdp.grading.prefork' in sys.modules}))")
    out, _, _ = run(kc, LOOK)
    report["inside"] = json.loads(out)
    report["me"] = os.getpid()

    # interrupt: jupyter_client signals the kernel (only the kernel, not this process)
    # once the marker file exists the cell runs, with the kernel's SIGINT handler in place
    marker = os.path.join(sys.argv[1], "dang_chay")
    msg_id = kc.execute(f"open({marker!r}, 'w').close()\\nwhile True: pass")
    while not os.path.exists(marker):
        time.sleep(0.05)
    km.interrupt_kernel()
    while True:
        reply = kc.get_shell_msg(timeout=120)
        if reply["parent_header"].get("msg_id") == msg_id:
            break
    report["interrupted"] = reply["content"].get("ename")
    while True:  # the interrupted cell's own messages, up to its idle, before the next cell
        msg = kc.get_iopub_msg(timeout=120)
        if (msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "status"
                and msg["content"]["execution_state"] == "idle"):
            break
    out, _, _ = run(kc, "print('vẫn chạy')")
    report["after_interrupt"] = out.strip()
    kc.stop_channels()
    km.shutdown_kernel(now=False)
    report["exit_after_shutdown"] = waiting.returncode
    waiting.discard()

    # a second kernel in the same process: started the usual way
    km2 = KernelManager(kernel_name="python3")
    km2.start_kernel(cwd=sys.argv[1], env={**os.environ, "TDP_PROBE": "có"})
    report["second"] = type(km2.provisioner.process).__name__
    kc2 = km2.client()
    kc2.start_channels()
    kc2.wait_for_ready(timeout=120)
    out, _, _ = run(kc2, LOOK)
    report["usual"] = json.loads(out)
    kc2.stop_channels()
    km2.shutdown_kernel(now=True)
    try:
        os.waitpid(-1, os.WNOHANG)
        report["children_left"] = True
    except ChildProcessError:
        report["children_left"] = False
    print("REPORT" + json.dumps(report))
''')


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> dict:
    folder = tmp_path_factory.mktemp("thư mục bài")
    proc = subprocess.run([sys.executable, "-c", PROBE, str(folder)], capture_output=True,
                          text=True, timeout=600, check=False)
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("REPORT")]
    assert proc.returncode == 0 and lines, proc.stdout[-2000:] + proc.stderr[-4000:]
    data = json.loads(lines[-1][len("REPORT"):])
    data["folder"] = str(folder)
    return data


def test_the_provisioner_is_registered_by_the_installation(report) -> None:
    assert report["registered"]
    assert report["provisioner"] == "PreforkProvisioner"


def test_an_unused_waiting_kernel_exits_cleanly(report) -> None:
    assert report["unused_exit"] == 0


def test_the_kernel_is_the_waiting_copy_and_a_child_of_the_grader(report) -> None:
    inside = report["inside"]
    assert report["kernel_pid"] == report["waiting_pid"] == inside["pid"]
    assert inside["ppid"] == report["me"]
    assert inside["forked"]  # the module that forked it is already there


def test_the_kernel_runs_in_the_folder_and_environment_asked_for(report) -> None:
    inside, usual = report["inside"], report["usual"]
    assert inside["cwd"] == usual["cwd"] == report["folder"]
    assert inside["probe"] == usual["probe"] == "có"
    assert inside["parent"] == usual["parent"] == str(report["me"])  # exits if the grader dies
    assert inside["argv0"] == usual["argv0"]
    assert inside["path"] == usual["path"]  # what a kernel started the usual way has
    assert not usual["forked"]


def test_interrupt_reaches_the_kernel_only(report) -> None:
    assert report["interrupted"] == "KeyboardInterrupt"
    assert report["after_interrupt"] == "vẫn chạy"


def test_shutdown_reaps_it_and_a_second_kernel_starts_the_usual_way(report) -> None:
    assert report["exit_after_shutdown"] is not None
    assert report["second"] == "Popen"
    assert report["children_left"] is False
