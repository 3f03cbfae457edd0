"""Checking each value of a filing against its field spec, and keeping the clean values.

The catalog says what a field is (type, required, choices, bounds, condition); this module
is the one place that knows what each type accepts. The screens never validate on their own:
they send what was typed and show these errors.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from tdp.catalog.models import FieldSpec
from tdp.dates import parse_iso_date
from tdp.engine.context import CheckContext, value_at
from tdp.registry.idnumber import parse_identity_number
from tdp.text import clean

_NAME = re.compile(r"^[^\W\d_]+(?:['’\-][^\W\d_]+)*(?: [^\W\d_]+(?:['’\-][^\W\d_]+)*)+$")
_PHONE_MOBILE = re.compile(r"^0[35789]\d{8}$")
_PHONE_LANDLINE = re.compile(r"^02\d{9}$")


# The message codes the field checks report (the catalog requires a wording for each).
CODES = (
    "bat_buoc", "chon_bat_buoc", "dinh_dang_van_ban", "ho_ten_khong_hop_le",
    "so_dinh_danh_khong_hop_le", "so_dinh_danh_sai_ma_tinh", "so_dien_thoai_khong_hop_le",
    "ngay_khong_hop_le", "lua_chon_khong_hop_le", "so_nguyen_khong_hop_le", "so_qua_nho",
    "so_qua_lon", "co_khong_khong_hop_le", "nhom_khong_hop_le", "danh_sach_khong_hop_le",
    "danh_sach_it_qua", "giay_to_khong_thuoc_thu_tuc",
)


def is_blank(value: Any) -> bool:
    """Nothing typed: absent, null, empty or white space only."""
    return value is None or (isinstance(value, str) and not value.strip()) or value == []


def _all_blank(value: Any) -> bool:
    if isinstance(value, dict):
        return all(_all_blank(v) for v in value.values())
    return is_blank(value)


def normalise_phone(value: str) -> str:
    digits = re.sub(r"[\s.\-()]", "", value)
    if digits.startswith("+84"):
        digits = "0" + digits[3:]
    elif digits.startswith("84") and len(digits) == 11:
        digits = "0" + digits[2:]
    return digits


def check_fields(ctx: CheckContext, raw: dict[str, Any]) -> dict[str, Any]:
    """Validate `raw` against the procedure's fields; report errors; return clean values."""
    return _check_group(ctx, ctx.procedure.fields, raw, "", raw)


def _check_group(
    ctx: CheckContext, specs: list[FieldSpec], data: dict[str, Any], prefix: str, root: dict
) -> dict[str, Any]:
    clean_values: dict[str, Any] = {}
    for spec in specs:
        path = prefix + spec.id
        if spec.when and not spec.when.holds(value_at(root, spec.when.field)):
            continue  # not relevant to this filing: neither shown nor checked
        value = data.get(spec.id)
        if spec.type == "group" and spec.nullable and _all_blank(value):
            clean_values[spec.id] = None
            continue
        if is_blank(value) and spec.type not in ("group", "list"):
            if spec.required:
                ctx.report(path, "chon_bat_buoc" if spec.type == "choice" else "bat_buoc")
            continue
        checked = _CHECKERS[spec.type](ctx, spec, value, path, root)
        if checked is not _INVALID:
            clean_values[spec.id] = checked
    return clean_values


_INVALID = object()
Checker = Callable[[CheckContext, FieldSpec, Any, str, dict], Any]


def _text(ctx: CheckContext, spec: FieldSpec, value: Any, path: str, root: dict) -> Any:
    if not isinstance(value, str):
        ctx.report(path, "dinh_dang_van_ban")
        return _INVALID
    return clean(value)


def _person_name(ctx: CheckContext, spec: FieldSpec, value: Any, path: str, root: dict) -> Any:
    if not isinstance(value, str):
        ctx.report(path, "dinh_dang_van_ban")
        return _INVALID
    name = clean(value)
    if not _NAME.match(name):
        ctx.report(path, "ho_ten_khong_hop_le")
        return _INVALID
    return name


def _identity(ctx: CheckContext, spec: FieldSpec, value: Any, path: str, root: dict) -> Any:
    text = clean(value).replace(" ", "") if isinstance(value, str) else None
    if text is None or parse_identity_number(text) is None:
        if text is not None and len(text) == 12 and text.isascii() and text.isdigit():
            # twelve digits whose first three are no province code: never say "12 digits"
            ctx.report(path, "so_dinh_danh_sai_ma_tinh", ma=text[:3])
        else:
            ctx.report(path, "so_dinh_danh_khong_hop_le")
        return _INVALID
    return text


def _phone(ctx: CheckContext, spec: FieldSpec, value: Any, path: str, root: dict) -> Any:
    digits = normalise_phone(value) if isinstance(value, str) else ""
    if not (_PHONE_MOBILE.match(digits) or _PHONE_LANDLINE.match(digits)):
        ctx.report(path, "so_dien_thoai_khong_hop_le")
        return _INVALID
    return digits


def _date(ctx: CheckContext, spec: FieldSpec, value: Any, path: str, root: dict) -> Any:
    parsed = parse_iso_date(value.strip()) if isinstance(value, str) else None
    if parsed is None:
        ctx.report(path, "ngay_khong_hop_le")
        return _INVALID
    return parsed.isoformat()


def _choice(ctx: CheckContext, spec: FieldSpec, value: Any, path: str, root: dict) -> Any:
    allowed = {c.value for c in spec.choices}
    if not isinstance(value, str) or value.strip() not in allowed:
        labels = ", ".join(f"{c.label} ({c.value})" for c in spec.choices)
        ctx.report(path, "lua_chon_khong_hop_le", lua_chon=labels)
        return _INVALID
    return value.strip()


def _integer(ctx: CheckContext, spec: FieldSpec, value: Any, path: str, root: dict) -> Any:
    number: int | None = None
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    elif isinstance(value, float) and value.is_integer():
        number = int(value)
    elif isinstance(value, str) and value.strip().isascii() and value.strip().isdigit():
        # ASCII only: str.isdigit() also accepts '²' and other digits int() cannot read
        number = int(value.strip())
    if number is None:
        ctx.report(path, "so_nguyen_khong_hop_le")
        return _INVALID
    if spec.min is not None and number < spec.min:
        ctx.report(path, "so_qua_nho", min=spec.min)
        return _INVALID
    if spec.max is not None and number > spec.max:
        ctx.report(path, "so_qua_lon", max=spec.max)
        return _INVALID
    return number


_YES = {"true", "có", "co"}
_NO = {"false", "không", "khong"}


def _boolean(ctx: CheckContext, spec: FieldSpec, value: Any, path: str, root: dict) -> Any:
    if isinstance(value, bool):
        return value
    word = clean(value).casefold() if isinstance(value, str) else None
    if word in _YES or word in _NO:
        return word in _YES
    ctx.report(path, "co_khong_khong_hop_le")
    return _INVALID


def _group(ctx: CheckContext, spec: FieldSpec, value: Any, path: str, root: dict) -> Any:
    if value is None and not spec.required:
        return _INVALID
    if value is None:
        value = {}  # report each missing part, so the summary names real inputs
    if not isinstance(value, dict):
        ctx.report(path, "nhom_khong_hop_le")
        return _INVALID
    return _check_group(ctx, spec.fields, value, path + ".", root)


def _list(ctx: CheckContext, spec: FieldSpec, value: Any, path: str, root: dict) -> Any:
    if value is None:
        value = []
    if not isinstance(value, list):
        ctx.report(path, "danh_sach_khong_hop_le")
        return _INVALID
    if spec.required and len(value) < (spec.min_items or 0):
        ctx.report(path, "danh_sach_it_qua", min_items=spec.min_items)
        return _INVALID
    items = []
    for i, item in enumerate(value):
        item_path = f"{path}.{i}"
        if not isinstance(item, dict):
            ctx.report(item_path, "nhom_khong_hop_le")
            continue
        items.append(_check_group(ctx, spec.fields, item, item_path + ".", root))
    return items


def _documents(ctx: CheckContext, spec: FieldSpec, value: Any, path: str, root: dict) -> Any:
    if not isinstance(value, list):
        ctx.report(path, "danh_sach_khong_hop_le")
        return _INVALID
    docs: list[str] = []
    for i, doc in enumerate(value):
        doc_id = doc.strip() if isinstance(doc, str) else None
        if doc_id is None or ctx.procedure.document(doc_id) is None:
            ctx.report(f"{path}.{i}", "giay_to_khong_thuoc_thu_tuc", giay_to=str(doc)[:60])
        elif doc_id not in docs:
            docs.append(doc_id)
    return docs


_CHECKERS: dict[str, Checker] = {
    "text": _text,
    "person_name": _person_name,
    "identity_number": _identity,
    "phone": _phone,
    "date": _date,
    "choice": _choice,
    "integer": _integer,
    "group": _group,
    "list": _list,
    "documents": _documents,
    "boolean": _boolean,
}
