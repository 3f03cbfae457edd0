"""`tdp app`: the practice portal in the browser (Voilà serving `notebooks/app/`)."""

from __future__ import annotations

import argparse
import os
import secrets
import shutil
import socket
import sys
from pathlib import Path

from tdp.errors import InputError

APP_NOTEBOOK = "thuc_hanh.ipynb"
# What trainees may open over the Wi-Fi; the trainers' dashboard (grades) stays on this laptop.
TRAINEE_NOTEBOOKS = ("thuc_hanh.ipynb", "luyen_tap.ipynb", "bai_tap.ipynb")
DASHBOARD_NOTEBOOK = "bang_dieu_khien.ipynb"


def register(commands: argparse._SubParsersAction) -> None:
    cmd = commands.add_parser("app", help="mở cổng dịch vụ công mô phỏng trong trình duyệt")
    cmd.add_argument("--port", type=int, default=8866, help="cổng (mặc định 8866)")
    cmd.add_argument("--lan", action="store_true",
                     help="cho điện thoại trong cùng mạng Wi-Fi truy cập (cần mã truy cập)")
    cmd.add_argument("--token", default=None,
                     help="mã truy cập khi dùng --lan (mặc định: tạo ngẫu nhiên)")
    cmd.set_defaults(run=_run)


def lan_address() -> str:
    """The address other machines on the network reach this one at (no packet is sent)."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("10.255.255.255", 1))
            return probe.getsockname()[0]
        except OSError:
            return socket.gethostbyname(socket.gethostname())


def print_qr(url: str) -> None:
    import qrcode

    code = qrcode.QRCode(border=1)
    code.add_data(url)
    code.make(fit=True)
    code.print_ascii(out=sys.stdout, invert=True)


def _run(args: argparse.Namespace) -> int:
    from tdp.paths import project_root

    if not 1 <= args.port <= 65535:
        raise InputError("Cổng phải là số từ 1 đến 65535")
    root = project_root()
    notebooks = root / "notebooks" / "app"
    if not (notebooks / APP_NOTEBOOK).is_file():
        raise InputError(f"Không tìm thấy sổ thực hành {notebooks / APP_NOTEBOOK}")
    _prepare_store()
    served = _trainee_only_copy(notebooks) if args.lan else notebooks
    argv = [str(served), f"--port={args.port}", "--no-browser",
            "--Voila.port_retries=0"]
    if args.lan:
        token = args.token or secrets.token_urlsafe(9)
        host = lan_address()
        argv += ["--Voila.ip=0.0.0.0", f"--token={token}"]
        url = f"http://{host}:{args.port}/voila/render/{APP_NOTEBOOK}?token={token}"
        print("Cổng dịch vụ công mô phỏng — mở trên điện thoại trong cùng mạng Wi-Fi:")
        print(url)
        print_qr(url)
    else:
        argv += ["--Voila.ip=127.0.0.1"]
        url = f"http://localhost:{args.port}/voila/render/{APP_NOTEBOOK}"
        print(f"Cổng dịch vụ công mô phỏng: {url}")
        if (notebooks / DASHBOARD_NOTEBOOK).is_file():
            dashboard = f"http://localhost:{args.port}/voila/render/{DASHBOARD_NOTEBOOK}"
            print(f"Bảng theo dõi của giảng viên: {dashboard}")
    print("Dừng: nhấn Ctrl+C.", flush=True)

    from tdp.app.server import main

    os.chdir(root)  # voila.json is read from here
    main(argv)
    return 0


def _trainee_only_copy(notebooks: Path) -> Path:
    """A folder holding only the trainees' notebooks, served with `--lan`: whoever has the
    token sees the portal and the practice, never the trainers' dashboard."""
    from tdp.paths import var_dir

    target = var_dir() / "lan-app"
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    for name in TRAINEE_NOTEBOOKS:
        if (notebooks / name).is_file():
            shutil.copy2(notebooks / name, target / name)
    return target


def _prepare_store() -> None:
    """Seed the registry and create the draft table once, before any trainee arrives."""
    from tdp.catalog import load_catalog
    from tdp.engine import ensure_registry
    from tdp.screens.drafts import ensure_tables
    from tdp.store import open_store

    store = open_store()
    ensure_registry(store, load_catalog())
    ensure_tables(store)
