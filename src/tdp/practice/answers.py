"""Reading a trainee's answer, and comparing what it means rather than its bytes.

`parse_answer` turns JSON into an `Answer` or raises `InputError` with one Vietnamese line.
`normalise_filing` puts a filing in the form the portal reads (dates typed as dd/mm/yyyy
become ISO, text is NFC and trimmed), so a trainee is not marked wrong for how they typed.
`comparable` maps a field's value to a form where two spellings of the same meaning compare
equal: names after NFC, case and space folding; dates as dates; document lists as sets.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from tdp.catalog.models import FieldSpec, Procedure
from tdp.engine import normalise_value, value_key
from tdp.errors import InputError
from tdp.practice.models import Answer, Scenario
from tdp.text import clean

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


def normalise_filing(procedure: Procedure, filing: dict[str, Any]) -> dict[str, Any]:
    """The filing in the form the portal reads (each field's type normalises its value);
    values it cannot read are left for the portal to report at their field."""
    specs = {f.id: f for f in procedure.fields}
    return {k: normalise_value(specs[k], v) if k in specs else v for k, v in filing.items()}


def comparable(spec: FieldSpec | None, value: Any) -> Any:
    """A form of `value` (of the field `spec`) in which equal meanings compare equal: the
    field type's `key` (names after NFC, case and space folding; dates as dates; document
    lists as sets; list items in any order)."""
    return value_key(spec, value)


def _blank(value: Any) -> bool:
    return value is None or value == [] or (isinstance(value, str) and not value.strip())


def same_value(spec: FieldSpec | None, got: Any, want: Any) -> bool:
    """Do the trainee's value and the expected one mean the same? Free text by meaning
    (`tdp.practice.meaning`: typos, abbreviations, a paper's own title), groups field by
    field, lists item by item in any order; everything else through the field type's key
    (`comparable`). An oversized value never matches."""
    from tdp.practice.meaning import MAX_LENGTH, same_meaning

    kind = spec.type if spec is not None else None
    if isinstance(got, str) and len(got) > MAX_LENGTH:
        return False
    if kind == "text" and isinstance(got, str) and isinstance(want, str):
        return _blank(got) == _blank(want) and (_blank(got) or same_meaning(got, want))
    if kind == "group" and isinstance(got, dict) and isinstance(want, dict) and spec:
        return all(same_value(f, got.get(f.id), want.get(f.id)) for f in spec.fields)
    if kind == "list" and isinstance(got, list) and isinstance(want, list) and spec:
        item = spec.model_copy(update={"type": "group"})
        left = list(got)
        for w in want:
            match = next((i for i, g in enumerate(left) if same_value(item, g, w)), None)
            if match is None:
                return False
            left.pop(match)
        return not left
    return comparable(spec, got) == comparable(spec, want)


def documents_of(filing: dict[str, Any] | None) -> set[str]:
    """The document ids of a filing `normalise_filing` returned (already clean: never
    cleaned twice)."""
    docs = (filing or {}).get("giay_to") or []
    return {d for d in docs if isinstance(d, str)} if isinstance(docs, list) else set()


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
