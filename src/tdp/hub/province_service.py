"""The province dashboard: a JupyterHub service that only the province's staff can open.

Authenticated by the hub (HubOAuth, the documented way for a service), it shows the
aggregates of `tdp.hub.overview` for every class, in Vietnamese
(`deploy/hub/templates/tinh/tien_do.html`, a card per row on a phone).
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

import jinja2
from jupyterhub.services.auth import HubOAuthCallbackHandler, HubOAuthenticated
from jupyterhub.utils import url_path_join
from tornado import ioloop, web

from tdp.hub.overview import province_overview
from tdp.hub.settings import load_settings


class OverviewHandler(HubOAuthenticated, web.RequestHandler):  # type: ignore[misc]
    @web.authenticated
    def get(self) -> None:
        settings = load_settings(Path(os.environ["TDP_HUB_DIR"]))
        page = _templates().get_template("tien_do.html").render(
            province_name=settings.province_name, rows=province_overview(settings),
            hub_url=url_path_join(os.environ.get("JUPYTERHUB_BASE_URL", "/"), "hub/"))
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.finish(page)


def _templates() -> jinja2.Environment:
    from tdp.hub.config import TEMPLATES

    return jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES / "tinh"),
                              autoescape=True)


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

