"""`tdp app`: the whole course in the browser — one Voilà server, one Vietnamese start page
(`tdp.app.server`). With `--lan` the hall's phones reach it through one QR code; the trainers'
dashboard is then not served at all."""

from __future__ import annotations

import argparse
import os
import secrets
import socket
import sys

from tdp.errors import InputError

NOTEBOOKS = "notebooks"
DEFAULT_MAX_KERNELS = 30


def register(commands: argparse._SubParsersAction) -> None:
    cmd = commands.add_parser("app", help="mở khóa tập huấn (cổng mô phỏng, luyện tập, bài "
                                          "tập, bài học) trong trình duyệt")
    cmd.add_argument("--port", type=int, default=8866, help="cổng (mặc định 8866)")
    cmd.add_argument("--lan", action="store_true",
                     help="cho điện thoại trong cùng mạng Wi-Fi truy cập (cần mã truy cập)")
    cmd.add_argument("--token", default=None,
                     help="mã truy cập khi dùng --lan, ít nhất 8 ký tự (mặc định: tạo ngẫu nhiên)")
    cmd.add_argument("--max-kernels", type=int, default=DEFAULT_MAX_KERNELS,
                     help="số người mở cùng một trang cùng lúc tối đa (mặc định "
                          f"{DEFAULT_MAX_KERNELS})")
    cmd.set_defaults(run=_run)


def start_url(host: str, port: int, token: str) -> str:
    """The start page's address with the access token: printed, in the QR code, on the poster."""
    return f"http://{host}:{port}/?token={token}"


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
    from tdp.app.guards import check_token
    from tdp.paths import project_root

    if not 1 <= args.port <= 65535:
        raise InputError("Cổng phải là số từ 1 đến 65535")
    if args.max_kernels < 1:
        raise InputError("--max-kernels phải là số từ 1 trở lên")
    if args.token is not None and not args.lan:
        raise InputError("Mã truy cập chỉ dùng cùng --lan")
    token = check_token(args.token) if args.token is not None else secrets.token_urlsafe(9)
    root = project_root()
    notebooks = root / NOTEBOOKS
    if not notebooks.is_dir():
        raise InputError(f"Không tìm thấy thư mục {notebooks}")
    from tdp.ports import port_is_free

    if not port_is_free("0.0.0.0" if args.lan else "127.0.0.1", args.port):
        raise InputError(f"Cổng {args.port} đang bận: một Cổng mô phỏng khác (hoặc chương trình "
                         "khác) đang chạy. Đóng cửa sổ đó (Ctrl+C) hoặc chọn cổng khác, ví dụ: "
                         f"tdp app --port {8870 if args.port != 8870 else 8871}")
    _prepare_store()
    # Voilà's own start-up lines are English and name a second, token-less address: the
    # trainer's window shows only the lines below (warnings and errors still come through).
    os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")  # the kernels' debugger note
    argv = [str(notebooks), f"--port={args.port}", "--no-browser", "--Voila.port_retries=0",
            "--Voila.log_level=WARN",
            f"--CourseVoila.max_kernels_per_notebook={args.max_kernels}"]
    if args.lan:
        host = lan_address()
        argv += ["--Voila.ip=0.0.0.0", "--CourseVoila.lan=True",
                 f"--CourseVoila.access_token={token}", f"--CourseVoila.lan_hosts={host}"]
        url = start_url(host, args.port, token)
        print("Khóa tập huấn — mở trên điện thoại trong cùng mạng Wi-Fi (quét mã QR):")
        print(url)
        print_qr(url)
        # The hall poster (A4, this QR code and the Wi-Fi instructions), for the wall.
        from tdp.printouts import write_lan_poster

        write_lan_poster(url)
    else:
        argv += ["--Voila.ip=127.0.0.1"]
        print(f"Khóa tập huấn (chỉ trên máy này): http://localhost:{args.port}/")
    print("Dừng: nhấn Ctrl+C.", flush=True)

    from tdp.app.server import main

    os.chdir(root)  # voila.json is read from here
    main(argv)
    return 0


def _prepare_store() -> None:
    """Seed the registry and create the draft table once, before any trainee arrives."""
    from tdp.catalog import load_catalog
    from tdp.engine import ensure_registry
    from tdp.screens.drafts import ensure_tables
    from tdp.store import open_store

    store = open_store()
    ensure_registry(store, load_catalog())
    ensure_tables(store)
