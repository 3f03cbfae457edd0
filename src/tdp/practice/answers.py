"""Reading a trainee's answer, and comparing what it means rather than its bytes.

`parse_answer` turns JSON into an `Answer` or raises `InputError` with one Vietnamese line.
`normalise_filing` puts a filing in the form the portal reads (dates typed as dd/mm/yyyy
become ISO, text is NFC and trimmed), so a trainee is not marked wrong for how they typed.
`comparable` maps a field's value to a form where two spellings of the same meaning compare
equal: names after NFC, case and space folding; dates as dates; document lists as sets.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import ValidationError

from tdp.catalog.models import FieldSpec, Procedure
from tdp.dates import parse_iso_date, parse_screen_date
from tdp.errors import InputError
from tdp.practice.models import Answer, Scenario
from tdp.text import clean, name_key

_KEYS = {"procedure", "file", "filing", "decisions"}


def parse_answer(raw: Any, scenario: Scenario | None = None) -> Answer:
    """A trainee's answer from JSON; unusable input raises `InputError` (one line)."""
    if not isinstance(raw, dict):
        raise InputError(
            'Câu trả lời phải là một đối tượng JSON dạng {"procedure": ..., "file": ..., '
            '"filing": {...}, "decisions": {...}}'
        )
    for key in raw:
        if key not in _KEYS:
            raise InputError(
                f"Câu trả lời có khóa không được biết đến '{key}': chỉ dùng "
                + ", ".join(sorted(_KEYS))
            )
    try:
        answer = Answer.model_validate(raw)
    except ValidationError as exc:
        err = exc.errors()[0]
        key = ".".join(str(p) for p in err["loc"]) or "câu trả lời"
        wants = {
            "procedure": "mã thủ tục (chữ) hoặc null",
            "file": "true hoặc false",
            "filing": "một đối tượng JSON (hồ sơ) hoặc null",
        }
        what = wants.get(str(err["loc"][0]), "mã lựa chọn (chữ)")
        raise InputError(f"Câu trả lời: '{key}' phải là {what}") from None
    if scenario is not None:
        for qid, value in answer.decisions.items():
            question = scenario.question(qid)
            if question is None:
                known = ", ".join(q.id for q in scenario.questions) or "(không có câu hỏi)"
                raise InputError(f"Tình huống {scenario.id} không có câu hỏi '{qid}'. "
                                 f"Các câu hỏi: {known}")
            values = [o.value for o in question.options]
            if clean(value) not in values:
                raise InputError(f"Câu hỏi '{qid}' không có lựa chọn '{value}'. "
                                 f"Chọn một trong: {', '.join(values)}")
        answer = answer.model_copy(
            update={"decisions": {k: clean(v) for k, v in answer.decisions.items()}}
        )
    return answer


def to_iso_date(value: Any) -> str | None:
    """An ISO date string for a date typed as YYYY-MM-DD or d/m/yyyy; None otherwise."""
    if isinstance(value, date):
        return value.isoformat()
    if not isinstance(value, str):
        return None
    parsed = parse_iso_date(value.strip()) or parse_screen_date(value)
    return parsed.isoformat() if parsed else None


def _normalise(spec: FieldSpec, value: Any) -> Any:
    if spec.type == "date":
        return to_iso_date(value) or value
    if spec.type in ("text", "person_name", "choice") and isinstance(value, str):
        return clean(value)
    if spec.type == "identity_number" and isinstance(value, str):
        return "".join(clean(value).split())
    if spec.type == "group" and isinstance(value, dict):
        return _normalise_group(spec.fields, value)
    if spec.type == "list" and isinstance(value, list):
        return [_normalise_group(spec.fields, v) if isinstance(v, dict) else v for v in value]
    if spec.type == "documents" and isinstance(value, list):
        return [clean(v) if isinstance(v, str) else v for v in value]
    return value


def _normalise_group(fields: list[FieldSpec], data: dict[str, Any]) -> dict[str, Any]:
    specs = {f.id: f for f in fields}
    return {k: _normalise(specs[k], v) if k in specs else v for k, v in data.items()}


def normalise_filing(procedure: Procedure, filing: dict[str, Any]) -> dict[str, Any]:
    """The filing in the form the portal reads; values it cannot read are left for the
    portal to report at their field."""
    return _normalise_group(procedure.fields, filing)


def _blank(value: Any) -> bool:
    return value is None or value == [] or (isinstance(value, str) and not value.strip())


def _frozen(value: Any) -> Any:
    if isinstance(value, dict):
        return tuple(sorted((k, _frozen(v)) for k, v in value.items()))
    if isinstance(value, list):
        return tuple(_frozen(v) for v in value)
    return value


def comparable(spec: FieldSpec | None, value: Any) -> Any:
    """A form of `value` (of the field `spec`) in which equal meanings compare equal."""
    if _blank(value):
        return None
    kind = spec.type if spec is not None else None
    if kind in ("person_name", "text") and isinstance(value, str):
        return name_key(value)
    if kind == "choice" and isinstance(value, str):
        return clean(value)
    if kind == "identity_number" and isinstance(value, str):
        return "".join(value.split())
    if kind == "date":
        iso = to_iso_date(value)
        return date.fromisoformat(iso) if iso else _frozen(value)
    if kind == "integer":
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.strip().isdigit():
            return int(value.strip())
        return value
    if kind == "phone" and isinstance(value, str):
        from tdp.engine import normalise_phone

        return normalise_phone(value)
    if kind == "documents" and isinstance(value, list):
        return frozenset(clean(v) if isinstance(v, str) else _frozen(v) for v in value)
    if kind == "group" and isinstance(value, dict) and spec is not None:
        return tuple((f.id, comparable(f, value.get(f.id))) for f in spec.fields)
    if kind == "list" and isinstance(value, list) and spec is not None:
        items = [comparable(_as_group(spec), v) for v in value]
        return tuple(sorted(items, key=repr))  # the order of the items does not matter
    if isinstance(value, str):
        return clean(value)
    return _frozen(value)


def same_value(spec: FieldSpec | None, got: Any, want: Any) -> bool:
    """Do the trainee's value and the expected one mean the same? Free text by meaning
    (`tdp.practice.meaning`), names by `name_key`, groups field by field, lists item by item
    in any order; everything else through `comparable`. An oversized value never matches."""
    from tdp.practice.meaning import MAX_LENGTH, same_meaning

    kind = spec.type if spec is not None else None
    if isinstance(got, str) and len(got) > MAX_LENGTH:
        return False
    if kind == "text" and isinstance(got, str) and isinstance(want, str):
        return _blank(got) == _blank(want) and (_blank(got) or same_meaning(got, want))
    if kind == "group" and isinstance(got, dict) and isinstance(want, dict) and spec:
        return all(same_value(f, got.get(f.id), want.get(f.id)) for f in spec.fields)
    if kind == "list" and isinstance(got, list) and isinstance(want, list) and spec:
        item = _as_group(spec)
        left = list(got)
        for w in want:
            match = next((i for i, g in enumerate(left) if same_value(item, g, w)), None)
            if match is None:
                return False
            left.pop(match)
        return not left
    return comparable(spec, got) == comparable(spec, want)


def _as_group(spec: FieldSpec) -> FieldSpec:
    return spec.model_copy(update={"type": "group"})


def documents_of(filing: dict[str, Any] | None) -> set[str]:
    docs = (filing or {}).get("giay_to") or []
    return {clean(d) for d in docs if isinstance(d, str)} if isinstance(docs, list) else set()


def merge_patch(target: Any, patch: Any) -> Any:
    """RFC 7386 JSON merge patch: `null` removes a key, objects merge, anything else (lists
    included) replaces. To set a value to null, replace its parent object."""
    if not isinstance(patch, dict):
        return patch
    result = dict(target) if isinstance(target, dict) else {}
    for key, value in patch.items():
        if value is None:
            result.pop(key, None)
        else:
            result[key] = merge_patch(result.get(key), value)
    return result
