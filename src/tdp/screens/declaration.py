"""The declaration ("Tờ khai"), rendered from the catalog in the portal's order.

Dates are typed dd/mm/yyyy (d/m/yyyy accepted), choices are radios or dropdowns, list fields
have "Thêm" and "Xóa", conditional fields appear only while their `when` holds, and a
nullable group (the father) has a "Chưa xác định được cha" checkbox. The form keeps what was
typed; `filing()` turns it into the engine's JSON; the engine says what is wrong.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

import ipywidgets as w

from tdp.catalog.models import Catalog, FieldSpec, Procedure
from tdp.engine import DATE, field_type, value_at
from tdp.messages import lower_first
from tdp.screens.steps import step_text
from tdp.widgets import FieldBox, button, esc, html_box, safe

BLANK_CHOICE = "— Chọn —"
RADIO_MAX = 4


def is_document_path(path: str) -> bool:
    head = path.split(".", 1)[0]
    return head == "giay_to"


class Declaration:
    """The widgets of one procedure's declaration, and what was typed into them."""

    def __init__(self, catalog: Catalog, proc: Procedure, on_change: Callable[[], None]):
        self.catalog = catalog
        self.proc = proc
        self._on_change = on_change
        self._quiet = False
        self.fields: dict[str, FieldBox] = {}  # every input, by its dotted path
        self.values: dict[str, Any] = {}  # what was typed, by path (the draft)
        self.list_counts: dict[str, int] = {}
        self.null_groups: dict[str, bool] = {}
        self.documents: list[str] = []
        self._list_boxes: dict[str, w.VBox] = {}
        self._conditional: list[tuple[FieldSpec, w.Widget]] = []
        self._null_boxes: dict[str, w.VBox] = {}
        self.box = w.VBox([], layout=w.Layout(width="100%"))
        self.box.add_class("tdp-declaration")

    # ----- state -------------------------------------------------------------------------
    def state(self) -> dict[str, Any]:
        return {"values": dict(self.values), "lists": dict(self.list_counts),
                "null": dict(self.null_groups), "documents": list(self.documents)}

    def restore(self, state: dict[str, Any] | None) -> None:
        state = state or {}
        self.values = {k: v for k, v in (state.get("values") or {}).items()
                       if isinstance(k, str)}
        self.list_counts = {k: int(v) for k, v in (state.get("lists") or {}).items()}
        self.null_groups = {k: bool(v) for k, v in (state.get("null") or {}).items()}
        docs = state.get("documents") or []
        known = {d.id for d in self.proc.documents}
        self.documents = [d for d in docs if d in known]
        self.build()

    def prefill_requester(self, person: Any) -> None:
        """A new declaration: the logged-in citizen's own details in the requester group (as
        the portal fills them), then the form built once."""
        spec = next((f for f in self.proc.fields if f.id == "nguoi_yeu_cau"), None)
        for child in spec.fields if spec is not None and person is not None else []:
            path = f"nguoi_yeu_cau.{child.id}"
            if child.id == "ho_ten":
                self.values[path] = person.ho_ten
            elif child.id == "so_dinh_danh":
                self.values[path] = person.so_dinh_danh
            elif child.id == "ngay_sinh" and DATE.read(person.ngay_sinh):
                self.values[path] = DATE.to_screen(person.ngay_sinh)
        self.build()

    # ----- the engine's JSON -------------------------------------------------------------
    def filing(self) -> dict[str, Any]:
        data = self._group_value(self.proc.fields, "")
        data["giay_to"] = list(self.documents)
        return data

    def _group_value(self, specs: list[FieldSpec], prefix: str) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for spec in specs:
            path = prefix + spec.id
            if spec.type == "documents":
                continue
            if spec.type == "group":
                if spec.nullable and self.null_groups.get(path):
                    out[spec.id] = None
                else:
                    out[spec.id] = self._group_value(spec.fields, path + ".")
            elif spec.type == "list":
                out[spec.id] = [self._group_value(spec.fields, f"{path}.{i}.")
                                for i in range(self._count(spec, path))]
            else:
                value = self._scalar(spec, self.values.get(path))
                if value is not None:
                    out[spec.id] = value
        return out

    @staticmethod
    def _scalar(spec: FieldSpec, typed: Any) -> Any:
        if typed is None or typed == "":
            return None
        if spec.type == "date" and isinstance(typed, str):
            day = DATE.parse(typed)
            return day.isoformat() if day else typed  # the engine names a bad date
        return typed

    def _count(self, spec: FieldSpec, path: str) -> int:
        return self.list_counts.get(path, max(spec.min_items or 0, 1))

    # ----- widgets -----------------------------------------------------------------------
    def build(self) -> None:
        self.fields = {}
        self._conditional = []
        self._list_boxes = {}
        self._null_boxes = {}
        self.box.children = self._render(self.proc.fields, "")
        self.update_visibility()

    def _render(self, specs: list[FieldSpec], prefix: str) -> list[w.Widget]:
        parts: list[w.Widget] = []
        for spec in specs:
            if spec.type == "documents":
                continue
            path = prefix + spec.id
            if spec.type == "group":
                part = self._render_group(spec, path)
            elif spec.type == "list":
                part = self._render_list(spec, path)
            else:
                part = self._render_input(spec, path).box
            if spec.when is not None:
                self._conditional.append((spec, part))
            parts.append(part)
        return parts

    def _render_group(self, spec: FieldSpec, path: str) -> w.Widget:
        head = [html_box(f"<h2>{esc(spec.label)}</h2>")]
        if spec.hint:
            head.append(html_box(esc(spec.hint), "tdp-hint"))
        inner = w.VBox(self._render(spec.fields, path + "."), layout=w.Layout(width="100%"))
        if spec.nullable:
            text = ("Chưa xác định được cha" if spec.id == "cha"
                    else f"Không có {lower_first(spec.label)}")
            box = w.Checkbox(value=bool(self.null_groups.get(path)), description=text,
                             indent=False, layout=w.Layout(width="100%"))
            box.add_class(f"tdp-input-{path.replace('.', '-')}-null")
            box.add_class("tdp-null-toggle")
            inner.layout.display = "none" if box.value else ""
            self._null_boxes[path] = inner

            def toggle(change: dict, path: str = path, inner: w.VBox = inner) -> None:
                self.null_groups[path] = bool(change["new"])
                inner.layout.display = "none" if change["new"] else ""
                self._changed()

            box.observe(safe(toggle), names="value")
            head.append(box)
        group = w.VBox(head + [inner], layout=w.Layout(width="100%"))
        group.add_class(f"tdp-group-{path.replace('.', '-')}")
        return group

    def _render_list(self, spec: FieldSpec, path: str) -> w.Widget:
        items = w.VBox([], layout=w.Layout(width="100%"))
        self._list_boxes[path] = items
        add = button(f"Thêm {lower_first(spec.label)}", lambda: self._add_item(spec, path),
                     kind="secondary", dom=f"tdp-add-{path.replace('.', '-')}")
        anchor = FieldBox(path, add)
        self.fields[path] = anchor
        self._fill_list(spec, path)
        head = [html_box(f"<h2>{esc(spec.label)}</h2>")]
        if spec.hint:
            head.append(html_box(esc(spec.hint), "tdp-hint"))
        return w.VBox(head + [items, anchor.box], layout=w.Layout(width="100%"))

    def _fill_list(self, spec: FieldSpec, path: str) -> None:
        for key in [k for k in self.fields if k.startswith(path + ".")]:
            del self.fields[key]
        rows = []
        for i in range(self._count(spec, path)):
            item = self._render(spec.fields, f"{path}.{i}.")
            remove = button(f"Xóa mục {i + 1}", partial(self._remove_item, spec, path, i),
                            kind="secondary", dom=f"tdp-remove-{path.replace('.', '-')}-{i}")
            box = w.VBox([html_box(f"<strong>Mục {i + 1}</strong>")] + item + [remove],
                         layout=w.Layout(width="100%"))
            box.add_class("tdp-list-item")
            rows.append(box)
        self._list_boxes[path].children = rows

    def _add_item(self, spec: FieldSpec, path: str) -> None:
        self.list_counts[path] = self._count(spec, path) + 1
        self._fill_list(spec, path)
        self._changed()
        first = f"{path}.{self.list_counts[path] - 1}.{spec.fields[0].id}"
        if first in self.fields:
            self.fields[first].focus()

    def _remove_item(self, spec: FieldSpec, path: str, index: int) -> None:
        count = self._count(spec, path)
        if count <= 0:
            return
        shifted: dict[str, Any] = {}
        for key, value in self.values.items():
            if not key.startswith(path + "."):
                shifted[key] = value
                continue
            rest = key[len(path) + 1:]
            pos, _, tail = rest.partition(".")
            if not pos.isdigit() or int(pos) == index:
                continue
            new = int(pos) - 1 if int(pos) > index else int(pos)
            shifted[f"{path}.{new}.{tail}"] = value
        self.values = shifted
        self.list_counts[path] = count - 1
        self._fill_list(spec, path)
        self._changed()

    def _render_input(self, spec: FieldSpec, path: str) -> FieldBox:
        label = spec.label + ("" if spec.required else " (không bắt buộc)")
        typed = self.values.get(path)
        if spec.id == "co_quan" and spec.type == "text":
            options = [(BLANK_CHOICE, "")] + [
                (f"UBND {c.name}", c.id) for c in self.catalog.wards.communes]
            widget: w.Widget = w.Dropdown(options=options, value=self._option(options, typed),
                                          description=label)
        elif spec.type == "choice" and spec.required and len(spec.choices) <= RADIO_MAX:
            options = [(c.label, c.value) for c in spec.choices]
            widget = w.RadioButtons(options=options, value=self._option(options, typed, None),
                                    description=label)
        elif spec.type == "yes_no":
            widget = w.Checkbox(value=typed is True, description=label, indent=False)
        elif spec.type == "choice":
            blank = BLANK_CHOICE if spec.required else "— Không chọn —"
            options = [(blank, "")] + [(c.label, c.value) for c in spec.choices]
            widget = w.Dropdown(options=options, value=self._option(options, typed),
                                description=label)
        else:
            placeholder = field_type(spec.type).placeholder(self.catalog.messages)
            widget = w.Text(value="" if typed is None else str(typed), description=label,
                            placeholder=placeholder)
        widget.style = {"description_width": "initial"}
        widget.layout = w.Layout(width="100%")
        hint = field_type(spec.type).hint(self.catalog.messages, spec)
        field = FieldBox(path, widget, hint)
        self.fields[path] = field

        def changed(change: dict, path: str = path) -> None:
            new = change["new"]
            self.values[path] = "" if new is None else new
            if any(s.when and s.when.field == path for s, _ in self._conditional):
                self.update_visibility()
            self._changed()

        widget.observe(safe(changed), names="value")
        return field

    @staticmethod
    def _option(options: list[tuple[str, Any]], typed: Any, default: Any = "") -> Any:
        values = [v for _, v in options]
        return typed if typed in values else default

    def update_visibility(self) -> None:
        data = self._group_value(self.proc.fields, "")
        for spec, part in self._conditional:
            shown = spec.when is not None and spec.when.holds(value_at(data, spec.when.field))
            part.layout.display = "" if shown else "none"

    def visible(self, path: str) -> bool:
        """Whether the field at `path` is on screen (its condition holds, its group is shown)."""
        data = self._group_value(self.proc.fields, "")
        parts = path.split(".")
        specs = self.proc.fields
        for i, part in enumerate(parts):
            if part.isdigit():
                continue
            spec = next((s for s in specs if s.id == part), None)
            if spec is None:
                return False
            if spec.when is not None and not spec.when.holds(value_at(data, spec.when.field)):
                return False
            if spec.nullable and self.null_groups.get(".".join(parts[: i + 1])):
                return False
            specs = spec.fields
        return True

    def _changed(self) -> None:
        if not self._quiet:
            self._on_change()

    # ----- errors ------------------------------------------------------------------------
    def anchor(self, path: str) -> FieldBox | None:
        """The input an error at `path` belongs to: itself, its group's first input, or the
        nearest enclosing field."""
        if path in self.fields:
            return self.fields[path]
        for key, box in self.fields.items():
            if key.startswith(path + ".") and self.visible(key):
                return box
        parts = path.split(".")
        while parts:
            parts.pop()
            key = ".".join(parts)
            if key in self.fields:
                return self.fields[key]
        return None

    def show_errors(self, errors: list[Any]) -> None:
        """Put each message beside its field (and clear the others)."""
        by_box: dict[str, list[str]] = {}
        for err in errors:
            box = self.anchor(err.field)
            if box is not None:
                by_box.setdefault(box.path, []).append(err.message)
        for path, box in self.fields.items():
            messages = by_box.get(path)
            box.show_error(" ".join(dict.fromkeys(messages)) if messages else None)

    def label_of(self, path: str) -> str:
        spec = self.proc.field(path)
        return spec.label if spec else path


def show(app: Any, focus_path: str | None = None) -> None:
    """The declaration page: the form, "Tiếp tục" (engine check), "Lưu nháp"."""
    from tdp.widgets import ErrorSummary, actions, heading

    decl: Declaration = app.form
    proc = decl.proc
    summary = ErrorSummary()
    saved = html_box("", "tdp-hint", "tdp-draft-status")

    def next_step() -> None:
        result = app.check()
        errors = [e for e in result.errors if not is_document_path(e.field)
                  and decl.anchor(e.field) is not None]
        decl.show_errors(errors)
        if errors:
            summary.show([(e.field, e.message, partial(app.focus_field, e.field))
                          for e in errors])
            app.focus_summary(summary)
            return
        summary.clear()
        app.show_papers()

    def save() -> None:
        stamp = app.save_draft()
        saved.value = f"Đã lưu nháp lúc {esc(stamp)}."

    intro = []
    if proc.fee_note:
        intro.append(html_box(f"<strong>Lệ phí:</strong> {esc(proc.fee_note)}", "tdp-notice"))
    if app.draft_notice:
        intro.append(html_box(esc(app.draft_notice), "tdp-notice", "tdp-draft-restored"))
    app.page(proc.name, [
        summary.box,
        heading(proc.name),
        html_box(esc(step_text(app.catalog, "to_khai")), "tdp-hint"),
        *intro,
        decl.box,
        actions(button("Tiếp tục", next_step, dom="tdp-next"),
                button("Lưu nháp", save, kind="secondary", dom="tdp-save-draft")),
        saved,
        button("Quay lại danh sách thủ tục", app.show_search, kind="link", dom="tdp-back"),
    ], focus=decl.fields.get(focus_path) if focus_path else None)
