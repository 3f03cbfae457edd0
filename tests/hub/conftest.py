"""A real province hub for the tests: PostgreSQL, JupyterHub with its npm proxy, two classes.

Everything is started here and stopped afterwards, including the system accounts the
spawner runs servers as (the tests run as root, as CI does).
"""

from __future__ import annotations

import os
import pwd
import secrets
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hubserver import SOLVED, TDP, Hub, parse_logins, put_as
from postgres import free_port, postgres_server


@pytest.fixture(scope="package")
def hub() -> Iterator[Hub]:
    if os.geteuid() != 0:
        pytest.fail("the hub tests create system accounts: run them as root (CI does)")
    suffix = secrets.token_hex(2)
    base = Path(tempfile.mkdtemp(prefix="tdp-hub-"))
    base.chmod(0o711)
    # a password, as in production: a kernel must not reach the server as its admin
    admin_password = secrets.token_hex(8)
    with postgres_server(password=admin_password) as pg:
        env = {**os.environ, "TDP_HUB_PG": pg, "TDP_VAR_DIR": str(base / "var")}
        port = free_port()
        made = Hub(url=f"http://127.0.0.1:{port}", dir=base / "hub", env=env, classes={},
                   pg_admin_password=admin_password)
        init = subprocess.run([str(TDP), "hub", "init", "--province", "gia_lai", "--dir",
                               str(made.dir), "--pg", pg, "--bind-url", made.url, "--prefix",
                               f"t{suffix}"], env=env, capture_output=True, text=True)
        assert init.returncode == 0, init.stderr
        for klass, trainer, ward, trainees in (
            (f"a{suffix}", "Trần Thị Giảng", "thong_nhat", ["Nguyễn Văn An", "Phạm Thị Bình"]),
            (f"b{suffix}", "Lê Văn Dạy", "pleiku", ["Hoàng Văn Cường"]),
        ):
            added = made.tdp("hub", "class", "add", klass, "--trainer", trainer, "--ward", ward)
            assert added.returncode == 0, added.stderr
            made.classes[klass] = next(iter(parse_logins(added.stdout)))
            made.logins.update(parse_logins(added.stdout))
            member = made.tdp("hub", "class", "member", klass, *trainees)
            assert member.returncode == 0, member.stderr
            new = parse_logins(member.stdout)
            made.logins.update(new)
            made.members[klass] = list(new)
        staff = made.tdp("hub", "staff", "Cán Bộ Tỉnh")
        assert staff.returncode == 0, staff.stderr
        made.staff = next(iter(parse_logins(staff.stdout)))
        made.logins.update(parse_logins(staff.stdout))
        try:
            made.start()
            yield made
        finally:
            made.stop()
            for user in list(made.logins) + [f"grader-{k}" for k in made.classes]:
                try:
                    pwd.getpwnam(user)
                except KeyError:
                    continue
                subprocess.run(["userdel", user], capture_output=True)
            shutil.copy(made.dir / "hub.log", "/tmp/hubtest.log")
            shutil.rmtree(base, ignore_errors=True)



@pytest.fixture(scope="package")
def graded_bai1(hub: Hub) -> dict[str, dict[str, tuple[float, float]]]:
    """bai1 released to each class; every trainee fetches it, the first of each class answers
    it right, all submit through nbgrader's exchange; each class is graded by `tdp hub class
    grade`. The autograded (score, maximum) per class and trainee, from its gradebook."""
    from nbgrader.api import Gradebook

    from tdp.hub.settings import driver_url, load_settings

    for klass in hub.classes:
        released = hub.tdp("hub", "class", "release", klass, "bai1")
        assert released.returncode == 0, released.stderr
    for klass, trainees in hub.members.items():
        for trainee in trainees:
            right = trainee == trainees[0]
            hub.fetch_and_submit(klass, trainee, (lambda t, who=trainee: put_as(who, SOLVED, t))
                                 if right else None)
    settings = load_settings(hub.dir)
    scores = {}
    for klass in hub.members:
        graded = hub.tdp("hub", "class", "grade", klass, "bai1")
        assert graded.returncode == 0, graded.stderr
        with Gradebook(driver_url(settings.klass(klass).gradebook_url)) as gradebook:
            scores[klass] = {s.student_id: (s.code_score, s.max_code_score)
                             for s in gradebook.assignment_submissions("bai1")}
    return scores
