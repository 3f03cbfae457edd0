"""The app's own handlers: the start page, one clean address per page (`/cong`, `/bai-hoc/1`,
…) rendered by Voilà's handler, and Vietnamese pages for every refusal or error (404 with a
link home, 403, "Lớp đang đông", never Voilà's or Jupyter's English).
"""

from __future__ import annotations

import inspect
from typing import Any

import tornado.web
from tornado.web import HTTPError
from voila.static_file_handler import TemplateStaticFileHandler
from voila.tornado.handler import TornadoVoilaHandler

from tdp.app.admission import Admission, phone_of
from tdp.app.guards import COOKIE, Guard, without_token
from tdp.app.kernels import RENDERING
from tdp.app.pages import Page, Site

MESSAGES = {
    404: ("Không tìm thấy trang", "Địa chỉ này không có trong khóa tập huấn."),
    403: ("Chưa vào được", "Anh/chị quét lại mã QR của giảng viên để mở trang."),
    503: ("Lớp đang đông", "Lớp đang đông, vui lòng thử lại sau ít phút."),
}
OTHER = ("Trang tạm thời không mở được", "Vui lòng tải lại trang. Nếu vẫn lỗi, báo người "
         "hướng dẫn.")
BAD_HOST = ("Địa chỉ không đúng", "Trang này chỉ mở bằng địa chỉ giảng viên đưa.")


def render_message(handler: tornado.web.RequestHandler, status: int,
                   heading: str | None = None, text: str | None = None) -> None:
    """A Vietnamese page in the app's look (banner, link home) with this HTTP status."""
    site: Site = handler.settings["tdp_site"]
    default = MESSAGES.get(status, OTHER)
    env = handler.settings["voila_jinja2_env"]
    html = env.get_template("message.html").render(
        base_url=handler.settings.get("base_url", "/"), banner=site.banner,
        site_title=site.title, heading=heading or default[0], text=text or default[1],
        home=status != 403)
    handler.clear()
    handler.set_status(status)
    handler.set_header("Content-Type", "text/html; charset=UTF-8")
    handler.set_header("Cache-Control", "no-store")
    handler.finish(html)


class VietnameseErrors:
    """Mixed into every handler the app serves: its error pages are the app's own."""

    def write_error(self, status_code: int, **kwargs) -> None:  # noqa: ANN003
        render_message(self, status_code)  # type: ignore[arg-type]


def guarded(cls: type) -> type:
    """`cls` with Vietnamese error pages (Voilà's and Jupyter Server's are English)."""
    if issubclass(cls, VietnameseErrors):
        return cls
    return type(f"Tdp{cls.__name__}", (VietnameseErrors, cls), {})


def admission(handler: tornado.web.RequestHandler) -> Admission | None:
    found = handler.settings.get("tdp_admission")
    return found if isinstance(found, Admission) else None


class WaitsForTurn:
    """Mixed into the handlers of the front end's files: a phone's download waits for its
    turn (`tdp.app.admission`); a revalidation never waits."""

    async def prepare(self) -> None:
        result = super().prepare()  # type: ignore[misc]
        if inspect.isawaitable(result):
            await result
        line = admission(self)  # type: ignore[arg-type]
        headers = self.request.headers  # type: ignore[attr-defined]
        if line is not None and not (headers.get("If-None-Match")
                                     or headers.get("If-Modified-Since")):
            await line.wait_turn(phone_of(self))


class EndsTurn:
    """Mixed into the kernel websocket's handler: once it is open the phone has loaded."""

    async def open(self, *args: Any, **kwargs: Any) -> None:
        result = super().open(*args, **kwargs)  # type: ignore[misc]
        if inspect.isawaitable(result):
            await result
        line = admission(self)  # type: ignore[arg-type]
        if line is not None:
            line.loaded(phone_of(self))


def in_turn(cls: type, mixin: type) -> type:
    """`cls` (already `guarded`) with one of the admission mixins in front."""
    return type(cls.__name__, (mixin, cls), {})


class NotFoundHandler(VietnameseErrors, tornado.web.RequestHandler):
    """Any address the app does not serve."""

    def prepare(self) -> None:
        raise HTTPError(404)


class RefusedHandler(VietnameseErrors, tornado.web.RequestHandler):
    """A request the guard refused: a foreign Host, or no token with `--lan`."""

    def initialize(self, why: str) -> None:
        self.why = why

    def prepare(self) -> None:
        if self.why == "host":
            render_message(self, 403, *BAD_HOST)
        else:
            render_message(self, 403)


class AcceptTokenHandler(tornado.web.RequestHandler):
    """A valid `?token=`: remember it in a cookie and reload the same page without it."""

    def initialize(self, guard: Guard) -> None:
        self.guard = guard

    def prepare(self) -> None:
        self.set_cookie(COOKIE, self.guard.cookie_value(), httponly=True, samesite="Strict",
                        path=self.settings.get("base_url", "/"))
        target = without_token(self.request.path, self.request.query)
        self.redirect(target if self.request.method in ("GET", "HEAD") else target, status=303)


class StartPageHandler(VietnameseErrors, tornado.web.RequestHandler):
    """`/`: the banner and one card per page this server serves."""

    def get(self) -> None:
        site: Site = self.settings["tdp_site"]
        html = self.settings["voila_jinja2_env"].get_template("start.html").render(
            base_url=self.settings.get("base_url", "/"), banner=site.banner,
            site_title=site.title, intro=site.intro, apps=site.apps,
            lessons_heading=site.lessons_heading, lessons=site.lessons)
        self.set_header("Content-Type", "text/html; charset=UTF-8")
        self.finish(html)


class NotebookPageHandler(VietnameseErrors, TornadoVoilaHandler):
    """One page at its clean address: Voilà's render handler with the notebook fixed, behind
    the per-notebook kernel cap."""

    def initialize(self, **kwargs) -> None:  # noqa: ANN003
        self.page: Page = kwargs.pop("page")
        self.max_kernels: int = kwargs.pop("max_kernels")
        super().initialize(notebook_path=self.page.notebook, **kwargs)

    async def get(self, path: str | None = None) -> None:  # noqa: ARG002 - no sub-paths
        in_use = getattr(self.kernel_manager, "in_use", None)
        if in_use is not None and in_use(self.page.notebook) >= self.max_kernels:
            render_message(self, 503)
            return
        # Voilà's page frees its kernel when closed (a beacon to /voila/api/shutdown/<id>)
        # with the `_xsrf` cookie's value; Voilà never sets that cookie, so the beacon was
        # refused and every closed tab kept its kernel until the idle cull.
        token = self.xsrf_token.decode()  # reading it sets the cookie when there is none
        line = admission(self)
        if line is not None:
            line.arrived(self.get_cookie("_xsrf") or token)  # the cookie is the phone
        RENDERING.set(self.page.notebook)
        await super().get(path=None)


def page_routes(site: Site, base_url: str, voila_kwargs: dict, max_kernels: int) -> list:
    """`/` and one route per page; nothing else of the notebooks folder is reachable."""
    routes: list = [(base_url, StartPageHandler)]
    targets = {"index.ipynb": ""}
    for page in site.pages:
        routes.append((f"{base_url}{page.path}/?", NotebookPageHandler,
                       {**voila_kwargs, "page": page, "max_kernels": max_kernels}))
        targets[page.notebook] = page.path
        targets.setdefault(page.notebook.rsplit("/", 1)[-1], page.path)  # old app addresses
    # lessons link notebooks by file name; old bookmarks use Voilà's /voila/render/<file>
    routes.append((f"{base_url}(?:voila/render/)?(.+\\.ipynb)", NotebookLinkHandler,
                   {"targets": targets}))
    return routes


class SafeTemplateStaticFileHandler(WaitsForTurn, VietnameseErrors, TemplateStaticFileHandler):
    """Voilà's template assets; an address that is no `<template>/static/<file>` (such as
    `..%2f…`) is a 404, not Voilà's failed assertion (500)."""

    async def get(self, path: str, include_body: bool = True) -> None:
        try:
            await super().get(path, include_body)
        except (AssertionError, ValueError) as exc:
            raise HTTPError(404) from exc


class NotebookLinkHandler(VietnameseErrors, tornado.web.RequestHandler):
    """A lesson's link to another notebook by its file name (`../app/thuc_hanh.ipynb`, as
    JupyterLab needs it): sent on to that page's clean address, or home for the index."""

    def initialize(self, targets: dict[str, str]) -> None:
        self.targets = targets

    def get(self, path: str) -> None:
        target = self.targets.get(path.strip("/"))
        if target is None:
            raise HTTPError(404)
        self.redirect(self.settings.get("base_url", "/") + target)
