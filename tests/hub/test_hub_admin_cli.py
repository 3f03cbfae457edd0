"""What a new province admin meets on the command line before the hub runs: one Vietnamese
line and nothing half-done. Files only (`--dry-run`, or a PostgreSQL address nobody
answers): no hub, no system accounts."""

from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path

import pytest
from postgres import free_port

from tdp.errors import InputError
from tdp.hub.config import proxy_command
from tdp.hub.running import busy_addresses, refuse_without_proxy
from tdp.hub.settings import load_settings
from tdp.hub.setup import add_class, init

TDP = Path(sys.executable).with_name("tdp")
ROOT = Path(__file__).resolve().parents[2]


def tdp(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(TDP), *args], cwd=cwd, capture_output=True, text=True,
                          timeout=300)


def test_a_second_hub_up_refuses_instead_of_stopping_the_running_proxy(tmp_path: Path) -> None:
    with socket.socket() as running:  # what the running hub's proxy holds
        running.bind(("127.0.0.1", 0))
        running.listen()
        port = running.getsockname()[1]
        init(tmp_path / "hub", "gia_lai", "postgresql://tdp@127.0.0.1:5/postgres",
             f"http://127.0.0.1:{port}", dry_run=True)
        assert busy_addresses(load_settings(tmp_path / "hub")) == [f"http://127.0.0.1:{port}"]
        # were it not refused, JupyterHub would start here (and the test would hang)
        up = tdp("hub", "up", "--dir", str(tmp_path / "hub"), cwd=tmp_path)
    assert up.returncode != 0
    assert up.stderr.startswith("tdp: Không chạy hub: địa chỉ http://127.0.0.1:")
    assert "Ctrl+C" in up.stderr and "Traceback" not in up.stderr
    assert not (tmp_path / "hub" / "jupyterhub-proxy.pid").exists()


def test_a_hub_just_stopped_is_not_busy(tmp_path: Path) -> None:
    """After a restart its served connections linger in TIME_WAIT on the hub's port; the hub
    itself binds past them, so `tdp hub up` must too (the restart test met this)."""
    with socket.socket() as server:
        server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        server.bind(("127.0.0.1", 0))
        server.listen()
        port = server.getsockname()[1]
        client = socket.create_connection(("127.0.0.1", port))
        served, _ = server.accept()
        served.close()  # the server's side closes first: its port goes to TIME_WAIT
        client.recv(1)
        client.close()
    init(tmp_path / "hub", "gia_lai", "postgresql://tdp@127.0.0.1:5/postgres",
         f"http://127.0.0.1:{port}", dry_run=True)
    assert busy_addresses(load_settings(tmp_path / "hub")) == []


def test_free_addresses_are_not_busy(tmp_path: Path) -> None:
    init(tmp_path / "hub", "gia_lai", "postgresql://tdp@127.0.0.1:5/postgres",
         f"http://127.0.0.1:{free_port()}", dry_run=True)
    assert busy_addresses(load_settings(tmp_path / "hub")) == []


def test_a_mistyped_postgres_address_leaves_nothing_so_the_same_command_runs_again(
        tmp_path: Path) -> None:
    nobody = f"postgresql+psycopg://postgres:sai@127.0.0.1:{free_port()}/postgres"
    first = tdp("hub", "init", "--province", "gia_lai", "--dir", str(tmp_path / "hub"),
                "--pg", nobody, cwd=tmp_path)
    assert first.returncode != 0
    assert first.stderr.startswith("tdp: Không tạo được cơ sở dữ liệu 'tdp_hub'")
    assert not (tmp_path / "hub").exists()  # not "already has a hub config" on the re-run


def test_the_default_folder_is_the_courses_own_wherever_the_shell_is(tmp_path: Path) -> None:
    here = tdp("hub", "overview", cwd=tmp_path)  # no course here: the installed checkout's
    expected = ROOT / "deploy" / "hub" / "local"
    assert str(expected) in here.stderr or here.returncode == 0, here.stderr
    assert "deploy/hub/local:" not in here.stderr.replace(str(expected), "")


def test_an_unknown_class_is_one_line_without_the_login_table(tmp_path: Path) -> None:
    init(tmp_path / "hub", "gia_lai", "postgresql://tdp@127.0.0.1:5/postgres",
         "http://127.0.0.1:8000", dry_run=True)
    add_class(tmp_path / "hub", "lop_a", "Trần Thị Giảng", "thong_nhat", dry_run=True)
    member = tdp("hub", "class", "member", "lop_khong", "Nguyễn Văn An", "--dir",
                 str(tmp_path / "hub"), cwd=tmp_path)
    assert member.returncode != 0
    assert member.stdout == ""
    assert member.stderr == "tdp: Không có lớp 'lop_khong'. Các lớp: lop_a\n"



def test_without_the_proxy_hub_up_says_to_run_make_hub(tmp_path: Path) -> None:
    refuse_without_proxy(proxy_command(ROOT))  # `make hub` (or `make test`) installed it
    with pytest.raises(InputError, match="^Chưa cài proxy của hub .*chạy 'make hub'"):
        refuse_without_proxy([str(tmp_path / "node_modules" / ".bin" / "configurable-http-proxy")])
