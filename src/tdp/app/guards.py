"""The app's guards, applied to every request before any handler runs (pages, static files,
kernel and query websockets alike):

- `Host` must be one of the laptop's own names or the LAN address `tdp app` printed: a
  DNS-rebinding page in a trainee's browser cannot reach the app under another name.
- With `--lan`, a request needs the access token: `?token=` once (from the QR code), which
  becomes a cookie and is removed from the address at once, so it is neither in the browser's
  history nor in what Voilà passes to kernels; or the cookie itself.
- The access log never shows a token.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import re
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlencode

from tornado.httputil import HTTPServerRequest, split_host_and_port

from tdp.errors import InputError

MIN_TOKEN_LENGTH = 8
COOKIE = "tdp_truy_cap"
LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "::1", "[::1]"})
TOKEN_IN_TEXT = re.compile(r"(token=)[^&\s\"']*", re.IGNORECASE)

access_log = logging.getLogger("tornado.access")


def check_token(token: str) -> str:
    """A token a phone can type but nobody guesses: at least 8 characters, no spaces."""
    if len(token) < MIN_TOKEN_LENGTH or any(ch.isspace() for ch in token):
        raise InputError(f"Mã truy cập phải có ít nhất {MIN_TOKEN_LENGTH} ký tự và không có "
                         "dấu cách.")
    return token


def redact(text: str) -> str:
    """`…?token=abc…` → `…?token=…` (for anything written to a log)."""
    return TOKEN_IN_TEXT.sub(r"\1…", text)


def host_name(request: HTTPServerRequest) -> str:
    host, _port = split_host_and_port(request.host.lower())
    return host


@dataclass
class Guard:
    """What the server accepts: its host names and, with `--lan`, the access token."""

    token: str = ""
    hosts: frozenset[str] = field(default_factory=lambda: LOCAL_HOSTS)

    @property
    def lan(self) -> bool:
        return bool(self.token)

    def cookie_value(self) -> str:
        """Derived from the token: stays valid across a restart with the same token, and a new
        token makes every old cookie worthless."""
        return hmac.new(self.token.encode(), b"tdp-app-access", hashlib.sha256).hexdigest()

    def host_allowed(self, request: HTTPServerRequest) -> bool:
        return host_name(request) in self.hosts

    def has_cookie(self, request: HTTPServerRequest) -> bool:
        morsel = request.cookies.get(COOKIE)
        return morsel is not None and hmac.compare_digest(morsel.value, self.cookie_value())

    def token_in_query(self, request: HTTPServerRequest) -> bool:
        given = request.query_arguments.get("token", [b""])[-1].decode("utf-8", "replace")
        return bool(given) and hmac.compare_digest(given.encode(), self.token.encode())

    def verdict(self, request: HTTPServerRequest) -> str:
        """'host' (refused: not our name), 'token' (refused: no valid token), 'accept_token'
        (a valid `?token=`: set the cookie, drop it from the address) or 'ok'."""
        if not self.host_allowed(request):
            return "host"
        if not self.lan:
            return "ok"
        if self.token_in_query(request):
            return "accept_token"
        return "ok" if self.has_cookie(request) else "token"


def without_token(uri_path: str, query: str) -> str:
    """The address with `token` removed from its query string."""
    kept = [(k, v) for k, v in parse_qsl(query, keep_blank_values=True) if k != "token"]
    return uri_path + (f"?{urlencode(kept)}" if kept else "")


def log_request(handler) -> None:  # noqa: ANN001 - tornado's log_function signature
    """Tornado's access log line, with any token cut out of the address."""
    status = handler.get_status()
    if status < 400:
        log = access_log.info
    elif status < 500:
        log = access_log.warning
    else:
        log = access_log.error
    request = handler.request
    took = 1000.0 * request.request_time()
    log("%d %s %s (%s) %.2fms", status, request.method, redact(request.uri or ""),
        request.remote_ip, took)
