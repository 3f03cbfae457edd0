"""The shapes that hold other fields: a group (a sub-record such as the child or the mother),
a list of sub-records, and the list of attached documents. `check_group` walks a procedure's
fields and asks each field's type to validate its value."""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from typing import TYPE_CHECKING, ClassVar

from tdp.engine.context import value_at
from tdp.engine.field_types.base import (
    INVALID,
    FieldType,
    Reporter,
    field_type,
    frozen,
    is_blank,
    normalise_value,
    value_key,
)
from tdp.text import clean

if TYPE_CHECKING:
    from tdp.catalog.models import FieldSpec

MAX_LIST_ITEMS = 100
"""The most items a list or a document list takes (a filing is typed by a person)."""
_LONGEST_DOCUMENT_ID = 200  # longer text is no document id: never cleaned


def all_blank(value: object) -> bool:
    if isinstance(value, dict):
        return all(all_blank(v) for v in value.values())
    return is_blank(value)


def check_group(ctx: Reporter, specs: list[FieldSpec], data: Mapping[str, object], prefix: str,
                root: Mapping[str, object]) -> dict[str, object]:
    """Validate the fields `specs` of `data`; report errors; return the clean values."""
    clean_values: dict[str, object] = {}
    for spec in specs:
        path = prefix + spec.id
        if spec.when and not spec.when.holds(value_at(root, spec.when.field)):
            continue  # not relevant to this filing: neither shown nor checked
        value = data.get(spec.id)
        if spec.type == "group" and spec.nullable and all_blank(value):
            clean_values[spec.id] = None
            continue
        if spec.type == "group" and not spec.required and all_blank(value):
            continue  # an optional part left empty (as a form sends it) was not given
        if is_blank(value) and spec.type not in ("group", "list"):
            if spec.required:
                ctx.report(path, "chon_bat_buoc" if spec.type == "choice" else "bat_buoc")
            continue
        checked = field_type(spec.type).validate(ctx, spec, value, path, root)
        if checked is not INVALID:
            clean_values[spec.id] = checked
    return clean_values


class GroupType(FieldType):
    name: ClassVar[str] = "group"
    codes: ClassVar[tuple[str, ...]] = ("nhom_khong_hop_le", "bat_buoc")

    def validate(self, ctx: Reporter, spec: FieldSpec, value: object, path: str,
                 root: Mapping[str, object]) -> object:
        if value is None and not spec.required:
            return INVALID
        if value is None:
            value = {}  # report each missing part, so the summary names real inputs
        if not isinstance(value, dict):
            ctx.report(path, "nhom_khong_hop_le")
            return INVALID
        return check_group(ctx, spec.fields, value, path + ".", root)

    def normalise_with(self, spec: FieldSpec, value: object) -> object:
        """Each known part of a sub-record in its canonical form (unknown keys kept)."""
        if not isinstance(value, dict):
            return value
        specs = {f.id: f for f in spec.fields}
        return {k: normalise_value(specs[k], v) if k in specs else v for k, v in value.items()}

    def key(self, value: object, spec: FieldSpec | None = None) -> Hashable:
        if is_blank(value):
            return None
        if spec is None or not isinstance(value, dict):
            return frozen(value)
        return tuple((f.id, value_key(f, value.get(f.id))) for f in spec.fields)


class ListType(FieldType):
    """A list of sub-records, each with the list's `fields`; order does not change meaning."""

    name: ClassVar[str] = "list"
    codes: ClassVar[tuple[str, ...]] = ("danh_sach_khong_hop_le", "danh_sach_it_qua",
                                        "danh_sach_qua_dai", "nhom_khong_hop_le")

    def validate(self, ctx: Reporter, spec: FieldSpec, value: object, path: str,
                 root: Mapping[str, object]) -> object:
        if value is None:
            value = []
        if not isinstance(value, list):
            ctx.report(path, "danh_sach_khong_hop_le")
            return INVALID
        if spec.required and len(value) < (spec.min_items or 0):
            ctx.report(path, "danh_sach_it_qua", min_items=spec.min_items)
            return INVALID
        if len(value) > MAX_LIST_ITEMS:
            ctx.report(path, "danh_sach_qua_dai", toi_da=MAX_LIST_ITEMS)
            return INVALID
        items = []
        for i, item in enumerate(value):
            item_path = f"{path}.{i}"
            if not isinstance(item, dict):
                ctx.report(item_path, "nhom_khong_hop_le")
                continue
            items.append(check_group(ctx, spec.fields, item, item_path + ".", root))
        return items

    def normalise_with(self, spec: FieldSpec, value: object) -> object:
        if not isinstance(value, list):
            return value
        return [GROUP.normalise_with(spec, v) if isinstance(v, dict) else v for v in value]

    def key(self, value: object, spec: FieldSpec | None = None) -> Hashable:
        if is_blank(value):
            return None
        if spec is None or not isinstance(value, list):
            return frozen(value)
        items = [GROUP.key(v, spec) for v in value]
        return tuple(sorted(items, key=repr))


class DocumentsType(FieldType):
    """`documents`: ids of this procedure's documents; a set (order and repeats aside)."""

    name: ClassVar[str] = "documents"
    codes: ClassVar[tuple[str, ...]] = ("danh_sach_khong_hop_le", "danh_sach_qua_dai",
                                        "giay_to_khong_thuoc_thu_tuc")

    def longest_raw(self, spec: FieldSpec | None = None) -> int:
        """Of one item: a document id is a short identifier."""
        return _LONGEST_DOCUMENT_ID

    def normalise(self, value: object) -> object:
        if not isinstance(value, list):
            return value
        return [self._clean(v) for v in value]

    def _clean(self, item: object) -> object:
        """An item cleaned, unless it is not text or too long to be an id (left as it is,
        for `validate` to name)."""
        if not isinstance(item, str) or self.oversized(item):
            return item
        return clean(item)

    def validate(self, ctx: Reporter, spec: FieldSpec, value: object, path: str,
                 root: Mapping[str, object]) -> object:
        if not isinstance(value, list):
            ctx.report(path, "danh_sach_khong_hop_le")
            return INVALID
        if len(value) > MAX_LIST_ITEMS:
            ctx.report(path, "danh_sach_qua_dai", toi_da=MAX_LIST_ITEMS)
            return INVALID
        docs: list[str] = []
        for i, doc in enumerate(value):
            doc_id = doc.strip() if isinstance(doc, str) else None
            if doc_id is None or ctx.procedure.document(doc_id) is None:
                ctx.report(f"{path}.{i}", "giay_to_khong_thuoc_thu_tuc", giay_to=str(doc)[:60])
            elif doc_id not in docs:
                docs.append(doc_id)
        return docs

    def key(self, value: object, spec: FieldSpec | None = None) -> Hashable:
        if is_blank(value):
            return None
        if not isinstance(value, list):
            return frozen(value)
        return frozenset(frozen(self._clean(v)) for v in value)


GROUP = GroupType()
