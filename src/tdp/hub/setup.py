"""Writing a province's hub: settings, folders, databases, classes and accounts.

`init` and `add_class` only write files with `dry_run`; otherwise they also create the
PostgreSQL databases (hub, store, accounts, one gradebook per class) through the admin URL,
closed to every other role; per class, its gradebook's own role (`gradebook_access`); and,
per account, the system account the spawner runs its server as (`useradd`, as TLJH does) and
its own role and schema in the store (`store_access`).
"""

from __future__ import annotations

import pwd
import subprocess
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from tdp.errors import InputError
from tdp.hub import store_access
from tdp.hub.accounts import AccountBook, username_for
from tdp.hub.gradebook_access import GradebookAccess
from tdp.hub.settings import (
    PROVINCE_SERVICE,
    HubClass,
    HubSettings,
    database_url,
    load_settings,
    save_settings,
)


def _free_port() -> int:
    """A port nothing listens on now: several hubs (or a hub and tests) share one machine."""
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _province_name(province: str) -> str:
    from tdp.catalog import load_catalog

    found = load_catalog().wards.province(province)
    if found is None:
        known = ", ".join(p.id for p in load_catalog().wards.provinces)
        raise InputError(f"Không có tỉnh '{province}' trong course/wards.yaml. Có: {known}")
    return found.name


def create_database(admin_url: str, url: str) -> None:
    """`CREATE DATABASE` for `url`'s database, unless it exists."""
    name = make_url(url).database
    engine = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            exists = conn.execute(text("SELECT 1 FROM pg_database WHERE datname = :n"),
                                  {"n": name}).first()
            if not exists:
                conn.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as exc:  # noqa: BLE001 - any driver error becomes one Vietnamese line
        raise InputError(f"Không tạo được cơ sở dữ liệu '{name}' ({type(exc).__name__}): kiểm "
                         "tra địa chỉ PostgreSQL (--pg) và quyền của tài khoản") from None
    finally:
        engine.dispose()


def init(directory: Path, province: str, pg_admin_url: str, bind_url: str,
         dry_run: bool = False, prefix: str = "tdp") -> HubSettings:
    """Write `hub.yaml` and the folders; create the databases unless `dry_run`."""
    if not pg_admin_url.startswith("postgresql"):
        raise InputError("Hub của tỉnh dùng PostgreSQL: --pg phải là địa chỉ postgresql://…")
    directory = directory.resolve()
    if (directory / "hub.yaml").exists():
        raise InputError(f"{directory} đã có cấu hình hub: dùng thư mục khác hoặc xóa nó")
    settings = HubSettings(
        province=province, province_name=_province_name(province), dir=directory,
        bind_url=bind_url, admin_db_url=pg_admin_url, prefix=prefix,
        hub_port=_free_port(), proxy_api_port=_free_port(), province_port=_free_port(),
        hub_db_url=database_url(pg_admin_url, f"{prefix}_hub"),
        store_url=database_url(pg_admin_url, f"{prefix}_store"),
        accounts_url=database_url(pg_admin_url, f"{prefix}_accounts"),
    )
    databases = (settings.hub_db_url, settings.store_url, settings.accounts_url)
    if not dry_run:
        # first: a mistyped address or password must leave nothing behind, so that the
        # admin can simply run the same command again once it is right
        for url in databases:
            create_database(pg_admin_url, url)
    for folder in (directory, settings.homes, settings.courses, settings.jupyter_config):
        folder.mkdir(parents=True, exist_ok=True)
    directory.chmod(0o711)
    settings.homes.chmod(0o711)
    settings.exchange.mkdir(exist_ok=True)
    settings.exchange.chmod(0o1777)  # nbgrader's exchange: every user writes, sticky bit
    for name in ("jupyterhub_cookie_secret", "admin_token", store_access.KEY_FILE):
        store_access.write_secret(directory / name)
    write_nbgrader_global(settings)
    save_settings(settings)
    if not dry_run:
        lock_down(settings)
    return settings


def lock_down(settings: HubSettings) -> None:
    """Every database of the hub (and the cluster's maintenance ones) closed to all roles but
    whom the hub names; again at each `tdp hub up`, for a hub set up by an older version."""
    store_access.StoreAccess.of(settings).lock_down(
        settings.hub_db_url, settings.store_url, settings.accounts_url,
        *(k.gradebook_url for k in settings.classes))


def prepare_class(settings: HubSettings, klass: HubClass) -> None:
    """The class's gradebook role, and its `nbgrader_config.py` naming that role's address:
    before each release, grading and start of the hub (a class made by an older version,
    whose gradebook the admin owns and whose config names the admin's address, gets both)."""
    GradebookAccess.of(settings, klass.id).ensure()
    write_course_config(settings, klass)


def write_nbgrader_global(settings: HubSettings) -> Path:
    """nbgrader's global config for every server: the exchange and the hub's groups."""
    titles = {k.id: k.title for k in settings.classes}
    path = settings.jupyter_config / "nbgrader_config.py"
    path.write_text(
        "from nbgrader.auth import JupyterHubAuthPlugin\n"
        "c = get_config()  # noqa: F821\n"
        f"c.Exchange.root = {str(settings.exchange)!r}\n"
        "c.Exchange.path_includes_course = True\n"
        "c.Authenticator.plugin_class = JupyterHubAuthPlugin\n"
        f"c.NbGrader.course_titles = {titles!r}\n", encoding="utf-8")
    (settings.jupyter_config / "jupyter_server_config.json").write_text(
        '{"VoilaConfiguration": {"template": "tdp", "show_tracebacks": false,'
        ' "strip_sources": true}}\n', encoding="utf-8")
    return path


def ensure_system_user(name: str, home: Path) -> None:
    """The system account a server runs as (no login shell, no password)."""
    try:
        pwd.getpwnam(name)
        return
    except KeyError:
        pass
    done = subprocess.run(["useradd", "--system", "--no-create-home", "--home-dir", str(home),
                           "--shell", "/usr/sbin/nologin", name], capture_output=True, text=True)
    if done.returncode != 0:
        raise InputError(f"Không tạo được tài khoản hệ thống '{name}' (cần quyền root): "
                         f"{done.stderr.strip()}")


def add_class(directory: Path, class_id: str, trainer: str, ward: str,
              dry_run: bool = False) -> tuple[HubClass, tuple[str, str] | None]:
    """A new class: its nbgrader course, gradebook database, grader account, trainer."""
    from tdp.catalog import load_catalog

    settings = load_settings(directory)
    if any(k.id == class_id for k in settings.classes):
        raise InputError(f"Lớp '{class_id}' đã có")
    if load_catalog().wards.commune(ward) is None:
        known = ", ".join(c.id for c in load_catalog().wards.communes)
        raise InputError(f"Không có xã, phường '{ward}'. Dùng một trong: {known}")
    port = _free_port()
    klass = HubClass.model_validate({
        "id": class_id, "title": f"Lớp {class_id}", "ward": ward, "port": port,
        "gradebook_url": database_url(settings.admin_db_url, f"{settings.prefix}_gb_{class_id}"),
    })
    klass.trainers.append(trainer)
    settings.classes.append(klass)
    course = settings.course_dir(class_id)
    (course / "var").mkdir(parents=True, exist_ok=True)
    write_course_config(settings, klass)
    write_nbgrader_global(settings)
    save_settings(settings)
    if not dry_run:
        create_database(settings.admin_db_url, klass.gradebook_url)
        lock_down(settings)
        GradebookAccess.of(settings, class_id).ensure()
        ensure_system_user(klass.grader_user, course)
        chown_tree(course, klass.grader_user)
        return klass, add_account(directory, class_id, trainer, role="giang_vien")
    return klass, None


# A class's service only grades: without JupyterLab, Voilà and the terminals it starts in a
# few seconds, within the ~10 s JupyterHub gives a managed service before giving up.
_GRADER_ONLY = {"ServerApp": {"jpserver_extensions": {name: False for name in (
    "jupyterlab", "jupyter_lsp", "jupyter_server_terminals", "notebook",
    "voila.server_extension")}}}


def write_course_config(settings: HubSettings, klass: HubClass) -> None:
    """The class's `nbgrader_config.py`: `class_course`'s values written out, so the
    formgrader, the grader account's nbgrader and the caged grading agree on every folder;
    and, for the grader account only (its JUPYTER_CONFIG_DIR), no running of submissions
    (`tdp.hub.uncaged`): the formgrader has no cage.
    Written again before each release and grading (a class added by an older version gets
    the current folders); a different file there is moved aside, not lost, and closed to the
    grader account (an older one names the admin's address)."""
    import json

    from tdp.hub.course import class_course
    from tdp.paths import move_aside

    settings.course_dir(klass.id).chmod(0o700)  # its config names the gradebook's address
    _close_kept_configs(settings.course_dir(klass.id))
    server_config = settings.course_dir(klass.id) / ".jupyter"
    server_config.mkdir(exist_ok=True)
    (server_config / "jupyter_server_config.json").write_text(json.dumps(_GRADER_ONLY))
    (server_config / "nbgrader_config.py").write_text(  # the grader account's own nbgrader
        "c = get_config()  # noqa: F821\n"
        "c.Autograde.autograde_preprocessors = ['tdp.hub.uncaged.RefuseUncagedGrading']\n",
        encoding="utf-8")
    lines = ["c = get_config()  # noqa: F821"] + [
        f"c.{key} = {value!r}" for key, value in class_course(settings, klass.id).values().items()]
    text = "\n".join(lines) + "\n"
    path = settings.course_dir(klass.id) / "nbgrader_config.py"
    if path.is_file() and path.read_text(encoding="utf-8") == text:
        return
    move_aside(path)
    _close_kept_configs(path.parent)
    path.write_text(text, encoding="utf-8")


def _close_kept_configs(course: Path) -> None:
    """The class's earlier configs, kept aside, to root only: an older version's names the
    admin's database address, and the grader account owns the folder (and maybe the file)."""
    import os

    for kept in course.glob("nbgrader_config.cu-*.py"):
        if os.geteuid() == 0:
            os.chown(kept, 0, 0, follow_symlinks=False)
        kept.chmod(0o600)


def chown_tree(path: Path, owner: str) -> None:
    """`path` and everything in it to `owner` (a folder the grading, as root, wrote in)."""
    import os

    entry = pwd.getpwnam(owner)
    for p in [path, *path.rglob("*")]:
        os.chown(p, entry.pw_uid, entry.pw_gid, follow_symlinks=False)


def add_account(directory: Path, class_id: str, ho_ten: str, role: str = "hoc_vien") \
        -> tuple[str, str]:
    """Create a hub account (and its system account) in a class: (username, password)."""
    settings = load_settings(directory)
    if class_id != PROVINCE_SERVICE:
        settings.klass(class_id)
    book = AccountBook(settings.accounts_url)
    try:
        number = len(book.members(class_id)) + 1
        username = username_for(class_id, number)
        password = book.add(username, ho_ten, class_id, role)
    finally:
        book.dispose()
    ensure_system_user(username, settings.homes / username)
    store_access.StoreAccess.of(settings).ensure(username)
    _enrol_in_running_hub(settings, username, class_id, role)
    return username, password


def _enrol_in_running_hub(settings: HubSettings, username: str, class_id: str,
                          role: str) -> None:
    """Add the account to a hub that is running now (a stopped hub reads it at start)."""
    import requests

    api = f"http://127.0.0.1:{settings.hub_port}/hub/api"
    headers = {"Authorization": f"token {settings.admin_token()}"}
    if role == PROVINCE_SERVICE:
        groups = [PROVINCE_SERVICE]
    else:
        klass = settings.klass(class_id)
        groups = [klass.student_group] + ([klass.grader_group] if role == "giang_vien" else [])
    try:
        requests.post(f"{api}/users/{username}", headers=headers, timeout=10)
        for group in groups:
            requests.post(f"{api}/groups/{group}/users", json={"users": [username]},
                          headers=headers, timeout=10)
    except requests.ConnectionError:
        pass  # not running: the groups are loaded from the accounts at its next start


def reset_password(directory: Path, username: str) -> str:
    book = AccountBook(load_settings(directory).accounts_url)
    try:
        return book.reset_password(username)
    finally:
        book.dispose()


def import_members(directory: Path, class_id: str, source: Path) -> list[tuple[str, str, str]]:
    """The class list file (the same one `tdp class import` reads) → one account per new
    trainee: (username, password, name). Nothing is created unless every row is good."""
    from tdp.catalog import load_catalog
    from tdp.classlist.rows import check_rows, ward_lookup
    from tdp.classlist.sheets import read_table
    from tdp.text import name_key

    settings = load_settings(directory)
    settings.klass(class_id)
    wards = ward_lookup((c.id, c.name) for c in load_catalog().wards.communes)
    good, problems = check_rows(read_table(source), wards)
    if problems:
        raise InputError("Chưa tạo tài khoản nào, vì tệp có dòng chưa đúng:\n"
                         + "\n".join(f"  {p}" for p in problems))
    book = AccountBook(settings.accounts_url)
    try:
        known = {name_key(a.ho_ten) for a in book.members(class_id)}
    finally:
        book.dispose()
    created = []
    for row in good:
        if name_key(row.name) in known:
            continue
        username, password = add_account(directory, class_id, row.name)
        created.append((username, password, row.name))
    return created
