"""The mock portal's screens (ipywidgets), one module per screen; `show_app()` runs them."""

from __future__ import annotations

from typing import Any


def show_app() -> Any:
    """Display the practice portal in a notebook or Voilà page. Never raises: a failure
    becomes one Vietnamese line, the details go to the server log."""
    from IPython.display import HTML, display

    from tdp.screens.ui import BANNER_TEXT, log_problem

    try:
        from tdp.screens.portal_app import PortalApp

        app = PortalApp()
        display(app.root)
        return app
    except Exception:  # noqa: BLE001 - no traceback reaches the trainee
        log_problem("show_app")
        display(HTML(f"<div class='tdp-banner'>{BANNER_TEXT}</div>"
                     "<p>Không mở được cổng mô phỏng. Báo người hướng dẫn.</p>"))
        return None
