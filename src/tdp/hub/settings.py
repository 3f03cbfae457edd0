"""The province deployment's settings: one YAML file that `tdp hub init` writes and
`deploy/hub/jupyterhub_config.py` reads, so JupyterHub, the classes' nbgrader courses and the
`tdp` store are configured from one place.

Everything shared lives in PostgreSQL (the hub, every class's gradebook, the store, the
accounts): nothing in the deployment uses SQLite, so the same files run on one server or
under Kubernetes.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field

from tdp.errors import InputError

SETTINGS_FILE = "hub.yaml"
PROVINCE_SERVICE = "tinh"  # the province dashboard; also its staff's group and class id
CLASS_ID = r"^[a-z][a-z0-9_]{1,30}$"


class HubClass(BaseModel):
    """One class: an nbgrader course (`course_id` = `id`) served as a JupyterHub service."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=CLASS_ID)
    title: str
    ward: str
    trainers: list[str] = []
    port: int = Field(ge=1024, le=65535)
    gradebook_url: str

    @property
    def grader_user(self) -> str:
        """The system account the class's formgrader service runs as (nbgrader's layout)."""
        return f"grader-{self.id}".replace("_", "-")

    @property
    def student_group(self) -> str:
        return f"nbgrader-{self.id}"

    @property
    def grader_group(self) -> str:
        return f"formgrade-{self.id}"


class HubSettings(BaseModel):
    """What a province's hub needs; paths are absolute once loaded."""

    model_config = ConfigDict(extra="forbid")

    province: str
    province_name: str
    dir: Path
    bind_url: str = "http://127.0.0.1:8000"
    hub_port: int = 8081  # the hub's own API, behind the proxy (localhost only)
    proxy_api_port: int = 8001  # configurable-http-proxy's REST API (localhost only)
    province_port: int = 10099  # the province dashboard service (localhost only)
    hub_db_url: str
    store_url: str
    accounts_url: str
    admin_db_url: str = ""
    prefix: str = "tdp"
    # PostgreSQL's CONNECTION LIMIT of each account's role and of each class's gradebook
    # role: a hostile kernel (or formgrader) holds that many of the server's max_connections
    # at most. A trainee's kernels use one or two each; a formgrader one.
    connections_per_account: int = Field(default=10, ge=1)
    connections_per_class: int = Field(default=10, ge=1)
    classes: list[HubClass] = []

    @property
    def exchange(self) -> Path:
        return self.dir / "exchange"

    @property
    def homes(self) -> Path:
        return self.dir / "home"

    @property
    def courses(self) -> Path:
        return self.dir / "courses"

    @property
    def jupyter_config(self) -> Path:
        """Global Jupyter config every spawned server reads (nbgrader's exchange and auth)."""
        return self.dir / "etc" / "jupyter"

    def admin_token(self) -> str:
        """The `tdp-admin` service's API token (written by `tdp hub init`, private)."""
        return (self.dir / "admin_token").read_text().strip()

    def course_dir(self, class_id: str) -> Path:
        return self.courses / class_id

    def klass(self, class_id: str) -> HubClass:
        found = next((c for c in self.classes if c.id == class_id), None)
        if found is None:
            known = ", ".join(c.id for c in self.classes) or "(chưa có lớp nào)"
            raise InputError(f"Không có lớp '{class_id}'. Các lớp: {known}")
        return found


def load_settings(directory: Path) -> HubSettings:
    """The settings in `directory`, with a Vietnamese line when they are missing or broken."""
    path = directory / SETTINGS_FILE
    if not path.is_file():
        raise InputError(f"Chưa có cấu hình hub trong {directory}: chạy 'tdp hub init' trước")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        return HubSettings.model_validate({**data, "dir": directory.resolve()})
    except (yaml.YAMLError, ValueError) as exc:
        first = str(exc).splitlines()[0]
        raise InputError(f"Tệp {path} không đúng ({first}): sửa tệp hoặc chạy lại 'tdp hub init'")\
            from None


def save_settings(settings: HubSettings) -> Path:
    path = settings.dir / SETTINGS_FILE
    data = settings.model_dump(mode="json", exclude={"dir"})
    header = ("# Cấu hình hub của tỉnh — do 'tdp hub init' và 'tdp hub class add' ghi.\n"
              "# Mật khẩu cơ sở dữ liệu nằm trong các địa chỉ *_url: giữ tệp này kín.\n")
    path.write_text(header + yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
                    encoding="utf-8")
    path.chmod(0o600)
    return path


def database_url(base: str, name: str) -> str:
    """`base` (any PostgreSQL URL) pointing at database `name` instead."""
    if not re.fullmatch(r"[a-z][a-z0-9_]*", name):
        raise InputError(f"Tên cơ sở dữ liệu '{name}' không hợp lệ")
    head, _, _ = base.rpartition("/")
    return f"{head}/{name}"


def driver_url(url: str) -> str:
    """nbgrader's gradebook takes any SQLAlchemy URL; psycopg 3 is the driver we ship."""
    return url if "+psycopg" in url else url.replace("postgresql://", "postgresql+psycopg://", 1)
