"""Issue 17 §5 against a real `tdp app --lan`: each attack that worked on main now fails.

- a foreign `Host` (DNS rebinding) is refused, token or not;
- every route without the token is refused, websockets included (`/voila/query/…` echoed
  the query string, token included);
- with the token: no dashboard, no file name route, no 500 (`/voila/templates/..%2f…`,
  `/logout`), Vietnamese pages;
- a cap on live kernels per page, "Lớp đang đông" past it, and a kernel freed on leaving;
- the token is printed once for the trainer, never in the server's log;
- a token shorter than 8 characters is refused.
"""

from __future__ import annotations

import asyncio
import http.cookiejar
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "browser"))  # appserver.py

from appserver import ROOT, TDP, AppServer  # noqa: E402

TOKEN = "ma-tap-huan-123"
BUSY = "Lớp đang đông, vui lòng thử lại sau ít phút"
NOT_FOUND = "Không tìm thấy trang"


@pytest.fixture(scope="module")
def server(template_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[AppServer]:
    work = tmp_path_factory.mktemp("app-lan")
    shutil.copy(template_db, work / "tdp.sqlite")
    srv = AppServer(work, f"sqlite:///{work / 'tdp.sqlite'}", lan=True, token=TOKEN,
                    extra=("--max-kernels", "1"))
    srv.start()
    yield srv
    srv.stop()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # noqa: ANN002, ANN003
        return None


def fetch(opener, url: str, method: str = "GET", host: str | None = None,
          timeout: int = 240, form: dict | None = None) -> tuple[int, str, dict]:
    data = urllib.parse.urlencode(form or {}).encode() if method == "POST" else None
    request = urllib.request.Request(url, method=method, data=data)
    if host:
        request.add_header("Host", host)
    try:
        with opener.open(request, timeout=timeout) as response:
            return response.status, response.read().decode("utf-8", "replace"), dict(
                response.headers)
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8", "replace"), dict(exc.headers)


def anonymous():
    return urllib.request.build_opener(NoRedirect)


def with_token(server: AppServer):
    """A phone that scanned the QR code: the token once, then its cookie."""
    jar = http.cookiejar.CookieJar()
    opener = _with_token(server, jar)
    opener.jar = jar
    return opener


def _with_token(server: AppServer, jar):
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    status, body, _ = fetch(opener, server.page_url("/"))
    assert status == 200 and "Cổng Dịch vụ công" in body
    assert any(c.name == "tdp_truy_cap" for c in jar)
    return opener


def kernel_id(html: str) -> str:
    found = re.search(r'"kernelId":\s*"([0-9a-f-]{36})"', html)
    assert found, "no kernel id in the page"
    return found.group(1)


ROUTES = ["/", "/cong", "/luyen-tap", "/bai-hoc/1", "/giang-vien", "/nope", "/logout",
          "/login", "/voila/static/tdp.css", "/voila/templates/tdp/static/index.css",
          "/voila/render/thuc_hanh.ipynb", "/voila/tree", "/voila/files/app/thuc_hanh.ipynb",
          f"/api/kernels/{uuid.uuid4()}", f"/voila/query/{uuid.uuid4()}",
          "/voila/templates/..%2f..%2f..%2fetc%2fpasswd"]


@pytest.mark.parametrize("path", ROUTES)
def test_every_route_without_the_token_is_refused(server: AppServer, path: str) -> None:
    status, body, _ = fetch(anonymous(), server.base + path)
    assert status == 403, path
    assert "quét lại mã QR" in body


def test_a_foreign_host_is_refused_even_with_the_token(server: AppServer) -> None:
    for path in ("/", "/cong", f"/?token={TOKEN}"):
        status, body, _ = fetch(anonymous(), server.base + path, host="evil.example")
        assert status == 403 and "Địa chỉ không đúng" in body
    status, _, _ = fetch(anonymous(), server.base + "/", host=f"localhost:{server.port}")
    assert status == 403  # the right name, but no token: refused for the token


async def _open_ws(url: str, cookie: str | None) -> str:
    from tornado.httpclient import HTTPClientError, HTTPRequest
    from tornado.websocket import websocket_connect

    headers = {"Cookie": cookie} if cookie else {}
    try:
        conn = await websocket_connect(HTTPRequest(url, headers=headers))
    except HTTPClientError as exc:
        return f"refused {exc.code}"
    conn.close()
    return "open"


def test_the_query_websocket_needs_the_token(server: AppServer) -> None:
    url = f"ws://127.0.0.1:{server.port}/voila/query/{uuid.uuid4()}"
    assert asyncio.run(_open_ws(url, None)) == "refused 403"
    assert asyncio.run(_open_ws(url + f"?token=wrong-{TOKEN}", None)) == "refused 403"


def test_with_the_token_no_dashboard_no_files_no_500(server: AppServer) -> None:
    opener = with_token(server)
    status, body, _ = fetch(opener, server.base + "/")
    assert "giang-vien" not in body and "Bảng điều khiển" not in body
    for path in ("/giang-vien", "/voila/render/bang_dieu_khien.ipynb",
                 "/bang_dieu_khien.ipynb", "/app/bang_dieu_khien.ipynb", "/logout", "/login",
                 "/voila/templates/..%2f..%2f..%2fetc%2fpasswd", "/voila/templates/x",
                 "/voila/tree", "/voila/api/contents/", "/voila/files/app/thuc_hanh.ipynb",
                 "/khong-co"):
        status, body, _ = fetch(opener, server.base + path)
        assert status == 404, path
        assert NOT_FOUND in body and "Về trang đầu" in body, path


def test_the_kernel_cap_and_a_freed_kernel(server: AppServer) -> None:
    """`--max-kernels 1`: a second trainee on the same lesson waits; when the first leaves
    (the page asks the server to shut its kernel down), the next one gets in."""
    opener = with_token(server)
    status, first, _ = fetch(opener, server.base + "/bai-hoc/1")
    assert status == 200
    # what the phone shows while the page loads is Vietnamese too (Voilà: "Running ...")
    assert "Đang mở trang…" in first and "Running ..." not in first
    status, body, _ = fetch(opener, server.base + "/bai-hoc/1")
    assert status == 503 and BUSY in body
    # what the page sends when it is closed: a form with the `_xsrf` cookie's value
    xsrf = next(c.value for c in opener.jar if c.name == "_xsrf")
    status, _, _ = fetch(opener, server.base + f"/voila/api/shutdown/{kernel_id(first)}",
                         method="POST", form={"_xsrf": xsrf})
    assert status == 204
    status, again, _ = fetch(opener, server.base + "/bai-hoc/1")
    assert status == 200 and kernel_id(again) != kernel_id(first)
    fetch(opener, server.base + f"/voila/api/shutdown/{kernel_id(again)}", method="POST",
          form={"_xsrf": xsrf})


def test_the_token_is_printed_once_and_never_logged(server: AppServer) -> None:
    opener = with_token(server)
    fetch(opener, server.page_url("/voila/static/tdp.css"))
    fetch(anonymous(), server.page_url("/cong") + "&x=1")
    fetch(anonymous(), server.page_url("/cong"), host="evil.example")  # refused: logged
    log = server.log_path.read_text(encoding="utf-8")
    assert log.count(TOKEN) == 1  # the address printed for the trainer (and in the QR code)
    assert "http://" in log.split(TOKEN)[0].splitlines()[-1]
    assert "token=…" in log  # the requests made with it, redacted


def test_a_short_token_is_refused() -> None:
    done = subprocess.run([str(TDP), "app", "--lan", "--token", "abc"], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 2
    assert "ít nhất 8 ký tự" in done.stderr
    assert json.dumps(done.stderr)  # one readable line, no traceback
    assert "Traceback" not in done.stderr


def test_the_trainers_window_shows_only_the_vietnamese_lines(server: AppServer) -> None:
    """No English chatter: no second, token-less address, no traitlets deprecation, no
    debugger note, no "Ctrl-C will not work" from a kernel, no trust warning."""
    opener = with_token(server)
    status, body, _ = fetch(opener, server.page_url("/bai-hoc/1"))  # a page with a kernel
    assert status == 200 and "kernelId" in body
    log = server.log_path.read_text(encoding="utf-8")
    assert "Khóa tập huấn — mở trên điện thoại" in log
    for english in ("is running at", "DeprecationWarning", "Debugger warning",
                    "Using /tmp to store connection files", "Ctrl-C will not work",
                    "To connect another client", "is not trusted"):
        assert english not in log


@pytest.mark.parametrize("lan", [False, True])
def test_a_busy_port_is_one_vietnamese_line(lan: bool, tmp_path: Path) -> None:
    """Voilà's own refusal was an English CRITICAL line and exit status 0; now the port is asked
    first, before any QR code or poster is made."""
    with socket.socket() as busy:
        busy.bind(("0.0.0.0" if lan else "127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        args = [str(TDP), "app", "--port", str(port)] + (["--lan"] if lan else [])
        done = subprocess.run(args, cwd=ROOT, capture_output=True, text=True, timeout=120,
                              env={**os.environ, "TDP_VAR_DIR": str(tmp_path)})
    assert done.returncode == 2
    assert f"Cổng {port} đang bận" in done.stderr
    assert "Traceback" not in done.stderr and "CRITICAL" not in done.stdout + done.stderr
    assert not (tmp_path / "ap_phich_lop_hoc.pdf").exists()
