"""What `tdp hub up` asks before it starts JupyterHub: is the proxy installed, and is this
province's hub already running?

Without the proxy, JupyterHub dies with an English traceback about `npm install -g`.

A second JupyterHub on the same folder does not just fail: it stops the running hub's
proxy (the pid file it finds), cutting every trainee off, then dies with an English
traceback. So `tdp hub up` asks first and refuses in Vietnamese.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from tdp.errors import InputError
from tdp.hub.settings import HubSettings
from tdp.ports import port_is_free


def busy_addresses(settings: HubSettings) -> list[str]:
    """The hub's addresses that something already listens on: its public one (the proxy),
    the hub's own API, the proxy's API and the province dashboard."""
    public = urlsplit(settings.bind_url)
    wanted = [(public.hostname or "0.0.0.0", public.port or 80, settings.bind_url)]
    wanted += [("127.0.0.1", port, f"127.0.0.1:{port}") for port in
               (settings.hub_port, settings.proxy_api_port, settings.province_port)]
    return [label for host, port, label in wanted if not port_is_free(host, port)]


def refuse_if_running(settings: HubSettings) -> None:
    """A Vietnamese refusal when any of the hub's addresses is taken (the hub already runs,
    or another program holds the port)."""
    busy = busy_addresses(settings)
    if busy:
        raise InputError(
            f"Không chạy hub: địa chỉ {', '.join(busy)} đang có chương trình khác dùng. "
            "Nếu hub đang chạy (ở một cửa sổ khác), không cần chạy lại; muốn khởi động lại "
            "thì dừng nó trước (Ctrl+C ở cửa sổ đó). Nếu là chương trình khác, đổi cổng ở "
            "dòng bind_url (hoặc hub_port, proxy_api_port, province_port) của "
            f"{settings.dir / 'hub.yaml'}.")


def refuse_without_proxy(proxy: list[str]) -> None:
    """A Vietnamese refusal when the proxy command `tdp.hub.config` found is not there."""
    import shutil

    if not (Path(proxy[0]).is_file() or shutil.which(proxy[0])):
        raise InputError("Chưa cài proxy của hub (configurable-http-proxy, npm): chạy 'make hub' "
                         "ở thư mục khóa học (cần Node và npm), rồi chạy lại 'tdp hub up'.")
