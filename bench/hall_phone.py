"""The phones of `bench/hall.py`: protocol clients that do on the wire what Chromium does,
run all together in one asyncio process inside the hall's network namespace.

A phone GETs the page, fetches every asset Chromium fetched for it (the recorded list) over
six connections with `Accept-Encoding: gzip, br`, keeping a browser's HTTP cache (fresh
entries not asked again, `no-cache` ones revalidated, heuristic freshness for files that only
have `Last-Modified`), opens the kernel's websocket and does the ipywidgets 8 handshake (comm
info, the control comm's `request_states`) until the state of the login form's text field has
arrived: "usable". When every phone is usable (or has given up), each types an identity
number and password and presses "Đăng nhập", and waits for the kernel's reply that changes the
screen. Then it leaves as a page does (websocket closed, Voilà's shutdown beacon).

Input (argv[1]): a JSON file {"base", "page", "assets", "phones", "spread", "timeout",
"cache_in", "cache_out", "person"}. Output: one JSON list of results on stdout.
"""

from __future__ import annotations

import asyncio
import json
import random
import re
import struct
import sys
import time
import uuid
from collections.abc import Mapping
from email.utils import parsedate_to_datetime
from pathlib import Path

import aiohttp
import websockets

KERNEL_ID = re.compile(r'"kernelId": "([0-9a-f-]{36})"')
HEURISTIC = 0.1  # RFC 9111 §4.2.2: a tenth of the time since Last-Modified, as Chromium does


class BrowserCache:
    """A browser's HTTP cache, as far as freshness and revalidation go."""

    def __init__(self, entries: dict | None = None) -> None:
        self.entries: dict[str, dict] = entries or {}

    @staticmethod
    def directives(headers: dict) -> dict[str, str]:
        out = {}
        for part in headers.get("cache-control", "").split(","):
            name, _, value = part.strip().partition("=")
            if name:
                out[name.lower()] = value
        return out

    def plan(self, url: str) -> dict | None:
        """None: fresh, no request; {}: a full request; else the conditional headers."""
        entry = self.entries.get(url)
        if entry is None:
            return {}
        headers, age = entry["headers"], time.time() - entry["stored"]
        cc = self.directives(headers)
        if "no-cache" not in cc:
            if "max-age" in cc:
                if age < float(cc["max-age"] or 0):
                    return None
            elif "last-modified" in headers and "date" in headers:
                lifetime = (parsedate_to_datetime(headers["date"])
                            - parsedate_to_datetime(headers["last-modified"])).total_seconds()
                if age < HEURISTIC * lifetime:
                    return None
        conditional = {}
        if "etag" in headers:
            conditional["If-None-Match"] = headers["etag"]
        if "last-modified" in headers:
            conditional["If-Modified-Since"] = headers["last-modified"]
        return conditional

    def store(self, url: str, status: int, response_headers: Mapping[str, str]) -> None:
        headers = {k.lower(): v for k, v in response_headers.items()}
        if status == 304 and url in self.entries:
            self.entries[url]["stored"] = time.time()
            return
        if status == 200 and "no-store" not in self.directives(headers):
            self.entries[url] = {"headers": headers, "stored": time.time()}


def message(msg_type: str, content: dict, channel: str = "shell", session: str = "",
            metadata: dict | None = None) -> str:
    return json.dumps({
        "header": {"msg_id": uuid.uuid4().hex, "msg_type": msg_type, "username": "phone",
                   "session": session, "version": "5.3", "date": ""},
        "parent_header": {}, "metadata": metadata or {}, "content": content, "channel": channel,
        "buffers": []})


def decode(frame: str | bytes) -> dict:
    """A Jupyter websocket message; a binary frame carries buffers after the JSON part."""
    if isinstance(frame, str):
        return json.loads(frame)
    (count,) = struct.unpack("!I", frame[:4])
    offsets = struct.unpack(f"!{count}I", frame[4:4 + 4 * count])
    end = offsets[1] if count > 1 else len(frame)
    return json.loads(frame[offsets[0]:end])


class Phone:
    def __init__(self, index: int, spec: dict, cache: BrowserCache) -> None:
        self.index = index
        self.spec = spec
        self.cache = cache
        self.session = uuid.uuid4().hex
        self.result: dict = {"phone": index, "usable": None, "interaction": None, "error": ""}
        self.ws = None
        self.models: dict[str, dict] = {}
        self.kernel_id = ""

    async def get(self, client: aiohttp.ClientSession, url: str) -> None:
        plan = self.cache.plan(url)
        if plan is None:
            return
        # the bytes as they came (a phone's CPU decodes them, not this machine's)
        async with client.get(url, headers=plan) as response:
            async for _ in response.content.iter_chunked(65536):
                pass
            self.cache.store(url, response.status, response.headers)

    async def visit(self, started: float) -> None:
        base, spec = self.spec["base"], self.spec
        headers = {"Accept-Encoding": "gzip, br", "User-Agent": "hall-phone"}
        # six connections per site, as a phone's browser; aiohttp rather than httpx because
        # sixty phones' clients run on the server's own two cores (its parser is in C)
        connector = aiohttp.TCPConnector(limit_per_host=6)
        async with aiohttp.ClientSession(
                base_url=base, connector=connector, headers=headers, auto_decompress=False,
                cookie_jar=aiohttp.CookieJar(unsafe=True),  # cookies of an IP address too
                timeout=aiohttp.ClientTimeout(total=spec["timeout"])) as client:
            async with client.get(spec["page"], auto_decompress=True) as page:
                page.raise_for_status()
                text = await page.text()
            found = KERNEL_ID.search(text)
            if not found:
                raise RuntimeError(f"no kernel id in the page ({page.status})")
            self.kernel_id = found.group(1)
            await asyncio.gather(*(self.get(client, a) for a in spec["assets"]))
            async with client.get(f"/api/kernels/{self.kernel_id}") as info:
                await info.read()
            ws_url = (base.replace("http", "ws", 1)
                      + f"/api/kernels/{self.kernel_id}/channels?session_id={self.session}")
            cookies = {c.key: c.value for c in client.cookie_jar}
            cookie = "; ".join(f"{k}={v}" for k, v in cookies.items())
            self.ws = await websockets.connect(ws_url, max_size=None,
                                               additional_headers={"Cookie": cookie})
            await self.handshake()
            self.result["usable"] = time.monotonic() - started
            await PHONES_USABLE.arrive()
            if spec["interact"]:
                await asyncio.sleep(random.uniform(0, 5))
                await self.interact()
            await PHONES_DONE.arrive()
            await self.ws.close()
            async with client.post(f"/voila/api/shutdown/{self.kernel_id}",
                                   data={"_xsrf": cookies.get("_xsrf", "")}) as bye:
                await bye.read()

    async def send(self, msg_type: str, content: dict, version: str = "") -> None:
        metadata = {"version": version} if version else None
        await self.ws.send(message(msg_type, content, session=self.session, metadata=metadata))

    async def receive(self) -> dict:
        return decode(await self.ws.recv())

    async def handshake(self) -> None:
        await self.send("kernel_info_request", {})
        await self.send("comm_info_request", {"target_name": "jupyter.widget"})
        control = uuid.uuid4().hex
        await self.send("comm_open", {"comm_id": control, "target_name":
                                      "jupyter.widget.control", "data": {}},
                        version="1.0.0")  # ipywidgets 8's control protocol
        await self.send("comm_msg", {"comm_id": control, "data": {"method": "request_states"}})
        while True:
            msg = await self.receive()
            data = msg.get("content", {}).get("data", {})
            if msg.get("msg_type") == "comm_msg" and data.get("method") == "update_states":
                self.models = data["states"]
                if any(m["model_name"] == "TextModel" for m in self.models.values()):
                    return
                raise RuntimeError("no text field in the widget state")

    def model(self, name: str, **state: str) -> str:
        for model_id, m in self.models.items():
            if m["model_name"] == name and all(m["state"].get(k) == v for k, v in state.items()):
                return model_id
        raise RuntimeError(f"no {name} {state}")

    async def interact(self) -> None:
        person = self.spec["person"]
        number = self.model("TextModel", placeholder="12 chữ số")
        password = self.model("PasswordModel")
        button = self.model("ButtonModel", description="Đăng nhập")
        for comm_id, value in ((number, person["so_dinh_danh"]),
                               (password, person["mat_khau_tap_huan"])):
            await self.send("comm_msg", {"comm_id": comm_id, "data": {
                "method": "update", "state": {"value": value}, "buffer_paths": []}})
        pressed = time.monotonic()
        await self.send("comm_msg", {"comm_id": button, "data": {
            "method": "custom", "content": {"event": "click"}}})
        ours = {number, password}
        while True:  # the first change the kernel makes that is not our own typing echoed
            msg = await self.receive()
            kind, content = msg.get("msg_type"), msg.get("content", {})
            if kind == "comm_open" or (kind == "comm_msg" and content.get("comm_id") not in ours
                                       and content.get("data", {}).get("method") == "update"):
                self.result["interaction"] = time.monotonic() - pressed
                return


class Countdown:
    """Set when every phone has arrived (or given up): the class is all connected."""

    def __init__(self) -> None:
        self.left = 0
        self.event = asyncio.Event()

    def reset(self, count: int) -> None:
        self.left = count
        self.event = asyncio.Event()

    async def arrive(self, wait: bool = True) -> None:
        self.left -= 1
        if self.left <= 0:
            self.event.set()
        if wait:
            await self.event.wait()


PHONES_USABLE = Countdown()
PHONES_DONE = Countdown()


async def run_phone(phone: Phone, delay: float) -> dict:
    await asyncio.sleep(delay)
    started = time.monotonic()
    try:
        await asyncio.wait_for(phone.visit(started), phone.spec["timeout"] + 60)
    except Exception as exc:  # noqa: BLE001 - a phone that failed is counted, not fatal
        phone.result["error"] = f"{type(exc).__name__}: {exc}"[:200]
    finally:
        reached = [phone.result["usable"] is not None, phone.result["interaction"] is not None]
        if not reached[0]:
            await PHONES_USABLE.arrive(wait=False)
        if not reached[1]:
            await PHONES_DONE.arrive(wait=False)
    return phone.result


async def delayed_pump(reader: asyncio.StreamReader, writer: asyncio.StreamWriter,
                       delay: float) -> None:
    """Bytes from `reader` to `writer`, each chunk `delay` seconds after it was read, in
    order (the one-way propagation delay netem would add)."""
    loop = asyncio.get_running_loop()
    queue: asyncio.Queue = asyncio.Queue()

    async def release() -> None:
        while True:
            due, data = await queue.get()
            if due > loop.time():
                await asyncio.sleep(due - loop.time())
            if not data:
                writer.close()
                return
            writer.write(data)
            await writer.drain()

    sender = asyncio.create_task(release())
    try:
        while True:
            data = await reader.read(65536)
            queue.put_nowait((loop.time() + delay, data))
            if not data:
                break
    except OSError:
        queue.put_nowait((loop.time(), b""))
    await sender


async def delay_relay(target: str, port: int, rtt: float) -> asyncio.Server:
    """127.0.0.1:`port` in the phones' namespace → `target`:`port` over the shaped link, with
    `rtt` added per round trip: one RTT for the TCP handshake, half of it each way after."""

    async def handle(down_r: asyncio.StreamReader, down_w: asyncio.StreamWriter) -> None:
        await asyncio.sleep(rtt)  # SYN → SYN-ACK → the first data can leave
        try:
            up_r, up_w = await asyncio.open_connection(target, port)
        except OSError:
            down_w.close()
            return
        await asyncio.gather(delayed_pump(down_r, up_w, rtt / 2),
                             delayed_pump(up_r, down_w, rtt / 2), return_exceptions=True)

    return await asyncio.start_server(handle, "127.0.0.1", port)


async def main(spec: dict) -> list[dict]:
    relay = None
    if spec.get("relay_rtt"):  # no netem in this kernel: the delay added here (hall.py)
        host, port = spec["base"].rsplit("//", 1)[1].split(":")
        relay = await delay_relay(host, int(port), spec["relay_rtt"])
        spec = {**spec, "base": f"http://127.0.0.1:{port}"}
    try:
        return await phones_visit(spec)
    finally:
        if relay is not None:
            relay.close()


async def phones_visit(spec: dict) -> list[dict]:
    n = spec["phones"]
    caches = json.loads(Path(spec["cache_in"]).read_text()) if spec.get("cache_in") else [{}] * n
    phones = [Phone(i, spec, BrowserCache(caches[i])) for i in range(n)]
    PHONES_USABLE.reset(n)
    PHONES_DONE.reset(n)
    delays = [spec["spread"] * i / max(n - 1, 1) for i in range(n)]
    results = await asyncio.gather(*(run_phone(p, d) for p, d in zip(phones, delays, strict=False)))
    if spec.get("cache_out"):
        Path(spec["cache_out"]).write_text(json.dumps([p.cache.entries for p in phones]))
    return list(results)


if __name__ == "__main__":
    print(json.dumps(asyncio.run(main(json.loads(Path(sys.argv[1]).read_text())))))
