"""Waiting for a state the test cannot be told about (a row in the store, a process gone):
polled until it holds, failing with what was awaited. Not a timed assert: the limit is only
how long a broken run hangs."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any


def wait_until(condition: Callable[[], Any], timeout: float = 60.0, what: str = "") -> Any:
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"chờ quá lâu: {what}")
        time.sleep(0.2)
