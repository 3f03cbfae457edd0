"""Loading `course/` into typed models, and reporting every problem with file, key and fix.

A typo in a YAML file must never reach an app as a traceback: everything a trainer can get
wrong is caught here, as a `CatalogProblem` in Vietnamese.
"""

from __future__ import annotations

import string
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from tdp.calendar import WorkCalendar, load_calendar
from tdp.catalog.models import (
    Catalog,
    FieldSpec,
    Procedure,
    SupportLists,
    Vocabulary,
    Wards,
)
from tdp.errors import CatalogError, CatalogProblem, InputError
from tdp.paths import course_dir

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# Placeholders a procedure's `next_steps` may use (filled in on the receipt).
RECEIPT_PLACEHOLDERS = {
    "ngay_hen", "ten_co_quan", "so_dinh_danh", "ma_ho_so", "le_phi", "so_thang_gia_tri",
}


# Checks that layers above the catalog register (the engine's rule and effect kinds, and the
# message codes they report): the catalog runs them without importing those layers.
ProcedureCheck = Callable[[Procedure], list[tuple[str, str]]]  # → (key, Vietnamese message)
_VALIDATORS: list[tuple[ProcedureCheck, Callable[[], set[str]]]] = []


def register_validator(check: ProcedureCheck, codes: Callable[[], set[str]]) -> None:
    """Add a check of each procedure and a source of message codes `messages.vi.yaml` must
    word. Called once by the engine when it loads."""
    if all(existing is not check for existing, _ in _VALIDATORS):
        _VALIDATORS.append((check, codes))


def required_codes() -> set[str]:
    """Every message code a registered layer may report."""
    return {code for _, codes in _VALIDATORS for code in codes()}


UNREADABLE = object()  # a file that could not be read: its problem is already reported


def read_yaml(path: Path, problems: list[CatalogProblem], root: Path) -> Any:
    """Parse one YAML file; a syntax error becomes a problem naming the line (and the result
    is `UNREADABLE`, so nothing more is said about that file)."""
    name = _relative(path, root)
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)
    except FileNotFoundError:
        problems.append(CatalogProblem(name, "", "không tìm thấy tệp: tạo lại tệp này"))
    except UnicodeDecodeError:
        problems.append(CatalogProblem(name, "", "tệp không phải UTF-8: lưu lại với mã UTF-8"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"dòng {mark.line + 1}, cột {mark.column + 1}" if mark else ""
        problems.append(
            CatalogProblem(name, where, f"lỗi cú pháp YAML ({_short(exc)}): sửa thụt lề, dấu ':'")
        )
    return UNREADABLE


def validate_model(
    model: type[BaseModel], data: Any, file: str, problems: list[CatalogProblem]
) -> Any:
    """Validate `data` into `model`; each pydantic error becomes a problem with its key."""
    if data is UNREADABLE:
        return None
    if not isinstance(data, dict):
        problems.append(CatalogProblem(file, "", "tệp phải là các cặp 'khóa: giá trị' (YAML)"))
        return None
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        for err in exc.errors():
            key = ".".join(str(p) for p in err["loc"])
            problems.append(CatalogProblem(file, key, explain(err)))
    return None


M = TypeVar("M", bound=BaseModel)


def load_model_file(path: Path, model: type[M]) -> M:
    """One YAML file of the course as `model`, or an InputError that says, in Vietnamese,
    each key that is wrong and what to do (the same words as `tdp catalog check`)."""
    problems: list[CatalogProblem] = []
    found = validate_model(model, read_yaml(path, problems, path.parent), path.name, problems)
    if found is None:
        raise InputError("; ".join(str(p) for p in problems) or f"Tệp '{path.name}' trống")
    return found  # type: ignore[no-any-return]


_TYPE_WORDS = {
    "int": "một số nguyên",
    "bool": "true hoặc false",
    "string": "một dòng chữ",
    "list": "một danh sách (mỗi mục bắt đầu bằng '- ')",
    "dict": "các cặp 'khóa: giá trị'",
    "model": "các cặp 'khóa: giá trị'",
    "float": "một số",
}


def explain(err: ErrorDetails) -> str:
    """Pydantic's error, said in Vietnamese with what to do."""
    kind = err["type"]
    if kind == "missing":
        return "thiếu khóa bắt buộc này: thêm vào"
    if kind == "extra_forbidden":
        return "khóa không được biết đến (có thể gõ sai tên): sửa hoặc xóa"
    if kind == "literal_error":
        return f"giá trị không hợp lệ; dùng một trong: {err.get('ctx', {}).get('expected', '')}"
    if kind == "string_pattern_mismatch":
        return "chỉ dùng chữ thường không dấu, số và dấu gạch dưới, ví dụ: ngay_sinh"
    if kind in ("greater_than_equal", "greater_than"):
        ctx = err.get("ctx", {})
        return f"giá trị phải từ {ctx.get('ge', ctx.get('gt'))} trở lên"
    if kind == "too_short":
        return f"cần ít nhất {err.get('ctx', {}).get('min_length', 1)} mục: thêm vào"
    if kind == "string_too_short":
        return "không được để trống: ghi nội dung vào"
    if kind in ("union_tag_invalid", "union_tag_not_found"):
        tags = err.get("ctx", {}).get("expected_tags", "")
        return f"loại không được biết đến; dùng một trong: {tags}"
    for word, text in _TYPE_WORDS.items():
        if kind.startswith(word) or kind == f"{word}_type":
            return f"cần {text}"
    if kind == "value_error":
        return str(err.get("ctx", {}).get("error", err["msg"]))
    return "giá trị không hợp lệ: sửa theo mẫu của các tệp khác"


def _short(exc: Exception) -> str:
    return str(getattr(exc, "problem", None) or exc).splitlines()[0]


def _relative(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root.parent))
    except ValueError:
        return str(path)


def _cross_check(
    proc: Procedure, file: str, wards: Wards, messages: dict[str, str]
) -> list[CatalogProblem]:
    """References inside a procedure: fields, persons, documents, rule kinds, fee keys."""
    problems: list[CatalogProblem] = []

    def need_field(key: str, path: str, types: tuple[str, ...] | None = None) -> FieldSpec | None:
        spec = proc.field(path)
        if spec is None:
            problems.append(CatalogProblem(file, key, f"trường '{path}' không có trong 'fields'"))
        elif types and spec.type not in types:
            problems.append(
                CatalogProblem(file, key, f"trường '{path}' phải có kiểu {' hoặc '.join(types)}")
            )
        return spec

    if Path(file).stem != proc.id:
        problems.append(CatalogProblem(file, "id", f"tên tệp phải là {proc.id}.yaml"))
    for top in ("co_quan", "giay_to"):
        if proc.field(top) is None:
            problems.append(CatalogProblem(file, "fields", f"mọi thủ tục cần trường '{top}'"))
    _check_fields(proc.fields, "fields", file, proc, problems)
    for check in (c for c, _ in _VALIDATORS):
        problems.extend(CatalogProblem(file, k, msg) for k, msg in check(proc))
    for i, rule in enumerate(proc.rules):
        key = f"rules.{i}"
        if rule.when:
            need_field(f"{key}.when.field", rule.when.field)
        if rule.when_person:
            need_field(f"{key}.when_person.person", rule.when_person.person, ("group",))
        if rule.code and rule.code not in messages:
            problems.append(
                CatalogProblem(
                    file, f"{key}.code", "mã thông báo chưa có trong messages.vi.yaml: thêm vào"
                )
            )
    for i, person in enumerate(proc.jurisdiction.persons):
        spec = need_field(f"jurisdiction.persons.{i}", person, ("group",))
        if spec is not None and not spec.is_person:
            problems.append(
                CatalogProblem(file, f"jurisdiction.persons.{i}", "phải là nhóm có 'so_dinh_danh'")
            )
    if proc.deadline:
        need_field("deadline.field", proc.deadline.field, ("date",))
    for j, fee in enumerate(proc.fee_rules):
        key = "fee" if not isinstance(proc.fee, list) else f"fee.{j}"
        problems.extend(_check_fee(fee, key, file, proc, wards, need_field))
    if isinstance(proc.fee, list):
        problems.extend(_check_dated_sequence(proc.fee_rules, "fee", file))
    if proc.copies:
        need_field("copies.field", proc.copies.field, ("integer",))
        problems.extend(_check_fee_key(proc.copies.key, "copies.key", file, wards))
    for i, step in enumerate(proc.next_steps):
        if not isinstance(step, str):
            need_field(f"next_steps.{i}.when.field", step.when.field)
        text = step if isinstance(step, str) else step.text
        for _, name, _, _ in string.Formatter().parse(text):
            if name is not None and name not in RECEIPT_PLACEHOLDERS:
                problems.append(
                    CatalogProblem(
                        file,
                        f"next_steps.{i}",
                        f"chỗ trống '{{{name}}}' không được biết đến; dùng: "
                        + ", ".join(sorted(RECEIPT_PLACEHOLDERS)),
                    )
                )
    return problems


def _check_fee_key(key: str, where: str, file: str, wards: Wards) -> list[CatalogProblem]:
    return [
        CatalogProblem(
            file, where, f"tỉnh '{province.id}' trong wards.yaml chưa có lệ phí '{key}': "
            "thêm vào 'fees'",
        )
        for province in wards.provinces
        if key not in province.fees
    ]


def _check_fee(
    fee: Any, key: str, file: str, proc: Procedure, wards: Wards, need_field: Any
) -> list[CatalogProblem]:
    problems: list[CatalogProblem] = []
    if fee.kind == "province_fee":
        problems.extend(_check_fee_key(fee.key, f"{key}.key", file, wards))
        if fee.only_when_late and proc.deadline is None:
            problems.append(
                CatalogProblem(
                    file, f"{key}.only_when_late", "cần khai báo 'deadline' để biết khi nào quá hạn"
                )
            )
    elif fee.kind == "per_page":
        need_field(f"{key}.items", fee.items, ("list",))
        for k in ("pages", "copies"):
            need_field(f"{key}.{k}", f"{fee.items}.{getattr(fee, k)}", ("integer",))
    return problems


def _check_dated_sequence(entries: list[Any], key: str, file: str) -> list[CatalogProblem]:
    """Dated alternatives (fees, amounts) must cover every day exactly once: the first has no
    `from`, the last no `until`, and each `until` is the next one's `from`."""
    problems: list[CatalogProblem] = []
    if entries and entries[0].from_ is not None:
        problems.append(CatalogProblem(file, f"{key}.0.from", "mục đầu tiên không ghi 'from'"))
    if entries and entries[-1].until is not None:
        problems.append(
            CatalogProblem(
                file, f"{key}.{len(entries) - 1}.until", "mục cuối cùng không ghi 'until'"
            )
        )
    for i in range(len(entries) - 1):
        if entries[i].until is None or entries[i].until != entries[i + 1].from_:
            problems.append(
                CatalogProblem(
                    file, f"{key}.{i}.until",
                    "ghi 'until' bằng đúng 'from' của mục tiếp theo, để mỗi ngày có đúng một mức",
                )
            )
    return problems


def _check_fields(
    fields: list[FieldSpec], key: str, file: str, proc: Procedure, problems: list[CatalogProblem]
) -> None:
    seen: set[str] = set()
    for i, spec in enumerate(fields):
        if spec.id in seen:
            problems.append(CatalogProblem(file, f"{key}.{i}.id", f"trùng mã trường '{spec.id}'"))
        seen.add(spec.id)
        if spec.when and proc.field(spec.when.field) is None:
            problems.append(
                CatalogProblem(
                    file,
                    f"{key}.{i}.when.field",
                    f"trường '{spec.when.field}' không có trong 'fields'",
                )
            )
        _check_fields(spec.fields, f"{key}.{i}.fields", file, proc, problems)


def _check_messages(messages: Any, file: str, problems: list[CatalogProblem]) -> dict[str, str]:
    if not isinstance(messages, dict):
        problems.append(CatalogProblem(file, "", "cần dạng 'mã: lời nhắn' trên mỗi dòng"))
        return {}
    good = {k: v for k, v in messages.items() if isinstance(k, str) and isinstance(v, str)}
    for k in messages:
        if k not in good:
            problems.append(CatalogProblem(file, str(k), "lời nhắn phải là một dòng chữ"))
    for code in sorted(required_codes() - good.keys()):
        problems.append(CatalogProblem(file, code, "thiếu lời nhắn cho mã này: thêm vào"))
    return good


def _load(root: Path) -> tuple[Catalog | None, list[CatalogProblem]]:
    problems: list[CatalogProblem] = []
    messages_file = root / "messages.vi.yaml"
    raw_messages = read_yaml(messages_file, problems, root)
    messages = _check_messages(
        {} if raw_messages in (None, UNREADABLE) else raw_messages,
        _relative(messages_file, root),
        problems,
    )
    wards_file = root / "wards.yaml"
    wards = validate_model(
        Wards, read_yaml(wards_file, problems, root), _relative(wards_file, root), problems
    )
    if wards is not None:
        _check_wards(wards, _relative(wards_file, root), problems)
    calendar = WorkCalendar()
    if (root / "calendar.yaml").exists():
        try:
            calendar = load_calendar(root / "calendar.yaml")
        except CatalogError as exc:
            name = _relative(root / "calendar.yaml", root)
            problems.extend(CatalogProblem(name, p.key, p.message) for p in exc.problems)
    vocabulary_file = root / "vocabulary.vi.yaml"
    vocabulary = validate_model(Vocabulary, read_yaml(vocabulary_file, problems, root),
                                _relative(vocabulary_file, root), problems)
    procedures: dict[str, Procedure] = {}
    files = sorted((root / "procedures").glob("*.yaml"))
    if not files:
        problems.append(CatalogProblem("course/procedures", "", "chưa có thủ tục nào (*.yaml)"))
    for path in files:
        name = _relative(path, root)
        proc = validate_model(Procedure, read_yaml(path, problems, root), name, problems)
        if proc is None:
            continue
        if wards is not None:
            problems.extend(_cross_check(proc, name, wards, messages))
        procedures[proc.id] = proc
    if problems or wards is None or vocabulary is None:
        return None, problems
    return Catalog(
        procedures=procedures, wards=wards, messages=messages, calendar=calendar,
        vocabulary=vocabulary,
    ), problems


def _check_wards(wards: Wards, file: str, problems: list[CatalogProblem]) -> None:
    for i, province in enumerate(wards.provinces):
        for fee_key, value in province.fees.items():
            if isinstance(value, list):
                problems.extend(
                    _check_dated_sequence(value, f"provinces.{i}.fees.{fee_key}", file)
                )
    province_ids = {p.id for p in wards.provinces}
    ids: set[str] = set()
    for i, commune in enumerate(wards.communes):
        if commune.province not in province_ids:
            problems.append(
                CatalogProblem(
                    file, f"communes.{i}.province", f"tỉnh '{commune.province}' chưa khai báo"
                )
            )
        if commune.id in ids:
            problems.append(CatalogProblem(file, f"communes.{i}.id", "trùng mã xã, phường"))
        ids.add(commune.id)
        if "-" in commune.agency_code:
            problems.append(
                CatalogProblem(
                    file, f"communes.{i}.agency_code", "mã cơ quan không được chứa dấu '-'"
                )
            )


SUPPORT_FILE = "support.yaml"


def _support_lists(root: Path, problems: list[CatalogProblem]) -> SupportLists | None:
    path = root / SUPPORT_FILE
    result: SupportLists | None = validate_model(
        SupportLists, read_yaml(path, problems, root), _relative(path, root), problems)
    return result


def read_support_lists(root: Path | None = None) -> SupportLists:
    """`course/support.yaml`, validated; `CatalogError` names file, key and fix."""
    problems: list[CatalogProblem] = []
    lists = _support_lists((root or course_dir()).resolve(), problems)
    if lists is None:
        raise CatalogError(problems)
    return lists


def check_catalog(root: Path | None = None) -> list[CatalogProblem]:
    """Every problem in the course at `root` (default `course/`): every YAML file of it,
    support.yaml included; empty when it is sound."""
    root = root or course_dir()
    problems = _load(root)[1]
    _support_lists(root.resolve(), problems)
    return problems


@lru_cache(maxsize=4)
def _cached(root: Path, validators: int) -> Catalog:
    catalog, problems = _load(root)
    if catalog is None:
        raise CatalogError(problems)
    return catalog


def load_catalog(root: Path | None = None) -> Catalog:
    """The catalog at `root` (default `course/`); `CatalogError` lists every problem."""
    # a catalog loaded before the engine registered its checks is loaded again, checked
    return _cached((root or course_dir()).resolve(), len(_VALIDATORS))
