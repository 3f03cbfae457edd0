"""Phones load the app's front end a few at a time, in the order they arrived.

Sixty phones opening a page within seconds all download Voilà's front end (about 1.4 MB
each, compressed) through one Wi-Fi link. Shared fairly, every phone gets a sixtieth of the
link, and every one of them waits until nearly all the bytes of all the phones have gone:
at 50 Mbit/s about 14 s for the first phone as for the last. Served in arrival order, a few
at a time, the first phone is usable after a fraction of a second and the last after the
few seconds the link needs beyond its arrival; no phone is later than with fair sharing.

A phone is known by its `_xsrf` cookie, which the page sets (`routes.NotebookPageHandler`).
It arrives with its page, then its requests for the front end's files wait for its turn
(`wait_turn`); it stops loading when its kernel's websocket opens (it has everything it
needs) or after `HOLD_S`, so a phone that walked away does not hold the line. Requests
without the cookie, and revalidations (a cache's `If-None-Match`), never wait.
"""

from __future__ import annotations

import asyncio
from collections import OrderedDict

LOADING = 4  # phones downloading at once: enough to keep the link busy between round trips
HOLD_S = 15.0  # the longest one phone keeps its turn
IDLE_S = 2.0  # ... when, at its turn, it was not asking for anything (it may have left)


class Admission:
    """The line of phones loading the front end."""

    def __init__(self, loading: int = LOADING, hold_s: float = HOLD_S) -> None:
        self.size = loading
        self.hold_s = hold_s
        self.loading: dict[str, asyncio.TimerHandle] = {}
        self.waiting: OrderedDict[str, asyncio.Future[None]] = OrderedDict()
        self.asking: dict[str, int] = {}  # requests of each waiting phone held back

    def arrived(self, phone: str) -> None:
        """A page was asked for: the phone joins the line (once)."""
        if not phone or phone in self.loading or phone in self.waiting:
            return
        if len(self.loading) < self.size:
            self._admit(phone)
        else:
            self.waiting[phone] = asyncio.get_running_loop().create_future()

    async def wait_turn(self, phone: str) -> None:
        """Before serving one of the front end's files to `phone`."""
        turn = self.waiting.get(phone)
        if turn is None:
            return
        self.asking[phone] = self.asking.get(phone, 0) + 1
        try:
            await asyncio.shield(turn)
        finally:
            self.asking[phone] -= 1
            if not self.asking[phone]:
                del self.asking[phone]

    def loaded(self, phone: str) -> None:
        """The phone's kernel websocket opened: its turn ends, the next phone's begins."""
        timer = self.loading.pop(phone, None)
        if timer is not None:
            timer.cancel()
            self._next()

    def _admit(self, phone: str, hold_s: float | None = None) -> None:
        loop = asyncio.get_running_loop()
        self.loading[phone] = loop.call_later(hold_s or self.hold_s, self.loaded, phone)

    def _next(self) -> None:
        while self.waiting and len(self.loading) < self.size:
            phone, turn = self.waiting.popitem(last=False)
            # a phone that asks for nothing at its turn (it left, or is still reading its
            # page) soon gives the turn on; its later requests are not held back
            self._admit(phone, None if phone in self.asking else IDLE_S)
            if not turn.done():
                turn.set_result(None)


def phone_of(handler: object) -> str:
    """The phone a request comes from: its `_xsrf` cookie ('' if it has none yet)."""
    get_cookie = getattr(handler, "get_cookie", None)
    return str(get_cookie("_xsrf") or "") if get_cookie else ""
