"""Starting Voilà for the whole course: one server, one Vietnamese start page.

A thin subclass of Voilà's application. It serves the `notebooks/` folder, but only through
the pages of `course/app_pages.yaml` at clean addresses (no file names, no Voilà tree, no
file or contents API); it adds the `tdp` page template (Vietnamese, every asset local), the
Font Awesome files of the `fontawesome-free` package under `/voila/static/`, and the guards of
`tdp.app.guards` in front of every handler. The pieces live in small modules:
`pages` (what is served), `routes` (handlers), `guards` (host, token, log), `kernels` (cap),
`compression` and `caching` (what goes over the hall's Wi-Fi), `zygote` and `forked_kernels`
(kernels forked from a warmed process).
"""

from __future__ import annotations

import logging
import os
from importlib.metadata import PackageNotFoundError, distribution
from pathlib import Path

import tornado.ioloop
import tornado.web
from traitlets import Bool, Int, List, Unicode
from voila.app import Voila

from tdp.app import routes
from tdp.app.admission import LOADING, Admission
from tdp.app.caching import with_base_url
from tdp.app.compression import WEBSOCKET, CompressResponses
from tdp.app.forked_kernels import Zygote, use_zygote
from tdp.app.guards import LOCAL_HOSTS, Guard, log_request
from tdp.app.memory import CHECK_MS, GiveBack
from tdp.app.pages import load_site
from tdp.app.templates import compile_templates_once

SHARE_DIR = Path(__file__).resolve().parent / "share"
TEMPLATE = "tdp"
# Voilà's handlers the pages need (kernels, their websockets, assets); every other one
# (tree, render by file name, files, contents, login/logout) is not served.
FRONT_END_FILES = ("voila/static/", "voila/labextensions/")  # what a phone waits its turn for
KEPT_PREFIXES = ("api/kernels/", "voila/static/", "voila/api/themes/", "voila/api/shutdown/",
                 "voila/query/", "voila/labextensions/")
# English lines in the trainer's window that ask nothing of the trainer: the course's
# notebooks are committed without outputs (never "trusted"), and Tornado clamps
# jupyter_server's default websocket ping timeout itself.
QUIET_PREFIXES = ("Notebook %s is not trusted", "The websocket_ping_timeout")


class QuietNotes(logging.Filter):
    """Drops the log records of `QUIET_PREFIXES`; every other warning still shows."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith(QUIET_PREFIXES)


def font_awesome_dir() -> Path | None:
    """`css/` and `webfonts/` of Font Awesome 5, as the `fontawesome-free` wheel ships them."""
    try:
        dist = distribution("fontawesome-free")
    except PackageNotFoundError:
        return None
    path = Path(str(dist.locate_file(
        "fontawesome-free/static/fontawesome_free/js-packages/@fortawesome/fontawesome-free")))
    return path if (path / "css" / "all.min.css").is_file() else None


class GuardedApplication(tornado.web.Application):
    """Tornado's application with the guard asked first, for every request."""

    def __init__(self, guard: Guard, *args, **kwargs) -> None:  # noqa: ANN002, ANN003
        self.guard = guard
        super().__init__(*args, **kwargs)

    def find_handler(self, request, **kwargs):  # noqa: ANN001, ANN003, ANN201
        verdict = self.guard.verdict(request)
        if verdict == "accept_token":
            return self.get_handler_delegate(request, routes.AcceptTokenHandler,
                                             {"guard": self.guard})
        if verdict != "ok":
            return self.get_handler_delegate(request, routes.RefusedHandler, {"why": verdict})
        return super().find_handler(request, **kwargs)


class CourseVoila(Voila):
    """Voilà serving the course's pages behind the guards."""

    access_token = Unicode("", config=True, help="token needed with --lan ('' : local only)")
    lan = Bool(False, config=True, help="served to the hall's Wi-Fi: no trainer-only page")
    lan_hosts = List(Unicode(), config=True, help="extra Host names accepted (LAN address)")
    max_kernels_per_notebook = Int(30, config=True,
                                   help="live kernels per page before 'Lớp đang đông'")
    compress_responses = Bool(True, config=True, help="brotli/gzip (tdp.app.compression)")
    cache_assets = Bool(True, config=True, help="cache headers (tdp.app.caching)")
    admit_in_order = Bool(True, config=True,
                          help="phones load the front end a few at a time (tdp.app.admission)")
    phones_loading = Int(LOADING, config=True, help="phones loading the front end at once")
    fork_kernels = Bool(True, config=True,
                        help="kernels forked from a warmed process (tdp.app.zygote)")
    _zygote: Zygote | None = None

    def setup_template_dirs(self) -> None:
        super().setup_template_dirs()
        fa = font_awesome_dir()
        if fa is not None:
            self.static_paths.append(str(fa))
        self.static_paths.append(str(SHARE_DIR / "voila" / "templates" / TEMPLATE / "static"))

    def site(self):  # noqa: ANN201
        site = load_site(Path(self.root_dir))
        return site.for_lan() if self.lan else site

    def init_settings(self) -> dict:
        settings = super().init_settings()
        site = self.site()
        settings["tdp_site"] = site
        # for the template: the banner, and the pages that need it drawn (the apps draw it
        # themselves, in their widgets); Voilà names a notebook by its file's stem
        self.voila_configuration.config.VoilaConfiguration.resources = {
            "tdp_banner": site.banner,
            "tdp_banner_pages": [Path(p.notebook).stem for p in site.pages if p.lesson]}
        settings["log_function"] = log_request
        settings["tdp_admission"] = (Admission(self.phones_loading) if self.admit_in_order
                                     else None)
        settings["default_handler_class"] = routes.NotFoundHandler
        return settings

    def init_handlers(self) -> list:
        base = self.server_url
        kept = []
        for route in super().init_handlers():
            pattern, cls = route[0], route[1]
            rest = pattern[len(base):] if pattern.startswith(base) else pattern
            if rest.startswith("voila/templates/"):
                kept.append((pattern, routes.SafeTemplateStaticFileHandler, *route[2:]))
            elif rest.startswith(FRONT_END_FILES) and self.admit_in_order:
                kept.append((pattern, routes.in_turn(routes.guarded(cls), routes.WaitsForTurn),
                             *route[2:]))
            elif rest.endswith("/channels") and self.admit_in_order:
                kept.append((pattern, routes.in_turn(routes.guarded(cls), routes.EndsTurn),
                             *route[2:]))
            elif rest.startswith(KEPT_PREFIXES):
                kept.append((pattern, routes.guarded(cls), *route[2:]))
        voila_kwargs = {"template_paths": self.template_paths, "config": self.config,
                        "voila_configuration": self.voila_configuration}
        pages = routes.page_routes(self.app.settings["tdp_site"], base, voila_kwargs,
                                   self.max_kernels_per_notebook)
        return pages + kept

    def start(self) -> None:
        """Voilà's `start`, with the guarded application."""
        import tempfile

        for logger in (self.log, logging.getLogger("tornado.general")):
            logger.addFilter(QuietNotes())

        self.connection_dir = tempfile.mkdtemp(prefix="voila_", dir=self.connection_dir_root)
        compile_templates_once()
        if self.fork_kernels:  # before the kernel manager exists: the pools fork too
            self._start_zygote()
        settings = self.init_settings()
        guard = Guard(token=self.access_token if self.lan else "",
                      hosts=LOCAL_HOSTS | {h.lower() for h in self.lan_hosts})
        self.app = GuardedApplication(guard, **settings)
        self.app.settings.update(self.tornado_settings)
        # compression and cache headers on the way out (`compress_response` in
        # tornado_settings would come too late: Tornado reads it when the app is built)
        if self.compress_responses:
            self.app.add_transform(CompressResponses)
            self.app.settings["websocket_compression_options"] = WEBSOCKET
        if self.cache_assets:
            self.app.add_transform(with_base_url(self.server_url))
        self.app.add_handlers(".*$", self.init_handlers())
        give_back = GiveBack(lambda: len(self.kernel_manager.list_kernel_ids()))
        tornado.ioloop.PeriodicCallback(give_back, CHECK_MS).start()
        self.listen()

    def _start_zygote(self) -> None:
        zygote = Zygote()
        if zygote.start():
            use_zygote(zygote)
            self._zygote = zygote
        else:
            self.log.warning("zygote did not start: kernels start the usual way")

    def stop(self) -> None:
        """Voilà's stop (it shuts the kernels down), then the zygote and what it forked."""
        try:
            super().stop()
        finally:
            if self._zygote is not None:
                self._zygote.stop()


def prepare_environment() -> None:
    """Make Jupyter find the `tdp` template (JUPYTER_PATH is read when paths are collected)."""
    current = os.environ.get("JUPYTER_PATH", "")
    parts = [str(SHARE_DIR)] + ([current] if current else [])
    os.environ["JUPYTER_PATH"] = os.pathsep.join(parts)


def main(argv: list[str]) -> None:
    prepare_environment()
    CourseVoila.launch_instance(argv)


if __name__ == "__main__":  # pragma: no cover - `python -m tdp.app.server notebooks` (bench)
    import sys

    main(sys.argv[1:])
