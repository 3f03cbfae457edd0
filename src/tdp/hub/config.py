"""What `deploy/hub/jupyterhub_config.py` sets: written as a function so it is tested.

Roles (JupyterHub RBAC) — nbgrader's documentation does not list them, so here they are:
- `formgrade-<class>` (the class's trainers): `access:services!service=<class>`, the
  formgrader of their own class and no other;
- `nbgrader-<class>` (trainees and trainers): `list:services` and
  `read:services!service=<class>`, so nbgrader's course list finds the class;
- `grader-<class>` (the class's service): read the users and groups of that class only
  (`read:users`, `read:groups!group=nbgrader-<class>`, `groups!group=nbgrader-<class>`),
  which nbgrader's `JupyterHubAuthPlugin` uses to list and enrol students;
- `server` (each trainee's own server): `inherit`, as nbgrader's demo does, so the
  assignment list can ask the hub which courses its owner is in.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from tdp.hub.settings import PROVINCE_SERVICE, HubClass, HubSettings, load_settings
from tdp.paths import project_root

ADMIN_SERVICE = "tdp-admin"  # `tdp hub class member` enrols new accounts in a running hub
TEMPLATES = Path(__file__).resolve().parents[3] / "deploy" / "hub" / "templates"


def proxy_command(root: Path) -> list[str]:
    """configurable-http-proxy from the project's npm install (`make hub`), else PATH."""
    local = root / "node_modules" / ".bin" / "configurable-http-proxy"
    found = str(local) if local.exists() else shutil.which("configurable-http-proxy")
    return [found or "configurable-http-proxy"]


def roles(settings: HubSettings) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = [
        {"name": "server", "scopes": ["inherit"]},
        {"name": ADMIN_SERVICE, "services": [ADMIN_SERVICE],
         "scopes": ["admin:users", "groups", "list:groups"]},
        {"name": "province-staff", "groups": [PROVINCE_SERVICE],
         "scopes": [f"access:services!service={PROVINCE_SERVICE}"]},
    ]
    for k in settings.classes:
        out += [
            {"name": k.grader_group, "groups": [k.grader_group],
             "scopes": [f"access:services!service={k.id}"]},
            {"name": k.student_group, "groups": [k.student_group],
             "scopes": ["list:services", f"read:services!service={k.id}"]},
            {"name": f"grader-{k.id}", "services": [k.id],
             "scopes": ["read:users", f"read:groups!group={k.student_group}",
                        f"groups!group={k.student_group}"]},
        ]
    return out


def groups(settings: HubSettings) -> dict[str, dict[str, list[str]]]:
    """nbgrader's groups from the accounts table, read at every hub start (members added
    while the hub runs are also added through its API by `tdp hub class member`)."""
    from tdp.hub.accounts import AccountBook

    book = AccountBook(settings.accounts_url)
    try:
        accounts = book.members()
    finally:
        book.dispose()
    out: dict[str, dict[str, list[str]]] = {}
    for k in settings.classes:
        members = [a for a in accounts if a.class_id == k.id]
        out[k.student_group] = {"users": [a.username for a in members]}
        out[k.grader_group] = {"users": [k.grader_user] + [
            a.username for a in members if a.role == "giang_vien"]}
    out[PROVINCE_SERVICE] = {"users": [a.username for a in accounts if a.role == "tinh"]}
    return out


def services(settings: HubSettings, python: Path) -> list[dict[str, Any]]:
    singleuser = str(python.parent / "jupyterhub-singleuser")
    env = server_environment(settings)
    admin: dict[str, Any] = {"name": ADMIN_SERVICE, "api_token": settings.admin_token()}
    province: dict[str, Any] = {
        "name": PROVINCE_SERVICE, "display": False,
        "url": f"http://127.0.0.1:{settings.province_port}",
        "command": [str(python), "-m", "tdp.hub.province_service"],
        "environment": {**env, "TDP_HUB_DIR": str(settings.dir)},
        "oauth_no_confirm": True,
    }
    return [admin, province] + [{
        "name": k.id,
        "display": False,
        "url": f"http://127.0.0.1:{k.port}",
        "command": [singleuser, f"--ServerApp.root_dir={settings.course_dir(k.id)}",
                    "--ServerApp.default_url=/formgrader"],
        "user": k.grader_user,
        "cwd": str(settings.course_dir(k.id)),
        "oauth_no_confirm": True,
        "environment": grader_environment(settings, k),
    } for k in settings.classes]


def grader_environment(settings: HubSettings, klass: HubClass) -> dict[str, str]:
    """What a class's grader account runs with, in its formgrader service and in `tdp hub`'s
    nbgrader steps: nothing of root's environment (the admin's database address), its
    gradebook's address only in its own folder's `nbgrader_config.py` (its own role's)."""
    course = settings.course_dir(klass.id)
    return {**server_environment(settings), "TDP_ROOT": str(course),
            "JUPYTER_CONFIG_DIR": str(course / ".jupyter"), "TDP_VAR_DIR": str(course / "var")}


def server_environment(settings: HubSettings) -> dict[str, str]:
    """What every spawned server and class service sees: no database address at all (each
    account's server gets its own store address from `CourseSpawner`, a class's service
    names its gradebook in its own private folder)."""
    import os
    import sys

    from tdp.app.server import SHARE_DIR

    return {
        "PATH": os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")]),
        "TDP_COURSE_DIR": str(project_root() / "course"),
        "JUPYTER_PATH": str(SHARE_DIR),
        "JUPYTER_CONFIG_PATH": str(settings.jupyter_config),
        "PYTHONNOUSERSITE": "1",
    }


def configure(c: Any, directory: Path, python: Path) -> HubSettings:
    """Fill JupyterHub's config object `c` from the province's settings in `directory`."""
    from tdp.hub.spawner import CourseSpawner

    settings = load_settings(directory)
    root = project_root()
    c.JupyterHub.bind_url = settings.bind_url
    c.JupyterHub.hub_bind_url = f"http://127.0.0.1:{settings.hub_port}"
    c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{settings.proxy_api_port}"
    c.JupyterHub.db_url = settings.hub_db_url
    c.JupyterHub.cookie_secret_file = str(settings.dir / "jupyterhub_cookie_secret")
    c.JupyterHub.pid_file = str(settings.dir / "jupyterhub.pid")
    c.JupyterHub.template_paths = [str(TEMPLATES)]
    c.JupyterHub.template_vars = {"province_name": settings.province_name}
    c.JupyterHub.implicit_spawn_seconds = 0.5
    c.JupyterHub.authenticator_class = "tdp.hub.auth.ClassListAuthenticator"
    c.ClassListAuthenticator.accounts_url = settings.accounts_url
    c.Authenticator.any_allow_config = True  # the accounts table is the allow-list
    c.JupyterHub.load_groups = groups(settings)
    c.JupyterHub.spawner_class = CourseSpawner
    c.CourseSpawner.homes = str(settings.homes)
    c.CourseSpawner.hub_dir = str(settings.dir)
    c.CourseSpawner.course_notebooks = str(root / "notebooks")
    c.Spawner.cmd = [str(python.parent / "jupyterhub-singleuser")]
    c.Spawner.environment = server_environment(settings)
    c.Spawner.default_url = "/voila/render/app/thuc_hanh.ipynb"
    c.Spawner.http_timeout = 120
    c.Spawner.start_timeout = 120
    c.ConfigurableHTTPProxy.command = proxy_command(root)
    c.JupyterHub.load_roles = roles(settings)
    c.JupyterHub.services = services(settings, python)
    return settings
