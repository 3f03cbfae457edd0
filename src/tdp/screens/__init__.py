"""The mock portal's screens (ipywidgets), one module per screen; `show_app()` runs them."""

from __future__ import annotations

from typing import Any


def show_app() -> Any:
    """Display the practice portal in a notebook or Voilà page. Never raises."""
    from tdp.widgets import open_app

    def make() -> Any:
        from tdp.screens.portal_app import PortalApp

        return PortalApp()

    return open_app(make, "show_app", "Không mở được cổng mô phỏng. Báo người hướng dẫn.")
