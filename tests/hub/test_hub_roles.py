"""The hub's PostgreSQL roles from the inside: what a trainer's code in their class's
formgrader (its grader account) and a trainee's kernel can reach with the addresses they can
find, how many connections each may hold, and who connects to the maintenance databases.
(`tdp.hub.gradebook_access`, `tdp.hub.store_access`; a real hub, as tests/hub/test_hub.py.)"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hubserver import Hub, parse_logins

pytestmark = pytest.mark.slow

# A trainer's code in the class's formgrader server: the gradebook's address is in the class's
# nbgrader_config.py (its folder is the service's TDP_ROOT); `ARGS` names the other targets.
GRADER_PROBE = r"""
import json, os
from nbgrader.api import Gradebook
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from traitlets.config.loader import PyFileConfigLoader

args = json.loads(ARGS)
config = PyFileConfigLoader("nbgrader_config.py", path=os.environ["TDP_ROOT"]).load_config()
url = make_url(config.CourseDirectory.db_url)
seen = {"role": url.username}


def attempt(name, target, sql="SELECT 1"):
    try:
        with create_engine(target).begin() as conn:
            seen[name] = "allowed " + repr(conn.execute(text(sql)).fetchall())
    except Exception as exc:
        seen[name] = "refused " + type(exc).__name__ + " " + str(exc).splitlines()[0]


with Gradebook(url.render_as_string(hide_password=False), args["course"]) as own:
    seen["own submissions"] = sorted(s.student_id for s in own.assignment_submissions("bai1"))
for database in args["databases"]:  # the other class's gradebook, the store, the hub's, ...
    attempt(database, url.set(database=database))
attempt("other class's role, own password", url.set(username=args["other_role"]))
attempt("a trainee's store role, own password",
        url.set(username=args["trainee_role"], database=args["store"]))
attempt("admin, own password", url.set(username="postgres"))
attempt("admin, no password", url.set(username="postgres", password=None))
print(json.dumps(seen, ensure_ascii=False))
"""

# Connections held open at once with the role of the address in the environment or config.
CONNECTIONS = r"""
import json, os, psycopg
from sqlalchemy.engine import make_url
from traitlets.config.loader import PyFileConfigLoader

if "TDP_DATABASE_URL" in os.environ:
    url = make_url(os.environ["TDP_DATABASE_URL"])
else:
    url = make_url(PyFileConfigLoader("nbgrader_config.py", path=os.environ["TDP_ROOT"])
                   .load_config().CourseDirectory.db_url)
held, error = [], None
for _ in range(TRIES):
    try:
        held.append(psycopg.connect(host=url.host, port=url.port, user=url.username,
                                    password=url.password, dbname=url.database))
    except psycopg.OperationalError as exc:
        error = str(exc)
        break
print(json.dumps({"held": len(held), "error": error, "role": url.username}))
"""


def _grader_of(hub: Hub, klass: str) -> str:
    from tdp.hub.settings import load_settings

    return load_settings(hub.dir).klass(klass).grader_user


def _as_admin(url: str, *statements: str) -> None:
    from sqlalchemy import create_engine, text

    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            for statement in statements:
                conn.execute(text(statement))
    finally:
        engine.dispose()


def _config_db_url(config: Path) -> str:
    from traitlets.config.loader import PyFileConfigLoader

    return PyFileConfigLoader(config.name, path=str(config.parent)).load_config() \
        .CourseDirectory.db_url


def _admin_rows(url: str, sql: str, **params: object) -> list[tuple]:
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return [tuple(r) for r in conn.execute(text(sql), params).all()]
    finally:
        engine.dispose()


def _readable_with(hub: Hub, account: str, secret: str) -> list[str]:
    """The files in the hub's folder that hold `secret` and that `account` can read."""
    holding = subprocess.run(["grep", "-rlsF", secret, str(hub.dir)], capture_output=True,
                             text=True).stdout.split()
    return [path for path in holding if subprocess.run(
        ["runuser", "-u", account, "--", "head", "-c", "1", path],
        capture_output=True).returncode == 0]


def test_a_classs_grader_account_reaches_only_its_own_gradebook(hub: Hub, graded_bai1) -> None:
    """Code run as class A's grader account, with its formgrader's real environment and its
    real nbgrader_config.py, reads A's gradebook and nothing else: not class B's gradebook,
    the store (any trainee's schema), the hub's or the accounts' databases, the maintenance
    databases; it cannot log in as B's role, a trainee's or the admin. Nothing it can read
    names the admin's password; A's formgrader still reads and writes A's grades."""
    from sqlalchemy.engine import make_url

    from tdp.hub.settings import driver_url, load_settings
    from tdp.hub.store_access import StoreAccess

    (class_a, trainer_a), (class_b, _) = list(hub.classes.items())[:2]
    settings = load_settings(hub.dir)
    grader = _grader_of(hub, class_a)
    env = hub.server_environment(grader)  # its formgrader service, as the hub started it
    assert hub.pg_admin_password not in json.dumps(env)
    assert _readable_with(hub, grader, hub.pg_admin_password) == []

    other = settings.klass(class_b)
    databases = [make_url(u).database for u in (other.gradebook_url, settings.store_url,
                                                settings.hub_db_url, settings.accounts_url)]
    args = {"course": class_a, "databases": [*databases, "postgres", "template1"],
            "other_role": f"{settings.prefix}-{other.grader_user}", "store": databases[1],
            "trainee_role": StoreAccess.of(settings).role(hub.members[class_a][0])}
    seen = json.loads(hub.run_as(grader, f"ARGS = {json.dumps(args)!r}\n{GRADER_PROBE}"))

    assert seen.pop("role") == f"{settings.prefix}-{grader}"
    assert set(hub.members[class_a]) <= set(seen.pop("own submissions"))
    for what, outcome in seen.items():
        assert outcome.startswith("refused"), (what, outcome)
    for database in args["databases"]:
        assert "permission denied for database" in seen[database], seen[database]
    assert "password authentication failed" in seen["other class's role, own password"]

    trainer = hub.login(trainer_a)  # the formgrader, as the class's role, reads and writes
    base = f"{hub.url}/services/{class_a}/formgrader/api"
    listed = trainer.get(f"{base}/submitted_notebooks/bai1/bai1", timeout=120)
    assert listed.status_code == 200, listed.text[:300]
    submissions = listed.json()
    assert set(hub.members[class_a]) <= {s["student"] for s in submissions}
    grades = trainer.get(f"{base}/grades", params={"submission_id": submissions[0]["id"]},
                         timeout=120).json()
    manual = next(g for g in grades if g["cell_type"] == "markdown" and g["max_score"])
    xsrf = trainer.cookies.get("_xsrf", path=f"/services/{class_a}/") or ""
    put = trainer.put(f"{base}/grade/{manual['id']}", json={"manual_score": manual["max_score"]},
                      headers={"X-XSRFToken": xsrf}, timeout=120)
    assert put.status_code == 200, put.text[:300]
    from nbgrader.api import Gradebook

    with Gradebook(driver_url(settings.klass(class_a).gradebook_url)) as gradebook:  # admin
        assert gradebook.find_grade_by_id(manual["id"]).manual_score == manual["max_score"]


@pytest.mark.parametrize("who", ["trainee", "class"])
def test_a_role_holds_at_most_its_connection_limit(hub: Hub, graded_bai1, who: str) -> None:
    """A hostile kernel (a trainee's, with its server's address) or formgrader (with its
    class's) opening connection after connection is stopped by PostgreSQL at the hub's limit
    for its role, far below the server's max_connections."""
    from tdp.hub.settings import load_settings

    settings = load_settings(hub.dir)
    klass = next(iter(hub.members))
    if who == "trainee":
        account, limit = hub.members[klass][0], settings.connections_per_account
        hub.open_app(hub.login(account), account, "tree")
    else:
        account, limit = _grader_of(hub, klass), settings.connections_per_class
    assert limit < 90  # the test server's max_connections is 100: the limit is what stops it
    found = json.loads(hub.run_as(account, f"TRIES = {limit + 3}\n{CONNECTIONS}"))
    assert found["error"] is not None, found
    assert f'too many connections for role "{found["role"]}"' in found["error"], found
    assert 0 < found["held"] <= limit


def test_no_role_but_the_admin_connects_to_the_maintenance_databases(hub: Hub) -> None:
    """`postgres` and `template1` (CONNECT to every role by default) are closed to every role
    the hub made; the admin still connects there."""
    from tdp.hub.settings import load_settings

    settings = load_settings(hub.dir)
    open_to = _admin_rows(settings.admin_db_url, """
        SELECT r.rolname, d.datname FROM pg_roles r CROSS JOIN pg_database d
         WHERE d.datname IN ('postgres', 'template1') AND r.rolcanlogin AND NOT r.rolsuper
           AND has_database_privilege(r.oid, d.oid, 'CONNECT')""")
    assert open_to == []
    made = _admin_rows(settings.admin_db_url, "SELECT count(*) FROM pg_roles WHERE rolname "
                       "LIKE :p AND rolcanlogin", p=f"{settings.prefix}%")
    assert made[0][0] >= len(hub.logins)  # the hub's roles are there, and refused
    trainee = hub.members[next(iter(hub.members))][0]
    hub.open_app(hub.login(trainee), trainee, "tree")
    tried = hub.run_as(trainee, """
import os
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
for name in ("postgres", "template1"):
    try:
        create_engine(make_url(os.environ["TDP_DATABASE_URL"]).set(database=name)).connect()
        print(name, "allowed")
    except Exception as exc:
        print(name, "refused", str(exc).splitlines()[0])
""")
    assert tried.count("permission denied for database") == 2, tried
    assert _admin_rows(settings.admin_db_url, "SELECT current_database()") == [("postgres",)]


def test_a_class_made_by_an_older_version_gets_its_role_at_the_next_release(
        hub: Hub, request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """A class as an older version left it (gradebook made and owned by the admin, its role
    missing, its config naming the admin's address): `tdp hub class release` hands the
    gradebook and everything in it to the class's own role, with its connection limit, and
    rewrites the config with that role's address; the old config is kept, but not for the
    grader account to read."""
    from nbgrader.api import Gradebook
    from sqlalchemy.engine import make_url

    from tdp.hub.settings import driver_url, load_settings

    klass = "c" + next(iter(hub.classes))[1:]
    added = hub.tdp("hub", "class", "add", klass, "--trainer", "Đỗ Thị Cũ", "--ward", "pleiku")
    assert added.returncode == 0, added.stderr
    hub.logins.update(parse_logins(added.stdout))  # removed with the hub's accounts
    settings = load_settings(hub.dir)
    grader = settings.klass(klass).grader_user
    request.addfinalizer(lambda: subprocess.run(["userdel", grader], capture_output=True))
    role = f"{settings.prefix}-{grader}"
    admin_url = settings.klass(klass).gradebook_url
    database = make_url(admin_url).database
    config = settings.course_dir(klass) / "nbgrader_config.py"
    config.write_text(config.read_text(encoding="utf-8").replace(  # as the older version wrote
        _config_db_url(config), driver_url(admin_url)), encoding="utf-8")
    assert _config_db_url(config) == driver_url(admin_url)
    _as_admin(admin_url, f'ALTER DATABASE "{database}" OWNER TO CURRENT_USER',
              f'DROP ROLE IF EXISTS "{role}"')
    monkeypatch.setenv("PATH", f"{Path(sys.executable).parent}:{os.environ['PATH']}")
    with Gradebook(driver_url(admin_url), klass):  # nbgrader's tables (`alembic` stamps them)
        pass
    before = _owners(admin_url)
    assert before and {owner for _, owner in before} == {"postgres"}

    released = hub.tdp("hub", "class", "release", klass, "bai1")
    assert released.returncode == 0, released.stderr

    assert {owner for _, owner in _owners(admin_url)} == {role}
    assert _admin_rows(admin_url, "SELECT pg_get_userbyid(datdba), rolconnlimit FROM "
                       "pg_database, pg_roles WHERE datname = :d AND rolname = :r",
                       d=database, r=role) == [(role, settings.connections_per_class)]
    url = _config_db_url(config)
    assert make_url(url).username == role
    assert hub.pg_admin_password not in config.read_text(encoding="utf-8")
    assert list(config.parent.glob("nbgrader_config.cu-*.py"))  # the old one, kept aside
    assert _readable_with(hub, grader, hub.pg_admin_password) == []
    with Gradebook(url, klass) as gradebook:  # the release wrote there as the class's role
        assert [a.name for a in gradebook.assignments] == ["bai1"]


def _owners(url: str) -> list[tuple]:
    """(object, owner) of the gradebook's tables, sequences and types (nbgrader's)."""
    return _admin_rows(url, """
        SELECT c.relname, pg_get_userbyid(c.relowner) FROM pg_class c
          JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE n.nspname = 'public' AND c.relkind IN ('r', 'S')
        UNION ALL
        SELECT t.typname, pg_get_userbyid(t.typowner) FROM pg_type t
          JOIN pg_namespace n ON n.oid = t.typnamespace
         WHERE n.nspname = 'public' AND t.typtype = 'e'""")
