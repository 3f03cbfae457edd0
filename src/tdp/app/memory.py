"""Memory given back after the phones leave.

When a class leaves, its kernels end and their memory goes with them, but the server's own
process keeps what it grew to for sixty websockets: Python frees the objects, and glibc's
allocator keeps the freed pages for later. When kernels have ended since the last look, the
server collects garbage and asks glibc to give its free pages back (`malloc_trim`), so the
trainer's laptop has its memory back for the next session.
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
from collections.abc import Callable

CHECK_MS = 30_000


def _malloc_trim() -> Callable[[int], int] | None:
    with contextlib.suppress(OSError, AttributeError):
        return ctypes.CDLL("libc.so.6").malloc_trim  # type: ignore[no-any-return]
    return None


class GiveBack:
    """Called every `CHECK_MS`: gives memory back once the number of kernels went down."""

    def __init__(self, count_kernels: Callable[[], int]) -> None:
        self.count_kernels = count_kernels
        self.last = count_kernels()
        self.trim = _malloc_trim()
        self.given_back = 0  # how many times (the test looks)

    def __call__(self) -> None:
        now = self.count_kernels()
        fewer, self.last = now < self.last, now
        if not fewer:
            return
        gc.collect()
        if self.trim is not None:
            self.trim(0)
        self.given_back += 1
