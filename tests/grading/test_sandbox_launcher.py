"""The cage for a kernel started anew (`python -m tdp.grading.sandbox CAGE -- COMMAND`), the
path the provisioner takes when no forked kernel is waiting: same user, folders, network."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

from tdp.grading.sandbox import Cage, Limits, kernel_env, python_folders

LOOK = textwrap.dedent('''
    import json, os, socket, sys
    out = {"uid": os.getuid(), "secret": os.listdir(sys.argv[1]),
           "mine": open(sys.argv[2] + "/bai.txt").read(), "home": os.environ.get("HOME"),
           "db": os.environ.get("TDP_DATABASE_URL")}
    try:
        socket.create_connection(("127.0.0.1", 22), timeout=2)
        out["net"] = "open"
    except OSError as exc:
        out["net"] = type(exc).__name__
    print(json.dumps(out))
''')


def test_a_launched_command_enters_the_same_cage(tmp_path):
    secret = tmp_path / "var"
    mine = secret / "nbgrader" / "autograded" / "an" / "bai1"
    mine.mkdir(parents=True)
    (secret / "tdp.sqlite").write_text("MAT_KHAU")
    (mine / "bai.txt").write_text("bài của An")
    cage = Cage(uid=100_000 + os.getpid(), cwd=str(mine), keep=[str(mine)],
                hide=[str(secret)], reveal=python_folders(), limits=Limits(cpu_seconds=60))
    run = subprocess.run(
        [sys.executable, "-m", "tdp.grading.sandbox", cage.to_json(), "--", sys.executable,
         "-c", LOOK, str(secret), str(mine)],
        capture_output=True, text=True, timeout=120,
        env=os.environ | {"TDP_DATABASE_URL": f"sqlite:///{secret}/tdp.sqlite"})
    assert run.returncode == 0, run.stderr
    seen = json.loads(run.stdout)
    assert seen["uid"] == cage.uid
    assert seen["secret"] == ["nbgrader"]  # tdp.sqlite gone, only the path to its own folder
    assert seen["mine"] == "bài của An"
    assert seen["home"] == "/tmp" and seen["db"] is None
    assert seen["net"] != "open"


def test_the_kernel_environment_keeps_no_secret():
    env = kernel_env({"PATH": "/bin", "TDP_DATABASE_URL": "postgresql://u:mk@h/x",
                      "TDP_BAI_TAP_DATABASE_URL": "sqlite:///x", "AWS_SECRET": "s",
                      "LC_ALL": "C.UTF-8", "JPY_PARENT_PID": "1"})
    assert set(env) == {"PATH", "LC_ALL", "JPY_PARENT_PID", "HOME", "TMPDIR", "TDP_VAR_DIR",
                        "MPLCONFIGDIR", "IPYTHONDIR"}
