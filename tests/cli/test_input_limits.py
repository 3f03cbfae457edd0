"""File-level limits of the filing commands and `--db`: exit 2 with one Vietnamese line,
nothing read into memory that should not be, no store created where nobody asked."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

TDP = str(Path(sys.executable).with_name("tdp"))
HANG_GUARD = 120  # seconds; only against a hung process, never a performance check


def tdp(*args: str, cwd: Path, stdin=None, extra_env: dict | None = None):
    env = os.environ.copy() | (extra_env or {})
    return subprocess.run([TDP, *args], cwd=cwd, capture_output=True, text=True, env=env,
                          stdin=stdin, timeout=HANG_GUARD)


def one_line(run) -> str:
    lines = run.stderr.strip().splitlines()
    assert run.returncode == 2, (run.returncode, run.stderr)
    assert len(lines) == 1 and "Traceback" not in run.stderr
    return lines[0]


@pytest.mark.parametrize("kind", ["dev_zero", "fifo", "folder", "big"])
def test_a_filing_file_that_is_too_big_or_not_a_file(db_url, tmp_path, kind):
    if kind == "dev_zero":
        target = "/dev/zero"
    elif kind == "fifo":
        target = str(tmp_path / "ong")
        os.mkfifo(target)  # opening it for reading would block forever
    elif kind == "folder":
        target = str(tmp_path)
    else:
        target = str(tmp_path / "lon.json")
        Path(target).write_text('{"a": "' + "x" * 1_100_000 + '"}', encoding="utf-8")
    for command in ("check", "submit"):
        line = one_line(tdp(command, "khai_sinh", target, cwd=tmp_path))
        expected = {"dev_zero": "không phải tệp thường", "fifo": "không phải tệp thường",
                    "folder": "là thư mục", "big": "quá lớn"}[kind]
        assert expected in line


def test_stdin_is_read_with_a_bound(db_url, tmp_path):
    with open("/dev/zero", "rb") as zero:
        line = one_line(tdp("check", "khai_sinh", "-", cwd=tmp_path, stdin=zero))
    assert "quá lớn" in line and "1 MB" in line


def test_an_integer_too_long_to_convert_is_read_not_a_crash(db_url, tmp_path):
    """Python refuses to turn 5,000 digits into an int by default; the filing is still read
    and judged (a field that holds it gets `so_qua_lon`: tests/engine/test_field_limits.py)."""
    import json

    path = tmp_path / "so.json"
    path.write_text('{"so": ' + "9" * 5000 + "}", encoding="utf-8")
    run = tdp("check", "khai_sinh", str(path), cwd=tmp_path)
    assert run.returncode == 1, run.stderr
    assert json.loads(run.stdout)["valid"] is False


@pytest.mark.parametrize("url, expected", [
    ("garbage", "không hợp lệ"),
    ("foo://x/y", "không hỗ trợ"),
    ("sqlite:////nonexistent/dir/x.sqlite", "không có thư mục '/nonexistent/dir'"),
])
def test_bad_db_urls(tmp_path, url, expected):
    run = tdp("--db", url, "status", "X", cwd=tmp_path)
    assert expected in one_line(run)
    assert not Path("/nonexistent").exists()
    run = tdp("status", "X", cwd=tmp_path, extra_env={"TDP_DATABASE_URL": url})
    assert expected in one_line(run)


def test_a_named_store_in_a_missing_folder_is_not_created(tmp_path):
    target = tmp_path / "khong_co" / "x.sqlite"
    run = tdp("--db", f"sqlite:///{target}", "registry", "list", cwd=tmp_path)
    assert "không có thư mục" in one_line(run)
    assert not target.parent.exists()
