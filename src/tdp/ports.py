"""Whether a server could listen on an address: asked by `tdp app` and `tdp hub up` before
they start, so that a busy port gets one Vietnamese line instead of the server's English one
(or, for JupyterHub, a second hub that stops the running hub's proxy)."""

from __future__ import annotations

import socket


def port_is_free(host: str, port: int) -> bool:
    """A bind test, no connection made. SO_REUSEADDR, as Tornado and the proxy bind: the
    connections of a server just stopped linger in TIME_WAIT and must not count (on Linux the
    bind still fails while anything listens there)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError:
            return False
    return True
