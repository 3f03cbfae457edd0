"""Offline (every request stays on the app's host) and security (no code through the kernel
websocket; with --lan, no page without the token)."""

from __future__ import annotations

import asyncio
import json
import re
import shutil
import urllib.error
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from appserver import AppServer
from driver import login, login_person, open_app, shot


@pytest.mark.browser
def test_every_request_stays_on_the_app_host(page, app_server, people):
    open_app(page, app_server.url)
    login(page, login_person(people, skip=70))
    shot(page, "ngoai-tuyen-tim-thu-tuc")
    outside = [u for u in page.requests_seen if not u.startswith(app_server.base)
               and not re.match(r"^(data|blob):", u)]
    assert outside == []
    # the Font Awesome stylesheet Voilà would take from a CDN is served by the app itself
    assert any(u.endswith("/voila/static/css/all.min.css") for u in page.requests_seen)
    html = urllib.request.urlopen(app_server.url, timeout=60).read().decode()
    assert "cdn.jsdelivr.net" not in html and "https://" not in html.split("<body", 1)[0]
    with urllib.request.urlopen(app_server.base + "/voila/static/css/all.min.css") as css:
        assert css.status == 200


async def _try_execute(ws_url: str, marker: Path) -> list[str]:
    from tornado.websocket import websocket_connect

    def message(msg_type: str, content: dict) -> str:
        return json.dumps({
            "header": {"msg_id": uuid.uuid4().hex, "msg_type": msg_type, "username": "x",
                       "session": uuid.uuid4().hex, "date": "", "version": "5.3"},
            "parent_header": {}, "metadata": {}, "content": content, "buffers": [],
            "channel": "shell"})

    conn = await websocket_connect(ws_url)
    code = f"open({str(marker)!r}, 'w').write('chay duoc')"
    await conn.write_message(message("execute_request", {
        "code": code, "silent": False, "store_history": False, "user_expressions": {},
        "allow_stdin": False, "stop_on_error": True}))
    await conn.write_message(message("kernel_info_request", {}))
    seen: list[str] = []
    while "kernel_info_reply" not in seen:  # shell replies come in order
        raw = await asyncio.wait_for(conn.read_message(), timeout=60)
        if raw is None:
            break
        if isinstance(raw, str):
            seen.append(json.loads(raw).get("header", {}).get("msg_type", ""))
    conn.close()
    return seen


@pytest.mark.browser
def test_kernel_websocket_runs_no_code(page, app_server, tmp_path):
    open_app(page, app_server.url)
    kernel = page.evaluate(
        "JSON.parse(document.getElementById('jupyter-config-data').textContent).kernelId")
    marker = tmp_path / "da-chay-ma.txt"
    ws = (f"ws://127.0.0.1:{app_server.port}/api/kernels/{kernel}/channels"
          f"?session_id={uuid.uuid4().hex}")
    with ThreadPoolExecutor(1) as pool:  # Playwright's sync API owns this thread's loop
        seen = pool.submit(asyncio.run, _try_execute(ws, marker)).result()
    assert "kernel_info_reply" in seen  # the channel works...
    assert "execute_reply" not in seen and "execute_input" not in seen  # ...but runs no code
    assert not marker.exists()


@pytest.mark.browser
def test_lan_mode_refuses_requests_without_the_token(seeded_db, tmp_path):
    """Every page of the start page, without the token, is refused; with it, the trainers'
    dashboard (grades, other trainees' data) is not served at all."""
    import http.cookiejar

    from tdp.app.pages import load_site
    from tdp.paths import project_root

    site = load_site(project_root() / "notebooks")
    db = tmp_path / "tdp.sqlite"
    shutil.copy(seeded_db, db)
    server = AppServer(tmp_path, f"sqlite:///{db}", lan=True, token="ma-tap-huan-123")
    server.start()
    try:
        class NoRedirect(urllib.request.HTTPRedirectHandler):
            def redirect_request(self, *args, **kwargs):  # noqa: ANN002, ANN003
                return None

        opener = urllib.request.build_opener(NoRedirect)
        for path in ["/", *(f"/{p.path}" for p in site.pages), "/voila/render/thuc_hanh.ipynb"]:
            with pytest.raises(urllib.error.HTTPError) as refused:
                opener.open(server.base + path, timeout=60)
            assert refused.value.code == 403, path
        phone = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        with phone.open(server.url, timeout=120) as ok:
            assert ok.status == 200
        trainer_only = [p.path for p in site.pages if p.trainer_only]
        assert trainer_only  # the dashboard is on the start page's list...
        for path in trainer_only + ["voila/render/bang_dieu_khien.ipynb",
                                    "app/bang_dieu_khien.ipynb"]:
            with pytest.raises(urllib.error.HTTPError) as hidden:  # ...but not on the Wi-Fi
                phone.open(server.page_url(f"/{path}"), timeout=60)
            assert hidden.value.code == 404, path
        with phone.open(server.base + "/", timeout=60) as start:
            assert "Bảng điều khiển" not in start.read().decode()
        log = server.log_path.read_text(encoding="utf-8")
        assert log.count("token=ma-tap-huan-123") == 1  # the URL the trainer shares (QR too)
    finally:
        server.stop()
