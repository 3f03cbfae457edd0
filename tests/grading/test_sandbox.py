"""Grading a hostile submission: its kernel cannot read the store, the gradebook or another
trainee's work, cannot reach the network, cannot fork without end, write a huge file or take
all the memory; the good submission beside it still gets full marks. Where no cage can be
set up, grading refuses unless the trainer passes --khong-co-lap."""

from __future__ import annotations

import json
import socket
import sqlite3
import textwrap

import nbformat
import pytest

from tdp.grading import sandbox
from tdp.grading.autograde import SandboxUnavailable, autograde

from .conftest import make_course, solved, submit

A = "bai1"
SECRET = "MAT_KHAU_TAP_HUAN_BI_MAT"

ATTACK = '''
import json, os, socket, time
found = {{"uid": os.getuid()}}

def attempt(name, action):
    try:
        found[name] = "OK: " + str(action())[:80]
    except BaseException as exc:  # noqa
        found[name] = "FAIL: " + type(exc).__name__

attempt("store", lambda: open({store!r}, "rb").read())
attempt("var_listing", lambda: os.listdir({var!r}))
attempt("root_home", lambda: sorted(os.listdir("/root")))
attempt("environment", lambda: [k for k, v in os.environ.items()
                                if "sqlite" in v or "DATABASE" in k])
attempt("gradebook", lambda: open({gradebook!r}, "rb").read(100))
attempt("other_submitted", lambda: open({other_submitted!r}).read())
attempt("other_folder", lambda: os.listdir({other_folder!r}))
attempt("solutions", lambda: os.listdir({solutions!r}))
attempt("socket_local", lambda: socket.create_connection(("127.0.0.1", {port}), timeout=3))
attempt("socket_world", lambda: socket.create_connection(("1.1.1.1", 53), timeout=3))

def fork_bomb():
    children = []
    for _ in range(1000):
        pid = os.fork()
        if pid == 0:
            time.sleep(60)
            os._exit(0)
        children.append(pid)
    return len(children)

attempt("fork_bomb", fork_bomb)

def huge_file(path):
    with open(path, "wb") as out:
        for _ in range(300):
            out.write(b"x" * 2**20)
    return os.path.getsize(path)

attempt("huge_file_tmp", lambda: huge_file("/tmp/lon.bin"))
attempt("huge_file_here", lambda: huge_file("lon.bin"))
attempt("memory", lambda: len(bytearray(8 * 2**30)))
print("KET_QUA " + json.dumps(found))
'''


@pytest.fixture(scope="module")
def caged(tmp_path_factory, exercise_store):
    course = make_course(tmp_path_factory.mktemp("cage"), [A])
    store = course.var / "tdp.sqlite"  # where var/tdp.sqlite is for this course
    with sqlite3.connect(store) as db:
        db.execute("create table person (mat_khau text)")
        db.execute("insert into person values (?)", (SECRET,))
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(5)
    good = solved(course, A)
    submit(course, "nguyen_van_an", A, good)
    other = course.submitted / "nguyen_van_an" / A / f"{A}.ipynb"
    hostile = solved(course, A)
    source = textwrap.dedent(ATTACK).format(
        store=str(store), var=str(course.var), gradebook=str(course.db_path),
        other_submitted=str(other), other_folder=str(course.submitted / "nguyen_van_an"),
        solutions=str(course.solutions), port=listener.getsockname()[1])
    hostile.cells.insert(0, nbformat.v4.new_code_cell(source))
    submit(course, "ke_tan_cong", A, hostile)
    outcomes = {o.trainee: o for o in autograde(course, A, progress=False)}
    listener.close()
    graded = nbformat.read(course.autograded / "ke_tan_cong" / A / f"{A}.ipynb", as_version=4)
    text = "".join(o.get("text", "") for o in graded.cells[0].outputs)
    line = next(ln for ln in text.splitlines() if ln.startswith("KET_QUA "))
    return course, outcomes, json.loads(line.removeprefix("KET_QUA "))


def test_the_kernel_runs_as_an_unprivileged_user(caged):
    _, _, found = caged
    assert found["uid"] >= 100_000


@pytest.mark.parametrize("attack", ["store", "gradebook", "other_submitted", "other_folder",
                                    "solutions", "socket_local", "socket_world"])
def test_what_a_submission_must_not_reach(caged, attack):
    _, _, found = caged
    assert found[attack].startswith("FAIL"), found[attack]


def test_var_shows_only_its_own_submission_and_no_database_url(caged):
    _, _, found = caged
    assert found["var_listing"] == "OK: ['autograded']"
    assert found["environment"] == "OK: []"
    # only what the interpreter needs is back in the administrator's home (pyenv here)
    assert found["root_home"] in ("OK: []", "OK: ['.pyenv']"), found["root_home"]


def test_limits_on_processes_files_and_memory(caged):
    _, _, found = caged
    assert found["fork_bomb"] == "FAIL: BlockingIOError"
    assert found["huge_file_tmp"].startswith("FAIL")  # 300 MB: over the file size limit
    assert found["huge_file_here"].startswith("FAIL")  # its folder is read-only to it
    assert found["memory"] == "FAIL: MemoryError"


def test_both_still_get_full_marks(caged):
    _, outcomes, _ = caged
    assert outcomes["nguyen_van_an"].status == "ok"
    assert outcomes["nguyen_van_an"].auto_score == outcomes["nguyen_van_an"].max_auto_score == 5
    assert outcomes["ke_tan_cong"].auto_score == 5, outcomes["ke_tan_cong"]


def test_nothing_of_the_kernels_user_survives(caged):
    import psutil

    alive = [(p.pid, p.info["status"]) for p in psutil.process_iter(["uids", "status"])
             if p.info["uids"] and p.info["uids"].real >= 100_000
             and p.info["status"] != psutil.STATUS_ZOMBIE]  # a zombie is for init to reap
    assert alive == []


def test_no_cage_no_grading_unless_the_trainer_says_so(caged, monkeypatch, capsys):
    course, _, _ = caged
    monkeypatch.setattr(sandbox, "available", lambda: "thử nghiệm")
    with pytest.raises(SandboxUnavailable, match="--khong-co-lap"):
        autograde(course, A, progress=False)
    from tdp.cli import main

    assert main(["grade", "--course-root", str(course.root), "--var", str(course.var),
                 "autograde", A]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "vùng cô lập" in err


def test_without_root_there_is_no_cage_and_grading_refuses(tmp_path):
    import os
    import subprocess
    import sys
    from pathlib import Path

    tdp = str(Path(sys.executable).with_name("tdp"))
    run = subprocess.run(["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", tdp,
                          "grade", "--course-root", str(tmp_path / "khoa"), "autograde", A],
                         capture_output=True, text=True, timeout=120,
                         env={"PATH": os.environ["PATH"], "LANG": "C.UTF-8"})
    assert run.returncode == 2, run.stderr
    assert len(run.stderr.strip().splitlines()) == 1
    assert "quyền root" in run.stderr and "--khong-co-lap" in run.stderr
