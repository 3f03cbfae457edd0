"""The province dashboard: a JupyterHub service that only the province's staff can open.

Authenticated by the hub (HubOAuth, the documented way for a service), it shows the
aggregates of `tdp.hub.overview` for every class, in Vietnamese.
"""

from __future__ import annotations

import contextlib
import html
import os
from pathlib import Path

from jupyterhub.services.auth import HubOAuthCallbackHandler, HubOAuthenticated
from jupyterhub.utils import url_path_join
from tornado import ioloop, web

from tdp.hub.overview import province_overview
from tdp.hub.settings import load_settings


class OverviewHandler(HubOAuthenticated, web.RequestHandler):  # type: ignore[misc]
    @web.authenticated
    def get(self) -> None:
        settings = load_settings(Path(os.environ["TDP_HUB_DIR"]))
        rows = province_overview(settings)
        body = "".join(
            f"<tr><td>{html.escape(r.title)}</td><td>{html.escape(r.ward)}</td>"
            f"<td>{r.trainees}</td><td>{html.escape(r.assignment)}</td><td>{r.submitted}</td>"
            f"<td>{'—' if r.mean_score is None else f'{r.mean_score:.0%}'}</td></tr>"
            for r in rows)
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.finish(
            "<!doctype html><html lang='vi'><meta charset='utf-8'>"
            "<meta name='viewport' content='width=device-width, initial-scale=1'>"
            f"<title>Tiến độ các lớp — {html.escape(settings.province_name)}</title>"
            "<p role='note'>BẢN MÔ PHỎNG — chỉ dùng để tập huấn</p>"
            f"<h1>Tiến độ các lớp — {html.escape(settings.province_name)}</h1>"
            "<div style='overflow-x:auto'><table><thead><tr><th>Lớp</th><th>Xã, phường</th>"
            "<th>Học viên</th><th>Bài</th><th>Đã nộp</th><th>Điểm tự chấm (trung bình)</th>"
            f"</tr></thead><tbody>{body}</tbody></table></div></html>")


def main() -> None:
    prefix = os.environ["JUPYTERHUB_SERVICE_PREFIX"]
    app = web.Application([
        (prefix, OverviewHandler),
        (url_path_join(prefix, "oauth_callback"), HubOAuthCallbackHandler),
    ], cookie_secret=os.urandom(32))
    url = os.environ["JUPYTERHUB_SERVICE_URL"].rsplit(":", 1)
    app.listen(int(url[1].rstrip("/")), "127.0.0.1")
    with contextlib.suppress(KeyboardInterrupt):  # the hub stops its services with SIGINT
        ioloop.IOLoop.current().start()


if __name__ == "__main__":  # pragma: no cover
    main()

