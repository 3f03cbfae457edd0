"""What goes over the hall's Wi-Fi, against a real `tdp app` (issue 14): responses
compressed when the browser asks for it (brotli, else gzip; the page's streamed HTML gzipped),
hashed assets cached for a year, installed packages' files for a session, the course's own
files revalidated with a 304.

Standalone Voilà applies `tornado_settings` after the application exists, so these tests ask
the real server, not the settings.
"""

from __future__ import annotations

import gzip
import re
import shutil
import sys
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import brotli
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "browser"))  # appserver.py

from appserver import AppServer  # noqa: E402
from tornado.httputil import HTTPHeaders  # noqa: E402

from tdp.app.caching import IMMUTABLE, REVALIDATE, SESSION, policy  # noqa: E402
from tdp.app.compression import compressible  # noqa: E402


@pytest.fixture(scope="module")
def server(template_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[AppServer]:
    work = tmp_path_factory.mktemp("app-transfer")
    shutil.copy(template_db, work / "tdp.sqlite")
    srv = AppServer(work, f"sqlite:///{work / 'tdp.sqlite'}")
    srv.start()
    yield srv
    srv.stop()


def get(url: str, encoding: str | None = None, **headers: str) -> tuple[int, bytes, dict]:
    request = urllib.request.Request(url)
    if encoding is not None:
        request.add_header("Accept-Encoding", encoding)
    for name, value in headers.items():
        request.add_header(name.replace("_", "-"), value)
    try:
        with urllib.request.urlopen(request, timeout=240) as response:
            return response.status, response.read(), dict(response.headers)
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read(), dict(exc.headers)


def decoded(body: bytes, headers: dict) -> bytes:
    encoding = headers.get("Content-Encoding")
    if encoding == "br":
        return brotli.decompress(body)
    if encoding == "gzip":
        return gzip.decompress(body)
    return body


def page_extensions(server: AppServer) -> dict[str, str]:
    """The front-end extensions the portal's page loads: {name: its entry script's address}."""
    _status, body, headers = get(server.base + "/cong", "gzip")
    html = decoded(body, headers).decode()
    found = re.findall(r'"load": "([^"]+)", "name": "([^"]+)"', html)
    return {name: f"/voila/labextensions/{name}/{load}" for load, name in found}


def test_javascript_is_brotli_or_gzip_as_asked_and_the_same_file(server: AppServer) -> None:
    url = server.base + "/voila/static/voila.js"
    _s, plain, plain_headers = get(url, "identity")
    assert "Content-Encoding" not in plain_headers
    _s, br, br_headers = get(url, "gzip, deflate, br")
    assert br_headers["Cache-Control"] == SESSION
    _s, gz, gz_headers = get(url, "gzip")
    assert br_headers["Content-Encoding"] == "br"
    assert gz_headers["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in br_headers["Vary"]
    assert decoded(br, br_headers) == plain == decoded(gz, gz_headers)
    assert len(br) < len(plain) / 3
    _s, again, _h = get(url, "br")  # from the server's cache of compressed files
    assert again == br


def test_the_page_html_is_gzipped_as_it_streams(server: AppServer) -> None:
    status, body, headers = get(server.base + "/cong", "gzip, br")
    assert status == 200
    assert headers["Content-Encoding"] == "gzip"
    assert "Content-Length" not in headers  # streamed cell by cell, not buffered
    assert decoded(body, headers).rstrip().endswith(b"</html>")


def test_css_is_compressed_and_fonts_are_not(server: AppServer) -> None:
    _s, body, headers = get(server.base + "/voila/static/css/all.min.css", "gzip, br")
    assert headers["Content-Encoding"] == "br"
    assert b".fa-" in decoded(body, headers)
    status, _body, headers = get(server.base + "/voila/static/webfonts/fa-solid-900.woff2",
                                 "gzip, br")
    assert status == 200
    assert "Content-Encoding" not in headers


def test_json_and_javascript_types_are_compressible() -> None:
    for ctype in ("application/json", "application/javascript", "text/javascript",
                  "text/html; charset=UTF-8", "image/svg+xml"):
        assert compressible(HTTPHeaders({"Content-Type": ctype})), ctype
    for ctype in ("font/woff2", "image/png", ""):
        assert not compressible(HTTPHeaders({"Content-Type": ctype})), ctype


def test_hashed_widget_scripts_are_immutable_for_a_year(server: AppServer) -> None:
    assets = list(page_extensions(server).values())
    assert assets
    for asset in assets:
        status, body, headers = get(server.base + asset, "gzip, br")
        assert status == 200, asset
        assert headers["Cache-Control"] == IMMUTABLE, asset
        assert headers["Content-Encoding"] == "br", asset
        assert decoded(body, headers)


def test_unhashed_files_are_revalidated_with_304(server: AppServer) -> None:
    url = server.base + "/voila/static/tdp.css"
    status, _body, headers = get(url, "gzip, br")
    assert status == 200
    assert headers["Cache-Control"] == REVALIDATE
    status, body, headers = get(url, "gzip, br", If_None_Match=headers["Etag"])
    assert status == 304
    assert body == b""
    assert headers["Cache-Control"] == REVALIDATE


def test_only_the_widget_managers_are_loaded(server: AppServer) -> None:
    assert set(page_extensions(server)) == {"@jupyter-widgets/jupyterlab-manager",
                                            "@voila-dashboards/widgets-manager8"}


@pytest.mark.parametrize(("path", "expected"), [
    ("/voila/labextensions/@jupyter-widgets/jupyterlab-manager/static/7.2a0ce575775f5aad.js",
     IMMUTABLE),
    ("/voila/labextensions/@voila-dashboards/widgets-manager8/static/"
     "remoteEntry.be18471aaf567c023b03.js", IMMUTABLE),
    ("/voila/static/1cb1c39ea642f26a4dfe.woff", IMMUTABLE),
    ("/voila/static/1187.voila.js", SESSION),
    ("/voila/static/voila.js", SESSION),
    ("/voila/static/css/all.min.css", SESSION),
    ("/voila/templates/tdp/static/tdp.js", REVALIDATE),
    ("/voila/static/tdp.css", REVALIDATE),
    ("/cong", None),
    ("/api/kernels/abc", None),
])
def test_cache_policy_by_address(path: str, expected: str | None) -> None:
    assert policy(path) == expected


def test_a_versioned_unhashed_address_keeps_tornados_own_cache() -> None:
    assert policy("/voila/templates/tdp/static/index.css", versioned=True) is None
    assert policy("/voila/templates/tdp/static/index.css") == REVALIDATE


def test_the_kernel_websocket_is_deflated(server: AppServer) -> None:
    import asyncio

    import websockets

    _status, body, headers = get(server.base + "/cong", "gzip")
    html = decoded(body, headers).decode()
    kernel_id = re.search(r'"kernelId": "([0-9a-f-]{36})"', html).group(1)
    url = (server.base.replace("http", "ws", 1)
           + f"/api/kernels/{kernel_id}/channels?session_id=transfer-test")

    async def extensions() -> str:
        async with websockets.connect(url) as ws:
            return ws.response.headers.get("Sec-WebSocket-Extensions", "")

    assert "permessage-deflate" in asyncio.run(extensions())
