"""A hostile submission graded by `tdp hub class grade`: its kernel runs in the same cage as
`tdp grade autograde`'s (tests/grading/test_sandbox.py), which on the hub also hides every
trainee's work area, the exchange, the other classes and the hub's secrets, and keeps it off
the network (PostgreSQL, the hub), within the same limits. The submission is still graded in
full."""

from __future__ import annotations

import json
import subprocess
import textwrap
from pathlib import Path
from urllib.parse import urlparse

import nbformat
import pytest
from hubserver import SOLVED, Hub, parse_logins

pytestmark = pytest.mark.slow

ATTACK = '''
import json, os, socket, time
found = {{"uid": os.getuid()}}

def attempt(name, action):
    try:
        found[name] = "OK: " + str(action())[:80]
    except BaseException as exc:  # noqa
        found[name] = "FAIL: " + type(exc).__name__

attempt("other_home_file", lambda: open({other_home_file!r}).read())
attempt("homes", lambda: os.listdir({homes!r}))
attempt("other_submitted", lambda: open({other_submitted!r}).read(100))
attempt("exchange", lambda: os.listdir({exchange!r}))
attempt("other_class", lambda: os.listdir({other_class!r}))
attempt("hub_settings", lambda: open({hub_settings!r}).read())
attempt("environment", lambda: [k for k, v in os.environ.items()
                                if "postgresql" in v or "DATABASE" in k or "TOKEN" in k])
attempt("socket_postgresql", lambda: socket.create_connection(("127.0.0.1", {pg_port}), 3))
attempt("socket_hub", lambda: socket.create_connection(("127.0.0.1", {hub_port}), 3))
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
attempt("memory", lambda: len(bytearray(8 * 2**30)))
print("KET_QUA " + json.dumps(found))
'''


@pytest.fixture(scope="module")
def attack(hub: Hub, graded_bai1) -> tuple[dict[str, str], dict[str, object], str]:
    """A new trainee of the first class submits the right answers with the attack cell in
    front; the class is graded again. (what the attack found, what is there, grade output)"""
    from tdp.hub.course import class_course
    from tdp.hub.settings import load_settings

    settings = load_settings(hub.dir)
    klass, other_class = list(hub.classes)[:2]
    victim = hub.members[klass][0]
    course = class_course(settings, klass)
    secret = hub.dir / "home" / victim / "bi_mat_cua_hoc_vien.txt"
    subprocess.run(["runuser", "-u", victim, "--", "sh", "-c", f"echo bi-mat > {secret}"],
                   check=True)
    added = hub.tdp("hub", "class", "member", klass, "Kẻ Tò Mò")
    assert added.returncode == 0, added.stderr
    (attacker, password), = parse_logins(added.stdout).items()
    hub.logins[attacker] = password
    targets = {
        "other_home_file": secret, "homes": hub.dir / "home",
        "other_submitted": course.submitted / victim / "bai1" / "bai1.ipynb",
        "exchange": settings.exchange, "other_class": settings.course_dir(other_class),
        "hub_settings": hub.dir / "hub.yaml",
    }
    for path in targets.values():  # all there: a refusal below is the cage's doing
        assert Path(path).exists(), path
    source = textwrap.dedent(ATTACK).format(
        **{k: str(v) for k, v in targets.items()},
        pg_port=urlparse(hub.env["TDP_HUB_PG"]).port, hub_port=urlparse(hub.url).port)

    def answer(target: Path) -> None:
        nb = nbformat.read(SOLVED, as_version=4)
        nb.cells.insert(0, nbformat.v4.new_code_cell(source))
        scratch = hub.dir / "tan_cong.ipynb"
        nbformat.write(nb, scratch)
        subprocess.run(["runuser", "-u", attacker, "--", "cp", str(scratch), str(target)],
                       check=True)

    hub.fetch_and_submit(klass, attacker, answer)
    graded = hub.tdp("hub", "class", "grade", klass, "bai1")
    assert graded.returncode == 0, graded.stderr
    result = nbformat.read(course.autograded / attacker / "bai1" / "bai1.ipynb", as_version=4)
    text = "".join(o.get("text", "") for o in result.cells[0].outputs)
    line = next(ln for ln in text.splitlines() if ln.startswith("KET_QUA "))
    return json.loads(line.removeprefix("KET_QUA ")), {"attacker": attacker,
                                                       "klass": klass}, graded.stdout


def test_the_kernel_runs_as_an_unprivileged_user_of_its_own(attack) -> None:
    found, _, _ = attack
    assert found["uid"] >= 100_000


@pytest.mark.parametrize("what", ["other_home_file", "other_submitted", "hub_settings",
                                  "socket_postgresql", "socket_hub", "socket_world"])
def test_what_a_submission_graded_on_the_hub_must_not_reach(attack, what: str) -> None:
    found, _, _ = attack
    assert found[what].startswith("FAIL"), found[what]


@pytest.mark.parametrize("what", ["homes", "exchange", "other_class"])
def test_the_hubs_folders_are_empty_to_it(attack, what: str) -> None:
    found, _, _ = attack
    assert found[what] in ("OK: []", "FAIL: FileNotFoundError"), found[what]


def test_the_limits_on_processes_and_memory_hold_on_the_hub_too(attack) -> None:
    found, _, _ = attack
    assert found["fork_bomb"] == "FAIL: BlockingIOError"
    assert found["memory"] == "FAIL: MemoryError"


def test_nothing_of_the_kernels_user_survives_the_class_grading(attack) -> None:
    import psutil

    found, _, _ = attack  # its own user only: another grading may run on this machine now
    alive = [(p.pid, p.info["status"]) for p in psutil.process_iter(["uids", "status"])
             if p.info["uids"] and p.info["uids"].real == found["uid"]
             and p.info["status"] != psutil.STATUS_ZOMBIE]  # a zombie is for init to reap
    assert alive == []


def test_no_database_address_or_token_in_its_environment(attack) -> None:
    found, _, _ = attack
    assert found["environment"] == "OK: []"


def test_it_is_still_graded_in_full_and_the_class_table_says_so(hub: Hub, attack) -> None:
    from nbgrader.api import Gradebook

    from tdp.hub.settings import driver_url, load_settings

    _, who, output = attack
    url = driver_url(load_settings(hub.dir).klass(str(who["klass"])).gradebook_url)
    with Gradebook(url) as gradebook:
        mine = gradebook.find_submission("bai1", str(who["attacker"]))
        assert mine.code_score == mine.max_code_score > 0
    assert "Kẻ Tò Mò" in output and "đã chấm" in output


def test_the_formgraders_own_autograde_button_refuses(hub: Hub, attack) -> None:
    """The formgrader (the class's grader account, no cage) would run the submission with the
    grader's rights: its autograde refuses and says what to run; the grade stays."""
    from nbgrader.api import Gradebook

    from tdp.hub.settings import driver_url, load_settings

    _, who, _ = attack
    klass, attacker = str(who["klass"]), str(who["attacker"])
    trainer = hub.login(hub.classes[klass])
    base = f"{hub.url}/services/{klass}"
    assert trainer.get(f"{base}/formgrader", timeout=120).status_code == 200
    xsrf = trainer.cookies.get("_xsrf", path=f"/services/{klass}/") or ""
    reply = trainer.post(f"{base}/formgrader/api/submission/bai1/{attacker}/autograde",
                         headers={"X-XSRFToken": xsrf}, timeout=300)
    assert reply.status_code == 200, reply.text[:300]
    result = reply.json()
    assert result["success"] is False
    assert f"tdp hub class grade {klass} bai1" in result["log"] + result.get("error", "")
    url = driver_url(load_settings(hub.dir).klass(klass).gradebook_url)
    with Gradebook(url) as gradebook:
        mine = gradebook.find_submission("bai1", attacker)
        assert mine.code_score == mine.max_code_score > 0
