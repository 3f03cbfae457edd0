"""Counting the kernels each page has handed out, so a hall of phones cannot start kernels
without end (each costs hundreds of MB): a page past its cap answers "Lớp đang đông".

A kernel is "in use" for a notebook from the moment a page load takes it (started for the
page, or taken from Voilà's preheated pool) until it is shut down — when the trainee leaves
(Voilà's page asks the server to shut its kernel down on unload) or by the idle cull.
"""

from __future__ import annotations

from contextvars import ContextVar

from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager

# The notebook whose page is being rendered (set by the page handler; the kernel that
# Voilà's handler starts in the same task belongs to it).
RENDERING: ContextVar[str | None] = ContextVar("tdp_rendering_notebook", default=None)


class PageKernelManager(AsyncMappingKernelManager):
    """Voilà's kernel manager base (`VoilaConfiguration.multi_kernel_manager_class`) that
    remembers which notebook each page's kernel serves."""

    def __init__(self, **kwargs) -> None:  # noqa: ANN003
        super().__init__(**kwargs)
        self.page_kernels: dict[str, str] = {}

    # The async manager's start_kernel is a coroutine; jupyter_client types the sync base's.
    async def start_kernel(self, *args, **kwargs) -> str:  # type: ignore[override]
        kernel_id = await super().start_kernel(*args, **kwargs)
        notebook = RENDERING.get()
        env = kwargs.get("env") or {}
        if notebook and env.get("VOILA_PREHEAT") == "False":  # a page's own kernel, not a pool's
            self.page_kernels[kernel_id] = notebook
        return kernel_id

    def in_use(self, notebook: str) -> int:
        """Live kernels serving pages of `notebook` (idle pooled kernels not counted)."""
        alive = set(self.list_kernel_ids())
        for kernel_id in [k for k in self.page_kernels if k not in alive]:
            del self.page_kernels[kernel_id]
        ids = {k for k, nb in self.page_kernels.items() if nb == notebook}
        data = getattr(self, "notebook_data", {}).get(notebook)  # Voilà's preheating subclass
        if data:
            ids |= set(data.get("kernel_ids", ()))
        idle, pending = set(), 0
        for future in getattr(self, "_pools", {}).get(notebook, []):
            if not future.done():
                pending += 1
            elif not future.cancelled() and future.exception() is None:
                idle.add(future.result()["kernel_id"])
        return max(0, len((ids & alive) - idle) - pending)
