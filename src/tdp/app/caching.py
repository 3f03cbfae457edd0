"""Cache headers for the app's assets: a phone that comes back (the second app of the day)
should move almost nothing over the hall's Wi-Fi (issue 14).

- A file whose name carries its content's hash (the widget managers' webpack chunks
  `121.5c5a442bc10a67ee.js`, `remoteEntry.<hash>.js`, Voilà's hashed fonts) can never change
  under its address: `public, max-age=31536000, immutable` — no request at all next time.
  Jupyter Server's handler sends `no-cache` for everything under `/voila/labextensions/`, so
  the header is set here, on the way out.
- A file of an installed package that keeps its name when it changes (Voilà's
  `1187.voila.js` chunks, Font Awesome, the themes) changes only with an upgrade, which
  restarts the server: it is fresh for one session, `public, max-age=3600`. Without it the
  browser guesses (a tenth of the file's age, days for a week-old install) — measured by
  `bench/hall.py --levers`, forcing a revalidation of each instead cost a second visit 70
  round trips and 2.7× the bytes.
- The course's own files (`tdp.css`, the `tdp` template's assets) change while the course is
  edited: `no-cache`, revalidated with the `Etag`/`Last-Modified` Tornado's static handlers
  send (a `304 Not Modified` of a few hundred bytes).
- Tornado's own versioned addresses (`?v=`) keep their ten-year cache; pages are left alone
  (each carries its own kernel's id and is never stored).
"""

from __future__ import annotations

import re

from tornado.httputil import HTTPHeaders, HTTPServerRequest
from tornado.web import OutputTransform

IMMUTABLE = "public, max-age=31536000, immutable"
SESSION = "public, max-age=3600"
REVALIDATE = "no-cache"
COURSE_OWN = ("voila/static/tdp.css", "voila/templates/tdp/")
ASSET_PREFIXES = ("voila/static/", "voila/labextensions/", "voila/templates/",
                  "voila/api/themes/")
# a webpack content hash (16+ hex digits) as the last part before the extension
HASHED_NAME = re.compile(r"(?:^|[./-])[0-9a-f]{16,}\.(?:js|css|woff2?|ttf|eot|svg|png|wasm)$")


def policy(path: str, versioned: bool = False, base_url: str = "/") -> str | None:
    """The `Cache-Control` an asset at `path` (the address, without the query) gets, or None
    to keep the handler's own (what is no asset; `?v=` addresses of unhashed files)."""
    rest = path[len(base_url):] if path.startswith(base_url) else path.lstrip("/")
    if not rest.startswith(ASSET_PREFIXES):
        return None
    if HASHED_NAME.search(rest.rsplit("/", 1)[-1]):
        return IMMUTABLE
    if versioned:
        return None
    return REVALIDATE if rest.startswith(COURSE_OWN) else SESSION


class CachePolicy(OutputTransform):
    """Tornado output transform: the asset's `Cache-Control` (see the module's docstring)."""

    base_url = "/"

    def __init__(self, request: HTTPServerRequest) -> None:
        self.value = policy(request.path, "v" in request.query_arguments, self.base_url)

    def transform_first_chunk(self, status_code: int, headers: HTTPHeaders, chunk: bytes,
                              finishing: bool) -> tuple[int, HTTPHeaders, bytes]:
        if self.value is not None and status_code in (200, 304):
            headers["Cache-Control"] = self.value
            if self.value == IMMUTABLE:
                headers.pop("Expires", None)
        return status_code, headers, chunk


def with_base_url(base_url: str) -> type[CachePolicy]:
    """`CachePolicy` for a server mounted under `base_url`."""
    return type("CachePolicyAt", (CachePolicy,), {"base_url": base_url})
