"""Compressed responses: a page is about 5 MB of JavaScript, CSS and JSON, which sixty phones
would otherwise pull uncompressed through one Wi-Fi link (issue 14).

One Tornado output transform, added to the application once it exists (standalone Voilà
applies `tornado_settings` only after the application is built, so `compress_response` there
would never take effect):

- a response whose body is known to be the same for everyone — it carries an `Etag`, which
  Tornado's static handlers compute from the file's content and every other handler from the
  whole body, or it is a file (Jupyter Server's handler of `/voila/labextensions/` sends no
  `Etag`, but the file's `Last-Modified` and length) — is buffered, compressed once (brotli
  when the browser accepts it, else gzip) and the result kept in a bounded cache keyed by
  that name: the sixtieth phone costs the server no compression at all;
- a streamed response (Voilà's page flushes its HTML cell by cell) is gzipped as it goes,
  flushing after each chunk, so the progressive rendering is kept.

Only text, JavaScript, JSON, SVG and XML are compressed; fonts and images already are.
The kernel's websocket (the widgets' state, tens of KB per page) is compressed by the
permessage-deflate extension that Tornado and every browser speak (`WEBSOCKET`).
"""

from __future__ import annotations

import gzip
import zlib
from collections import OrderedDict

import brotli
from tornado.httputil import HTTPHeaders, HTTPServerRequest
from tornado.web import GZipContentEncoding, OutputTransform

COMPRESSIBLE = GZipContentEncoding.CONTENT_TYPES | {"application/manifest+json",
                                                   "text/javascript"}
MIN_LENGTH = 1024  # below this the headers cost more than compression saves
GZIP_LEVEL = 6
BROTLI_QUALITY = 9  # measured: near quality 11's size at a fraction of its CPU (README)
BROTLI_QUALITY_ONCE = 5  # a body nobody else gets (never cached): compressed for one reply
CACHE_BYTES = 64 * 2**20
# Tornado's `websocket_compression_options` (Jupyter Server's kernel websocket reads it):
# permessage-deflate at a modest level and window, a small memory cost per phone
WEBSOCKET = {"compression_level": 6, "mem_level": 5}


class CompressedCache:
    """Compressed bodies by (name, encoding), least recently used dropped past a size."""

    def __init__(self, limit: int = CACHE_BYTES) -> None:
        self.limit = limit
        self.size = 0
        self.items: OrderedDict[tuple[str, str], bytes] = OrderedDict()
        self.hits = 0
        self.misses = 0

    def get(self, name: str, encoding: str, body: bytes) -> bytes:
        key = (name, encoding)
        found = self.items.get(key)
        if found is not None:
            self.items.move_to_end(key)
            self.hits += 1
            return found
        self.misses += 1
        packed = compress(body, encoding)
        self.items[key] = packed
        self.size += len(packed)
        while self.size > self.limit and self.items:
            _key, dropped = self.items.popitem(last=False)
            self.size -= len(dropped)
        return packed


CACHE = CompressedCache()


def compress(body: bytes, encoding: str, once: bool = False) -> bytes:
    if encoding == "br":
        return brotli.compress(body, quality=BROTLI_QUALITY_ONCE if once else BROTLI_QUALITY)
    return gzip.compress(body, compresslevel=GZIP_LEVEL, mtime=0)


def accepted(request: HTTPServerRequest) -> list[str]:
    """The encodings the client accepts, best first ("br", "gzip")."""
    offered = {part.split(";")[0].strip().lower()
               for part in request.headers.get("Accept-Encoding", "").split(",")}
    return [enc for enc in ("br", "gzip") if enc in offered]


def compressible(headers: HTTPHeaders) -> bool:
    ctype = str(headers.get("Content-Type", "")).split(";")[0].strip().lower()
    return ctype.startswith("text/") or ctype in COMPRESSIBLE


def cache_key(path: str, headers: HTTPHeaders) -> str:
    """What names this body for everyone: a file's `Etag`, or its address, date and size. A
    page (no `Last-Modified`: Tornado's `Etag` of a body made for one client) has none."""
    if "Last-Modified" not in headers:
        return ""
    if "Etag" in headers:
        return str(headers["Etag"])
    if "Content-Length" in headers:
        return f"{path}|{headers['Last-Modified']}|{headers['Content-Length']}"
    return ""


class CompressResponses(OutputTransform):
    """Tornado output transform: brotli/gzip, cached by `Etag` (see the module's docstring)."""

    def __init__(self, request: HTTPServerRequest) -> None:
        self.encodings = accepted(request)
        self.mode = ""  # "", "whole" (buffered, cached) or "stream" (gzip as it goes)
        self.parts: list[bytes] = []
        self.path = request.path
        self.key = ""
        self.encoding = ""
        self.stream: zlib._Compress | None = None

    def transform_first_chunk(self, status_code: int, headers: HTTPHeaders, chunk: bytes,
                              finishing: bool) -> tuple[int, HTTPHeaders, bytes]:
        if status_code == 200 and compressible(headers) and "Content-Encoding" not in headers:
            headers["Vary"] = (headers["Vary"] + ", Accept-Encoding" if "Vary" in headers
                               else "Accept-Encoding")
        if (status_code != 200 or not self.encodings or not compressible(headers)
                or "Content-Encoding" in headers or (finishing and len(chunk) < MIN_LENGTH)):
            return status_code, headers, chunk
        self.key = cache_key(self.path, headers)
        if self.key or finishing:
            self.mode = "whole"
            self.encoding = self.encodings[0]
        else:
            if "gzip" not in self.encodings:
                return status_code, headers, chunk
            self.mode = "stream"
            self.encoding = "gzip"
            self.stream = zlib.compressobj(GZIP_LEVEL, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
        headers["Content-Encoding"] = self.encoding
        body = self.transform_chunk(chunk, finishing)
        if finishing:
            headers["Content-Length"] = str(len(body))
        elif "Content-Length" in headers:
            del headers["Content-Length"]  # sent chunked
        return status_code, headers, body

    def transform_chunk(self, chunk: bytes, finishing: bool) -> bytes:
        if self.mode == "stream":
            assert self.stream is not None
            out = self.stream.compress(chunk)
            return out + self.stream.flush(zlib.Z_FINISH if finishing else zlib.Z_SYNC_FLUSH)
        if self.mode == "whole":
            self.parts.append(chunk)
            if not finishing:
                return b""
            body = b"".join(self.parts)
            self.parts = []
            if self.key:
                return CACHE.get(self.key, self.encoding, body)
            return compress(body, self.encoding, once=True)
        return chunk
