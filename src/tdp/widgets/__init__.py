"""The faces' widget kit: what every screen and the trainers' dashboard share — the banner,
the page style, safe callbacks, labelled inputs that carry stable DOM classes, and the error
summary ("Có lỗi cần sửa"). It sits below the faces so that the dashboard need not import the
portal's screens.

Screens are thin: they render the catalog's fields and show the engine's errors. Nothing here
decides whether a value is valid.
"""

from __future__ import annotations

import functools
import html
import logging
import sys
import traceback
from collections.abc import Callable
from datetime import datetime
from typing import Any

import ipywidgets as w

from tdp.messages import BANNER_TEXT

PROBLEM_TEXT = ("Đã có trục trặc, thao tác chưa thực hiện được. Vui lòng thử lại; "
                "nếu vẫn lỗi, báo người hướng dẫn.")

log = logging.getLogger("tdp.screens")

CSS = """
<style>
.tdp-app { max-width: 720px; margin: 0 auto; font-size: 16px; color: #0b0c0c;
  font-family: Arial, "Helvetica Neue", sans-serif; box-sizing: border-box; width: 100%; }
.tdp-app * { box-sizing: border-box; }
.tdp-app .widget-inline-hbox, .tdp-app .widget-inline-vbox, .tdp-app .widget-box,
.tdp-app .widget-html, .tdp-app .widget-button, .tdp-app .widget-checkbox {
  margin-left: 0 !important; margin-right: 0 !important; max-width: 100%; }
.tdp-app input, .tdp-app select { max-width: 100%; min-width: 0; }
.tdp-app .widget-html-content, .tdp-app .widget-html { white-space: normal; line-height: 1.4;
  height: auto; max-width: 100%; overflow-wrap: anywhere; }
.tdp-app .widget-html, .tdp-app .widget-label { font-size: 16px; }
.tdp-banner { background: #ffdd00; color: #0b0c0c; font-weight: 700; padding: 8px 12px;
  border-bottom: 3px solid #0b0c0c; }
.tdp-header { background: #a50f0f; color: #fff; padding: 8px 12px; flex-wrap: wrap; }
.tdp-header .widget-html { color: #fff; }
.tdp-main { padding: 8px 12px 24px 12px; width: 100%; }
.tdp-app h1 { font-size: 24px; margin: 12px 0 8px 0; }
.tdp-app h2 { font-size: 20px; margin: 16px 0 6px 0; }
.tdp-field { width: 100%; margin: 6px 0 10px 0; padding-left: 0; }
.tdp-field .widget-inline-hbox { flex-wrap: wrap; width: 100%; height: auto; }
.tdp-field .widget-label { width: 100% !important; max-width: 100% !important;
  white-space: normal; text-align: left !important; font-weight: 700; height: auto;
  line-height: 1.3; overflow: visible; margin-bottom: 4px; }
.tdp-field input, .tdp-field select { font-size: 16px; min-height: 36px; width: 100%; }
.tdp-field .widget-text, .tdp-field .widget-dropdown { width: 100% !important; }
.tdp-field .widget-radio-box { flex-direction: column; }
.tdp-field .widget-radio-box label { font-size: 16px; line-height: 1.4; display: flex;
  align-items: center; gap: 8px; height: auto; padding: 6px 0; white-space: normal; }
.tdp-field .widget-radio-box input[type="radio"] { flex: none; margin: 0; width: 20px;
  height: 20px; min-height: 20px; }
.tdp-field--error { border-left: 5px solid #d4351c; padding-left: 10px; }
.tdp-hint { color: #505a5f; }
.tdp-error-message { color: #d4351c; font-weight: 700; }
.tdp-error-summary { border: 5px solid #d4351c; padding: 10px; margin: 10px 0; width: 100%; }
.tdp-error-summary h2 { margin-top: 0; }
.tdp-app button.tdp-link, .tdp-app .tdp-link { background: none; border: none; box-shadow: none;
  color: #1d70b8; text-decoration: underline; text-align: left; white-space: normal;
  height: auto; min-height: 32px; padding: 4px 0; width: 100%; font-size: 16px; }
.tdp-app .tdp-error-summary .tdp-link { color: #d4351c; font-weight: 700; }
.tdp-app .tdp-header .tdp-link { color: #fff; width: auto; margin-right: 16px !important; }
.tdp-app .tdp-header > .widget-html { width: 100%; }
.tdp-app button.tdp-primary { background: #00703c; color: #fff; font-weight: 700;
  font-size: 18px; height: auto; min-height: 44px; padding: 8px 16px; white-space: normal;
  width: auto; max-width: 100%; }
.tdp-app button.tdp-secondary { background: #f3f2f1; color: #0b0c0c; font-size: 16px;
  height: auto; min-height: 40px; white-space: normal; width: auto; max-width: 100%; }
.tdp-app button:focus, .tdp-app input:focus, .tdp-app select:focus {
  outline: 3px solid #ffdd00; box-shadow: inset 0 0 0 2px #0b0c0c; }
.tdp-card { border: 1px solid #b1b4b6; padding: 10px; margin: 6px 0; width: 100%; }
.tdp-card--selected { border: 3px solid #1d70b8; background: #f0f7fc; }
.tdp-phone { border: 3px solid #0b0c0c; border-radius: 18px; padding: 12px; margin: 12px 0;
  background: #f3f2f1; width: 100%; max-width: 320px; }
.tdp-otp { font-size: 28px; letter-spacing: 6px; font-weight: 700; }
.tdp-panel { background: #00703c; color: #fff; padding: 16px; margin: 10px 0; width: 100%; }
.tdp-panel .widget-html { color: #fff; }
.tdp-actions { flex-wrap: wrap; gap: 8px; margin-top: 12px; width: 100%; }
.tdp-review-row { border-bottom: 1px solid #b1b4b6; padding: 6px 0; width: 100%;
  flex-wrap: wrap; }
.tdp-list-item { border: 1px solid #b1b4b6; padding: 8px; margin: 6px 0; width: 100%; }
.tdp-notice { border-left: 5px solid #1d70b8; padding: 8px 12px; margin: 8px 0; width: 100%; }
.tdp-problem { border-left: 5px solid #d4351c; padding: 8px 12px; margin: 8px 0; width: 100%; }
@media print { .tdp-header, .tdp-actions, .tdp-noprint { display: none !important; } }
</style>
"""


def dom_key(path: str) -> str:
    """A field path as a CSS-safe class suffix: `tre.ngay_sinh` → `tre-ngay_sinh`."""
    return path.replace(".", "-")


def esc(text: Any) -> str:
    return html.escape(str(text), quote=True)


def log_problem(where: str) -> None:
    """Full details for the trainer: the server's terminal and `var/tdp.log`."""
    details = traceback.format_exc()
    try:
        stream = sys.__stderr__
        if stream is not None:
            stream.write(f"[tdp.screens] {where}\n{details}")
            stream.flush()
    except (AttributeError, OSError, ValueError):
        pass
    try:
        from tdp.paths import log_file

        with log_file().open("a", encoding="utf-8") as out:
            out.write(f"--- {datetime.now().isoformat()} screens: {where}\n{details}")
    except OSError:
        pass


_problem_sinks: list[Callable[[str], None]] = []


def on_problem(sink: Callable[[str], None]) -> None:
    """Where a failed callback tells the trainee (the app's notice area)."""
    _problem_sinks.clear()
    _problem_sinks.append(sink)


def safe(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Wrap a widget callback: no traceback ever reaches the trainee."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except Exception:  # noqa: BLE001 - the trainee gets one Vietnamese line
            log_problem(getattr(fn, "__qualname__", "callback"))
            for sink in _problem_sinks:
                try:
                    sink(PROBLEM_TEXT)
                except Exception:  # noqa: BLE001
                    log_problem("problem sink")
            return None

    return wrapper


def html_box(text: str, *classes: str) -> w.HTML:
    box = w.HTML(text)
    for cls in classes:
        box.add_class(cls)
    return box


def heading(text: str, level: int = 1) -> w.HTML:
    return w.HTML(f"<h{level}>{esc(text)}</h{level}>")


def button(text: str, on_click: Callable[[], Any], kind: str = "primary",
           dom: str = "") -> w.Button:
    """A button whose click runs `on_click()` safely; `kind` is primary, secondary or link."""
    btn = w.Button(description=text, tooltip=text, layout=w.Layout(width="auto", height="auto"))
    btn.add_class(f"tdp-{kind}")
    if dom:
        btn.add_class(dom)
    btn.on_click(safe(lambda _b: on_click()))
    return btn


def actions(*buttons: w.Widget) -> w.HBox:
    box = w.HBox(list(buttons), layout=w.Layout(width="100%"))
    box.add_class("tdp-actions")
    return box


class FieldBox:
    """One labelled input: label (tied to the input), hint, error message beside it.

    The input carries `tdp-input-<key>` and the container `tdp-field-<key>`, so error links,
    scripts and browser tests find them."""

    def __init__(self, path: str, input_widget: w.Widget, hint: str = ""):
        self.path = path
        self.key = dom_key(path)
        self.input = input_widget
        self.input.add_class(f"tdp-input-{self.key}")
        self.hint = html_box(esc(hint), "tdp-hint") if hint else None
        self.error = html_box("", "tdp-error-message", f"tdp-error-{self.key}")
        self.error.layout.display = "none"
        parts = [self.input] + ([self.hint] if self.hint else []) + [self.error]
        self.box = w.VBox(parts, layout=w.Layout(width="100%"))
        self.box.add_class("tdp-field")
        self.box.add_class(f"tdp-field-{self.key}")

    def show_error(self, message: str | None) -> None:
        if message:
            self.error.value = f"<span>Lỗi: {esc(message)}</span>"
            self.error.layout.display = ""
            self.box.add_class("tdp-field--error")
        else:
            self.error.value = ""
            self.error.layout.display = "none"
            self.box.remove_class("tdp-field--error")

    def focus(self) -> None:
        self.input.focus()


def text_input(label: str, value: str = "", placeholder: str = "") -> w.Text:
    return w.Text(value=value, description=label, placeholder=placeholder,
                  style={"description_width": "initial"}, layout=w.Layout(width="100%"))


class ErrorSummary:
    """"Có lỗi cần sửa": every error, each a link that moves focus to its field."""

    def __init__(self) -> None:
        self.box = w.VBox([], layout=w.Layout(width="100%"))
        self.box.add_class("tdp-error-summary")
        self.box.layout.display = "none"

    def show(self, errors: list[tuple[str, str, Callable[[], Any]]]) -> None:
        """`errors`: (field path, message, go-to-field action)."""
        if not errors:
            self.clear()
            return
        items: list[w.Widget] = [w.HTML("<h2>Có lỗi cần sửa</h2>")]
        for path, message, go in errors:
            items.append(button(message, go, kind="link",
                                dom=f"tdp-error-link-{dom_key(path)}"))
        self.box.children = items
        self.box.layout.display = ""

    def clear(self) -> None:
        self.box.children = []
        self.box.layout.display = "none"


def open_app(make: Callable[[], Any], where: str, failure: str) -> Any:
    """Build and display an app's root widget. Never raises: a failure becomes one
    Vietnamese line under the banner, the details go to the server log."""
    from IPython.display import HTML, display

    try:
        app = make()
        display(app.root)
        return app
    except Exception:  # noqa: BLE001 - no traceback reaches the trainee
        log_problem(where)
        display(HTML(f"<div class='tdp-banner'>{BANNER_TEXT}</div><p>{esc(failure)}</p>"))
        return None


def link_card(title: str, on_click: Callable[[], Any], dom: str, detail_html: str,
              kind: str) -> w.VBox:
    """A card of the portal's lists: a link-styled button and a line of details."""
    card = w.VBox([button(title, on_click, kind="link", dom=dom), html_box(detail_html)],
                  layout=w.Layout(width="100%"))
    card.add_class("tdp-card")
    card.add_class(kind)
    return card



class AppFrame:
    """The frame every trainee app shares: the page style, the banner, a header, the notice
    that says a step went wrong, and the main area the app fills page by page."""

    def __init__(self, css: str = CSS) -> None:
        self.notice = html_box("", "tdp-problem", "tdp-app-problem")
        self.notice.layout.display = "none"
        self.header = w.HBox([], layout=w.Layout(width="100%"))
        self.header.add_class("tdp-header")
        self.main = w.VBox([], layout=w.Layout(width="100%"))
        self.main.add_class("tdp-main")
        self.root = w.VBox([w.HTML(css), html_box(BANNER_TEXT, "tdp-banner"), self.header,
                            self.notice, self.main], layout=w.Layout(width="100%"))
        self.root.add_class("tdp-app")
        on_problem(self.show_problem)

    def show_problem(self, message: str) -> None:
        self.notice.value = esc(message)
        self.notice.layout.display = ""
