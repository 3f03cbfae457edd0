"""A throwaway PostgreSQL server for tests (Debian's postgresql package, run as `postgres`)."""

from __future__ import annotations

import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest


def _pg_bin() -> Path | None:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"))
    return found[-1].parent if found else None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _as_postgres(*cmd: str) -> None:
    runner = ["runuser", "-u", "postgres", "--"] if shutil.which("runuser") else []
    subprocess.run([*runner, *cmd], check=True, capture_output=True, timeout=120)


@contextmanager
def postgres_server(password: str | None = None) -> Iterator[str]:
    """Start a server on a free port; yield its admin URL; stop and delete it afterwards.
    With `password`, TCP connections need one (scram-sha-256, as a production server), and
    the admin account `postgres` has it; without, the server trusts every connection."""
    bin_dir = _pg_bin()
    if bin_dir is None:
        pytest.fail("PostgreSQL is not installed: `make test` installs Debian's postgresql")
    # Not pytest's tmp_path: its parents are private to root, and the server runs as postgres.
    base = Path(tempfile.mkdtemp(prefix="tdp-pg-"))
    data, sock = base / "data", base / "sock"
    sock.mkdir()
    shutil.chown(base, "postgres")
    shutil.chown(sock, "postgres")
    base.chmod(0o755)
    port = free_port()
    auth = ["-A", "trust"]
    if password is not None:
        pwfile = base / "pwfile"
        pwfile.write_text(password)
        shutil.chown(pwfile, "postgres")
        auth = ["--auth-local=peer", "--auth-host=scram-sha-256", f"--pwfile={pwfile}"]
    _as_postgres(str(bin_dir / "initdb"), "-D", str(data), *auth, "-U", "postgres")
    _as_postgres(str(bin_dir / "pg_ctl"), "-D", str(data), "-w", "-l", str(base / "log"),
                 "-o", f"-p {port} -k {sock} -c listen_addresses=127.0.0.1", "start")
    try:
        login = "postgres" if password is None else f"postgres:{password}"
        yield f"postgresql+psycopg://{login}@127.0.0.1:{port}/postgres"
    finally:
        _as_postgres(str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "fast", "stop")
        shutil.rmtree(base, ignore_errors=True)
