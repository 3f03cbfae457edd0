"""Loading `course/` into typed models, and reporting every problem with file, key and fix.

A typo in a YAML file must never reach an app as a traceback: everything a trainer can get
wrong is caught here, as a `CatalogProblem` in Vietnamese.
"""

from __future__ import annotations

import string
from functools import lru_cache
from pathlib import Path
from typing import Any

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
from tdp.errors import CatalogError, CatalogProblem
from tdp.paths import course_dir

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# Placeholders a procedure's `next_steps` may use (filled in on the receipt).
RECEIPT_PLACEHOLDERS = {"ngay_hen", "ten_co_quan", "so_dinh_danh", "ma_ho_so", "le_phi"}


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
            problems.append(CatalogProblem(file, key, _explain(err)))
    return None


_TYPE_WORDS = {
    "int": "một số nguyên",
    "bool": "true hoặc false",
    "string": "một dòng chữ",
    "list": "một danh sách (mỗi mục bắt đầu bằng '- ')",
    "dict": "các cặp 'khóa: giá trị'",
    "model": "các cặp 'khóa: giá trị'",
    "float": "một số",
}


def _explain(err: ErrorDetails) -> str:
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
    from tdp.engine import validate_rule  # the rule kinds live with the engine

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
    for i, rule in enumerate(proc.rules):
        key = f"rules.{i}"
        problems.extend(
            CatalogProblem(file, f"{key}.{k}" if k else key, msg)
            for k, msg in validate_rule(rule, proc)
        )
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
    fee = proc.fee
    if fee.kind == "province_fee":
        for province in wards.provinces:
            if fee.key not in province.fees:
                problems.append(
                    CatalogProblem(
                        file,
                        "fee.key",
                        f"tỉnh '{province.id}' trong wards.yaml chưa có lệ phí "
                        f"'{fee.key}': thêm vào 'fees'",
                    )
                )
        if fee.only_when_late and proc.deadline is None:
            problems.append(
                CatalogProblem(
                    file, "fee.only_when_late", "cần khai báo 'deadline' để biết khi nào quá hạn"
                )
            )
    elif fee.kind == "per_page":
        need_field("fee.items", fee.items, ("list",))
        for k in ("pages", "copies"):
            need_field(f"fee.{k}", f"{fee.items}.{getattr(fee, k)}", ("integer",))
    from tdp.engine import validate_effect

    for i, effect in enumerate(proc.effects):
        problems.extend(
            CatalogProblem(file, f"effects.{i}.{k}" if k else f"effects.{i}", msg)
            for k, msg in validate_effect(effect, proc)
        )
    for i, text in enumerate(proc.next_steps):
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
    from tdp.messages import REQUIRED_CODES

    if not isinstance(messages, dict):
        problems.append(CatalogProblem(file, "", "cần dạng 'mã: lời nhắn' trên mỗi dòng"))
        return {}
    good = {k: v for k, v in messages.items() if isinstance(k, str) and isinstance(v, str)}
    for k in messages:
        if k not in good:
            problems.append(CatalogProblem(file, str(k), "lời nhắn phải là một dòng chữ"))
    for code in sorted(REQUIRED_CODES - good.keys()):
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
def _cached(root: Path) -> Catalog:
    catalog, problems = _load(root)
    if catalog is None:
        raise CatalogError(problems)
    return catalog


def load_catalog(root: Path | None = None) -> Catalog:
    """The catalog at `root` (default `course/`); `CatalogError` lists every problem."""
    return _cached((root or course_dir()).resolve())
