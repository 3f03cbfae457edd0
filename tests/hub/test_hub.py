"""The province hub with real logins and real HTTP requests: who reaches what.

Two classes, three trainees and two trainers on a real JupyterHub + proxy + PostgreSQL.
"""

from __future__ import annotations

import os
import pwd
import subprocess

import pytest
from hubserver import Hub, parse_logins

pytestmark = pytest.mark.slow

DRAFT = {"ho_ten_tre": "Nguyễn Thị Mai", "ngay_sinh": "02/03/2026"}


def test_the_login_page_is_vietnamese_and_a_wrong_password_says_so(hub: Hub) -> None:
    import requests

    page = requests.get(f"{hub.url}/hub/login")
    page.encoding = "utf-8"
    assert "Đăng nhập" in page.text and "Mật khẩu" in page.text
    assert "Sign in" not in page.text and "Password:" not in page.text
    trainee = hub.members[next(iter(hub.members))][0]
    session = hub.login(trainee, "sai-mat-khau")
    assert session.login_status == 403
    again = session.get(f"{hub.url}/hub/login")
    assert again.ok


def test_a_trainee_opens_the_portal_app_in_their_own_server(hub: Hub) -> None:
    trainee = hub.members[next(iter(hub.members))][0]
    session = hub.login(trainee)
    assert session.login_status == 302
    home = session.get(f"{hub.url}/hub/home")
    home.encoding = "utf-8"
    assert "Cổng Dịch vụ công (mô phỏng)" in home.text and "BẢN MÔ PHỎNG" in home.text
    page = hub.open_app(session, trainee, "voila/render/app/thuc_hanh.ipynb")
    assert page.status_code == 200, page.text[:500]
    # the course's own Voilà template (Vietnamese, local assets), inside the trainee's server
    assert '<html lang="vi">' in page.text and "tdp.css" in page.text
    assert f"/user/{trainee}/voila/static/" in page.text
    # the server runs as the trainee's own system account, in a private work area
    home_dir = hub.dir / "home" / trainee
    assert home_dir.stat().st_uid == pwd.getpwnam(trainee).pw_uid
    assert oct(home_dir.stat().st_mode & 0o777) == "0o700"


def test_trainees_cannot_reach_each_others_servers_or_the_hub_api(hub: Hub) -> None:
    first, second = hub.members[next(iter(hub.members))][:2]
    session = hub.login(first)
    hub.open_app(session, first, "tree")
    own = session.get(f"{hub.url}/user/{first}/api/contents", allow_redirects=False)
    assert own.status_code == 200
    for path in (f"/user/{second}/api/contents", f"/user/{second}/tree",
                 "/hub/api/users", f"/hub/api/users/{second}", "/hub/admin",
                 "/hub/api/groups"):
        reply = session.get(f"{hub.url}{path}")
        assert reply.status_code in (403, 404), (path, reply.status_code, reply.url)
        assert '"content"' not in reply.text


def test_each_trainer_reaches_their_own_class_formgrader_only(hub: Hub) -> None:
    (class_a, trainer_a), (class_b, _) = list(hub.classes.items())
    session = hub.login(trainer_a)
    own = session.get(f"{hub.url}/services/{class_a}/formgrader", timeout=120)
    assert own.status_code == 200, own.status_code
    other = session.get(f"{hub.url}/services/{class_b}/formgrader", allow_redirects=True)
    assert other.status_code == 403
    trainee = hub.members[class_a][0]
    student = hub.login(trainee)
    denied = student.get(f"{hub.url}/services/{class_a}/formgrader", allow_redirects=True)
    assert denied.status_code == 403


def test_a_trainees_files_are_closed_to_another_trainees_account(hub: Hub) -> None:
    first, second = hub.members[next(iter(hub.members))][:2]
    session = hub.login(first)
    hub.open_app(session, first, "tree")
    secret = hub.dir / "home" / first / "ghi_chu.txt"
    subprocess.run(["runuser", "-u", first, "--", "sh", "-c", f"echo bi-mat > {secret}"],
                   check=True)
    peek = subprocess.run(["runuser", "-u", second, "--", "cat", str(secret)],
                          capture_output=True, text=True)
    assert peek.returncode != 0 and "bi-mat" not in peek.stdout


# What a hostile kernel tries with the store's address it finds in its own environment
# (`ARGS` is prepended: the other trainee's role, the resident, the draft, two databases).
PROBE = r"""
import json, os
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from tdp.screens.drafts import load_draft, save_draft

args = json.loads(ARGS)
other = args["other"]
url = make_url(os.environ["TDP_DATABASE_URL"])
seen = {}


def attempt(name, sql, target=url):
    try:
        with create_engine(target).begin() as conn:
            done = conn.execute(text(sql))
            seen[name] = "allowed " + repr(done.fetchall() if done.returns_rows else done.rowcount)
    except Exception as exc:
        seen[name] = "refused " + type(exc).__name__ + " " + str(exc).splitlines()[0]


save_draft(args["owner"], "khai_sinh", args["mine"])  # the resident of the other's draft
seen["own draft"] = load_draft(args["owner"], "khai_sinh")
attempt("read other", f'SELECT data FROM "{other}".screen_drafts')
attempt("change other", f'UPDATE "{other}".screen_drafts SET data = ' + "'{}'")
attempt("add to other", f'INSERT INTO "{other}".screen_drafts VALUES ' + "('x', 'y', '{}', 'z')")
attempt("drop other", f'DROP TABLE "{other}".screen_drafts')
attempt("as other, own password", "SELECT 1", url.set(username=other))
attempt("as admin, no password", "SELECT 1", url.set(username="postgres", password=None))
attempt("as admin, own password", "SELECT 1", url.set(username="postgres"))
attempt("accounts database", "SELECT 1", url.set(database=args["accounts"]))
attempt("hub database", "SELECT 1", url.set(database=args["hub_db"]))
attempt("public schema", "CREATE TABLE public.chung (i int)")
print(json.dumps(seen, ensure_ascii=False))
"""


def test_a_trainees_kernel_reaches_only_their_own_drafts_in_the_store(hub: Hub) -> None:
    """Trainee A's kernel, with A's real server environment, cannot read, change or drop
    trainee B's draft (same resident, same procedure), nor log in as B or as the admin, nor
    reach the hub's other databases; A's own drafts work, and B's draft is as B left it."""
    import json

    from sqlalchemy.engine import make_url

    from tdp.hub.settings import load_settings
    from tdp.hub.store_access import StoreAccess

    first, second = hub.members[next(iter(hub.members))][:2]
    settings = load_settings(hub.dir)
    for trainee in (first, second):
        hub.open_app(hub.login(trainee), trainee, "tree")
    theirs = {"ho_ten_tre": "Lê Văn Bé", "ngay_sinh": "05/01/2026"}
    hub.run_as(second, "from tdp.screens.drafts import save_draft\n"
                       f"save_draft('nguoi_dan_chung', 'khai_sinh', {theirs!r})")
    env = hub.server_environment(first)
    assert hub.pg_admin_password and hub.pg_admin_password not in json.dumps(env)
    access = StoreAccess.of(settings)
    assert make_url(env["TDP_DATABASE_URL"]).username == access.role(first)

    args = {"other": access.role(second), "owner": "nguoi_dan_chung", "mine": DRAFT,
            "accounts": make_url(settings.accounts_url).database,
            "hub_db": make_url(settings.hub_db_url).database}
    seen = json.loads(hub.run_as(first, f"ARGS = {json.dumps(args)!r}\n{PROBE}"))

    assert seen.pop("own draft") == DRAFT
    for attempt, outcome in seen.items():
        assert outcome.startswith("refused"), (attempt, outcome)
    assert "permission denied" in seen["read other"], seen["read other"]
    assert "password authentication failed" in seen["as other, own password"]
    kept = hub.run_as(second, "from tdp.screens.drafts import load_draft\n"
                              "print(repr(load_draft('nguoi_dan_chung', 'khai_sinh')))")
    assert kept.strip() == repr(theirs)
    klass = next(iter(hub.members))  # the class's config names its gradebook's address
    peek = subprocess.run(["runuser", "-u", first, "--", "cat",
                           str(hub.dir / "courses" / klass / "nbgrader_config.py")],
                          capture_output=True, text=True)
    assert peek.returncode != 0 and hub.pg_admin_password not in peek.stdout


def test_a_forgotten_password_is_reset_by_the_trainer(hub: Hub) -> None:
    trainee = hub.members[list(hub.members)[1]][0]
    reset = hub.tdp("hub", "password", trainee)
    assert reset.returncode == 0, reset.stderr
    new = reset.stdout.strip().split()[-1]
    assert hub.login(trainee, hub.logins[trainee]).login_status == 403
    assert hub.login(trainee, new).login_status == 302
    hub.logins[trainee] = new


def test_a_hub_restart_keeps_accounts_and_work(hub: Hub, graded_bai1) -> None:
    """Accounts, home files, a submission (in the exchange and the class's gradebook) and a
    draft in the store the trainee's server is given: all still there after a restart."""
    klass = next(iter(hub.members))
    first = hub.members[klass][0]
    session = hub.login(first)
    hub.open_app(session, first, "tree")
    note = hub.dir / "home" / first / "truoc_khi_khoi_dong_lai.txt"
    note.write_text("còn đây")
    store_url = hub.server_environment(first)["TDP_DATABASE_URL"]
    assert store_url.startswith("postgresql")  # the shared store, not a file in the work area
    hub.run_as(first, "from tdp.screens.drafts import save_draft\n"
                      f"save_draft({first!r}, 'khai_sinh', {DRAFT!r})")
    submitted = [a for a in hub.assignments(session, first, klass) if a["status"] == "submitted"]
    assert submitted and submitted[0]["submissions"], submitted
    inbound = _inbound(hub, klass, first)
    assert inbound  # the submission itself, in the class's inbox of nbgrader's exchange

    hub.stop()
    hub.start()

    session = hub.login(first)
    assert session.login_status == 302
    assert hub.open_app(session, first, "tree").status_code == 200  # its server, started anew
    assert note.read_text() == "còn đây"
    assert hub.server_environment(first)["TDP_DATABASE_URL"] == store_url
    kept = hub.run_as(first, "from tdp.screens.drafts import load_draft\n"
                             f"print(repr(load_draft({first!r}, 'khai_sinh')))")
    assert kept.strip() == repr(DRAFT)
    after = [a for a in hub.assignments(session, first, klass) if a["status"] == "submitted"]
    assert [s["timestamp"] for s in after[0]["submissions"]] == [
        s["timestamp"] for s in submitted[0]["submissions"]]
    assert _inbound(hub, klass, first) == inbound
    assert _gradebook_scores(hub, klass) == graded_bai1[klass]
    assert os.stat(hub.dir / "hub.yaml").st_mode & 0o077 == 0


def _inbound(hub: Hub, klass: str, trainee: str) -> dict[str, bytes]:
    """The trainee's bai1 submissions in the exchange's inbox: file → content."""
    inbox = hub.dir / "exchange" / klass / "inbound"
    return {str(f.relative_to(inbox)): f.read_bytes()
            for f in sorted(inbox.glob(f"{trainee}+bai1+*/**/*")) if f.is_file()}


def _gradebook_scores(hub: Hub, klass: str) -> dict[str, tuple[float, float]]:
    from nbgrader.api import Gradebook

    from tdp.hub.settings import driver_url, load_settings

    url = driver_url(load_settings(hub.dir).klass(klass).gradebook_url)
    with Gradebook(url) as gradebook:
        return {s.student_id: (s.code_score, s.max_code_score)
                for s in gradebook.assignment_submissions("bai1")}


def test_each_class_releases_collects_and_grades_its_own_work(hub: Hub, graded_bai1) -> None:
    """Trainees fetched, answered and submitted through nbgrader's exchange (`graded_bai1`);
    each class's grades land in that class's gradebook on PostgreSQL, and no trainee reaches
    another class."""
    outsider_class = list(hub.classes)[1]
    for klass, trainees in hub.members.items():
        scores = graded_bai1[klass]
        assert set(scores) == set(trainees), (klass, scores)
        best, full = scores[trainees[0]]  # autograded parts (the written answer is manual)
        assert best == full > 0
        assert all(score < full for t, (score, _) in scores.items() if t != trainees[0])
        if klass == outsider_class:
            continue
        for trainee in trainees:  # not a member of the other class: nothing there
            listed = hub.assignments(hub.login(trainee), trainee, outsider_class)
            assert not [a for a in listed if a["status"] == "released"]


def test_the_province_sees_every_class_in_aggregate_and_nobody_else_does(
        hub: Hub, graded_bai1) -> None:
    import json

    staff = hub.login(hub.staff)
    page = staff.get(f"{hub.url}/services/tinh/", timeout=120)
    page.encoding = "utf-8"
    assert page.status_code == 200, page.status_code
    for klass in hub.classes:
        assert f"Lớp {klass}" in page.text
    assert "bai1" in page.text
    assert "Phường Thống Nhất" in page.text and "Phường Pleiku" in page.text
    assert "Phường Thống Nhất" in hub.tdp("hub", "overview").stdout  # names, not ids
    for name in hub.members[next(iter(hub.members))]:  # aggregates only: no trainee names
        assert name not in page.text
    overview = hub.tdp("hub", "overview", "--json")
    assert overview.returncode == 0, overview.stderr
    rows = {(r["class_id"], r["assignment"]): r for r in json.loads(overview.stdout)}
    for klass, trainees in hub.members.items():
        assert rows[(klass, "bai1")]["submitted"] >= len(trainees)
    for who in (next(iter(hub.classes.values())), hub.members[next(iter(hub.members))][0]):
        denied = hub.login(who).get(f"{hub.url}/services/tinh/")
        assert denied.status_code == 403, who


def test_the_trainers_class_list_file_creates_the_accounts(hub: Hub, tmp_path) -> None:
    import openpyxl

    klass = list(hub.classes)[1]
    bad = tmp_path / "lop_sai.xlsx"
    book = openpyxl.Workbook()
    book.active.append(["Họ và tên", "Phường/xã", "Số điện thoại"])
    book.active.append(["Đinh Thị Dung", "Phường Pleiku", ""])
    book.active.append(["=HYPERLINK(1)", "Phường Pleiku", ""])
    book.save(bad)
    refused = hub.tdp("hub", "class", "import", klass, str(bad))
    assert refused.returncode == 2 and "Dòng 3" in refused.stderr, refused.stderr
    assert "Đinh Thị Dung" not in hub.tdp("hub", "overview").stdout
    good = tmp_path / "lop.xlsx"
    book.active.delete_rows(3)
    book.save(good)
    done = hub.tdp("hub", "class", "import", klass, str(good))
    assert done.returncode == 0, done.stderr
    logins = parse_logins(done.stdout)
    assert len(logins) == 1
    username, password = next(iter(logins.items()))
    assert hub.login(username, password).login_status == 302
    again = hub.tdp("hub", "class", "import", klass, str(good))  # nobody twice
    assert parse_logins(again.stdout) == {}
