"""Loading `course/scenarios/*.yaml`, and checking each scenario against the catalog, the
registry and the engine. Every problem comes with its file, its key and what to do."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from tdp.catalog.loader import read_yaml, validate_model
from tdp.errors import CatalogError, CatalogProblem, InputError
from tdp.paths import course_dir
from tdp.practice.models import Modules, Scenario
from tdp.practice.role_cards import check_role_card

MODULES_FILE = "_modules.yaml"


def scenarios_dir(course_root: Path | None = None) -> Path:
    return (course_root or course_dir()) / "scenarios"


def _relative(path: Path, course_root: Path) -> str:
    try:
        return str(path.relative_to(course_root.parent))
    except ValueError:
        return str(path)


def _read(course_root: Path) -> tuple[Modules | None, dict[str, tuple[str, Scenario]],
                                      list[CatalogProblem]]:
    """Models only (no registry, no engine): modules, scenarios by id with their file."""
    problems: list[CatalogProblem] = []
    folder = scenarios_dir(course_root)
    modules_path = folder / MODULES_FILE
    modules = validate_model(Modules, read_yaml(modules_path, problems, course_root),
                             _relative(modules_path, course_root), problems)
    scenarios: dict[str, tuple[str, Scenario]] = {}
    files = sorted(p for p in folder.glob("*.yaml") if not p.name.startswith("_"))
    if not files:
        problems.append(CatalogProblem(_relative(folder, course_root), "",
                                       "chưa có tình huống nào (*.yaml): thêm ít nhất một tệp"))
    for path in files:
        name = _relative(path, course_root)
        before = len(problems)
        data = read_yaml(path, problems, course_root)
        if len(problems) > before:
            continue  # unreadable: the problem names the line
        if not isinstance(data, dict):
            problems.append(CatalogProblem(name, "", "tệp cần dạng 'khóa: giá trị' (id, title, "
                                           "level, …): xem một tình huống mẫu"))
            continue
        data = _with_facts(data, name, problems)
        scenario = validate_model(Scenario, data, name, problems)
        if scenario is None:
            continue
        if path.stem != scenario.id:
            problems.append(CatalogProblem(name, "id", f"tên tệp phải là {scenario.id}.yaml "
                                           "(đổi tên tệp hoặc sửa 'id')"))
        if scenario.id in scenarios:
            problems.append(CatalogProblem(name, "id", f"trùng mã tình huống với "
                                           f"{scenarios[scenario.id][0]}: đặt mã khác"))
            continue
        scenarios[scenario.id] = (name, scenario)
    return modules, scenarios, problems


def _with_facts(data: dict[str, Any], file: str, problems: list[CatalogProblem]
                ) -> dict[str, Any]:
    """The scenario with its `{{...}}` placeholders filled from the catalog in force at the
    scenario's moment (`tdp.catalog.facts`); an unknown placeholder is a problem."""
    from tdp.catalog import load_catalog
    from tdp.catalog.facts import catalog_facts, render_facts, unknown_placeholders
    from tdp.dates import now_local, parse_at

    try:
        catalog = load_catalog()
    except CatalogError:
        return data  # `tdp catalog check` reports the catalog's own problems
    at = parse_at(str(data.get("at", "")))
    facts = catalog_facts(catalog, at.date() if at else now_local().date())

    def fill(value: Any, key: str) -> Any:
        if isinstance(value, str):
            unknown = unknown_placeholders(value, facts)
            if unknown:
                problems.append(CatalogProblem(file, key, "không có dữ kiện " + ", ".join(
                    "{{" + u + "}}" for u in unknown) + " trong danh mục: dùng " + ", ".join(
                    "{{" + k + "}}" for k in sorted(facts))))
                return value
            return render_facts(value, facts)
        if isinstance(value, list):
            return [fill(v, f"{key}.{i}") for i, v in enumerate(value)]
        if isinstance(value, dict):
            return {k: fill(v, f"{key}.{k}".lstrip(".")) for k, v in value.items()}
        return value

    return fill(data, "")


@lru_cache(maxsize=4)
def _cached(root: Path) -> tuple[Modules, dict[str, Scenario]]:
    modules, scenarios, problems = _read(root)
    if problems or modules is None:
        raise CatalogError(problems)
    return modules, {k: v for k, (_, v) in scenarios.items()}


def load_scenarios(course_root: Path | None = None) -> dict[str, Scenario]:
    """Every scenario by id, in file order; `CatalogError` lists every problem."""
    return _cached((course_root or course_dir()).resolve())[1]


def load_modules(course_root: Path | None = None) -> Modules:
    return _cached((course_root or course_dir()).resolve())[0]


def get_scenario(scenario_id: str, course_root: Path | None = None) -> Scenario:
    """One scenario; an unknown id raises `InputError` naming the known ones."""
    scenarios = load_scenarios(course_root)
    if scenario_id not in scenarios:
        raise InputError(f"Không có tình huống '{scenario_id}'. Xem danh sách: tdp practice list")
    return scenarios[scenario_id]


def list_scenarios(module: int | None = None, course_root: Path | None = None
                   ) -> list[Scenario]:
    """Scenarios ordered by module, then level (cơ bản → nâng cao), then id."""
    order = {"co_ban": 0, "trung_binh": 1, "nang_cao": 2}
    found = [s for s in load_scenarios(course_root).values()
             if module is None or s.module == module]
    return sorted(found, key=lambda s: (s.module, order[s.level], s.id))


def _persons_in(data: Any) -> list[tuple[str, str]]:
    """(dotted path, so_dinh_danh) of every person named in a filing."""
    found: list[tuple[str, str]] = []

    def walk(value: Any, path: str) -> None:
        if isinstance(value, dict):
            number = value.get("so_dinh_danh")
            if isinstance(number, str):
                found.append((f"{path}.so_dinh_danh".lstrip("."), number))
            for k, v in value.items():
                walk(v, f"{path}.{k}")
        elif isinstance(value, list):
            for i, v in enumerate(value):
                walk(v, f"{path}.{i}")

    walk(data, "")
    return found


def check_scenarios(course_root: Path | None = None, store: Any = None) -> list[CatalogProblem]:
    """Every problem in `course/scenarios/`; empty when sound. `store`: the registry to
    check people and filings against (default: the practice reference registry)."""
    from tdp.catalog import load_catalog

    root = (course_root or course_dir()).resolve()
    if not scenarios_dir(root).is_dir():
        return []  # a course without practice scenarios (yet): nothing to check
    modules, scenarios, problems = _read(root)
    try:
        catalog = load_catalog()
    except CatalogError:
        return problems  # `tdp catalog check` reports the catalog's own problems
    if store is None:
        from tdp.practice.scoring import reference_store

        store = reference_store()
    module_ids = {m.id for m in modules.modules} if modules else set()
    for file, scenario in scenarios.values():
        problems.extend(_check_one(scenario, file, catalog, store, module_ids))
    return problems


def _check_one(s: Scenario, file: str, catalog: Any, store: Any, module_ids: set[int]
               ) -> list[CatalogProblem]:
    from tdp.practice.answers import merge_patch, parse_answer
    from tdp.practice.models import Answer
    from tdp.practice.scoring import FILING_KINDS, score
    from tdp.registry.store import RegistryRepo

    out: list[CatalogProblem] = []

    def bad(key: str, message: str) -> None:
        out.append(CatalogProblem(file, key, message))

    if module_ids and s.module not in module_ids:
        bad("module", f"không có buổi {s.module} trong {MODULES_FILE}: dùng "
            + ", ".join(str(m) for m in sorted(module_ids)))
    proc = catalog.procedure(s.expected.procedure)
    if proc is None:
        bad("expected.procedure", f"không có thủ tục '{s.expected.procedure}'; dùng: "
            + ", ".join(sorted(catalog.procedures)))

    # People: everyone named must be in the registry (the engine accepts no one else).
    named = [("resident", s.resident)] + [
        (f"others.{i}.so_dinh_danh", o.so_dinh_danh) for i, o in enumerate(s.others)
    ] + [(f"expected.filing.{p}", n) for p, n in _persons_in(s.expected.filing)]
    password: str | None = None
    with store.reading() as session:
        repo = RegistryRepo(session)
        for key, number in named:
            person = repo.get(number)
            if person is not None and key == "resident":
                password = person.mat_khau_tap_huan
            if person is None:
                bad(key, f"không có số định danh {number} trong Cơ sở dữ liệu dân cư mô phỏng: "
                    "chọn một người có thật (tdp registry list)")
            elif key == "resident" and not person.con_song:
                bad(key, f"{person.ho_ten} đã mất trong Cơ sở dữ liệu dân cư: chọn người còn sống")

    # Questions and decisions.
    qids = [q.id for q in s.questions]
    for i, q in enumerate(s.questions):
        if qids.count(q.id) > 1:
            bad(f"questions.{i}.id", f"trùng mã câu hỏi '{q.id}': đặt mã khác")
        values = [o.value for o in q.options]
        if len(set(values)) != len(values):
            bad(f"questions.{i}.options", "trùng giá trị lựa chọn: mỗi lựa chọn một mã riêng")
        right = s.expected.decisions.get(q.id)
        lengths = {o.value: len(o.label) for o in q.options}
        if right in lengths and all(n < lengths[right] for v, n in lengths.items() if v != right):
            bad(f"questions.{i}.options", "lựa chọn đúng dài nhất: học viên đoán được mà không cần "
                "hiểu; viết lựa chọn đúng gọn hơn hoặc lựa chọn sai cụ thể hơn")
        for j, o in enumerate(q.options):
            if o.value != right and not o.explanation.strip():
                bad(f"questions.{i}.options.{j}.explanation", "lựa chọn sai cần lời giải "
                    "thích (hiểu lầm nào dẫn tới nó, quy định nào đúng): thêm 'explanation'")
        if q.id not in s.expected.decisions:
            bad("expected.decisions", f"chưa có đáp án cho câu hỏi '{q.id}': thêm vào")
        elif s.expected.decisions[q.id] not in values:
            bad(f"expected.decisions.{q.id}", f"'{s.expected.decisions[q.id]}' không phải "
                f"lựa chọn của câu hỏi; dùng: {', '.join(values)}")
    for qid in s.expected.decisions:
        if qid not in qids:
            bad(f"expected.decisions.{qid}", "không có câu hỏi này trong 'questions': xóa hoặc "
                "thêm câu hỏi")

    # The role card for pair work.
    for key, message in check_role_card(s, proc, password):
        bad(key, message)

    # The rubric.
    cids = [c.id for c in s.rubric]
    if s.expected.file and not any(c.kind == "filing_matches" for c in s.rubric):
        bad("rubric", "đáp án là nộp hồ sơ: thêm một tiêu chí 'filing_matches' để mọi thông tin "
            "của hồ sơ (cả họ tên) đều được chấm")
    total = sum(c.points for c in s.rubric)
    if total != s.max_score:
        bad("max_score", f"tổng điểm các tiêu chí là {total}, không phải {s.max_score}: "
            "sửa 'max_score' hoặc điểm của tiêu chí")
    for i, c in enumerate(s.rubric):
        key = f"rubric.{i}"
        if cids.count(c.id) > 1:
            bad(f"{key}.id", f"trùng mã tiêu chí '{c.id}': đặt mã khác")
        if c.kind in FILING_KINDS and not s.expected.file:
            bad(f"{key}.kind", "đáp án là không nộp hồ sơ: tiêu chí về hồ sơ không dùng được, "
                "dùng 'decision_is' hoặc 'files_or_not'")
        if c.kind == "decision_is" and c.question not in qids:
            bad(f"{key}.question", f"không có câu hỏi '{c.question}' trong 'questions'")
        elif c.kind == "decision_is":
            question = s.question(c.question)
            values = [o.value for o in question.options] if question else []
            for j, value in enumerate(c.also_right):
                if value not in values or value == s.expected.decisions.get(c.question):
                    bad(f"{key}.also_right.{j}", f"'{value}' phải là một lựa chọn khác của câu "
                        f"hỏi '{c.question}' (không phải đáp án): dùng " + ", ".join(values))
        if proc is not None and c.kind == "field_equals" and proc.field(c.field) is None:
            bad(f"{key}.field", f"thủ tục {proc.id} không có trường '{c.field}'")
        if proc is not None and c.kind == "documents_include":
            for j, doc in enumerate([*c.documents, *c.forbid]):
                if proc.document(doc) is None:
                    bad(f"{key}.documents.{j}", f"thủ tục {proc.id} không có giấy tờ '{doc}'; "
                        "dùng: " + ", ".join(d.id for d in proc.documents))

    # The expected answer, through the engine.
    if proc is not None:
        filing = s.expected.filing
        if s.expected.file and filing is None:
            bad("expected.filing", "đáp án là nộp hồ sơ: thêm hồ sơ đúng vào 'filing'")
        if not s.expected.file and filing is not None:
            bad("expected.filing", "đáp án là không nộp hồ sơ: xóa 'filing' (đưa hồ sơ sai vào "
                "'mistakes')")
        for j, doc in enumerate((filing or {}).get("giay_to") or []):
            if proc.document(doc) is None:
                bad(f"expected.filing.giay_to.{j}", f"thủ tục {proc.id} không có giấy tờ "
                    f"'{doc}'; dùng: " + ", ".join(d.id for d in proc.documents))
    if out:
        return out  # the checks below need a sound scenario
    assert proc is not None
    if s.expected.file:
        from tdp.engine import check
        from tdp.practice.answers import normalise_filing

        result = check(proc.id, normalise_filing(proc, s.expected.filing or {}),
                       s.submitted_at, store)
        for e in result.errors:
            bad(f"expected.filing.{e.field}", f"Cổng không nhận hồ sơ đúng: {e.message}. "
                "Sửa hồ sơ trong 'expected'")
        for i, c in enumerate(s.rubric):
            if c.kind == "fee_is" and c.amount is not None and c.amount != result.fee:
                bad(f"rubric.{i}.amount", f"Cổng tính lệ phí {result.fee} đ cho hồ sơ đúng, "
                    f"không phải {c.amount} đ: sửa 'amount'")
    if out:
        return out
    full = score(s, s.expected, store)
    if full.score != full.max:
        bad("expected", "đáp án đúng không đạt điểm tối đa (tiêu chí " + ", ".join(full.failed)
            + "): sửa đáp án hoặc tiêu chí")
    if score(s, Answer(), store).score >= s.max_score:
        bad("rubric", "câu trả lời để trống cũng đạt điểm tối đa: thêm tiêu chí")

    # Typical mistakes: each must lose exactly its points, on exactly its criteria.
    mids = [m.id for m in s.mistakes]
    for i, m in enumerate(s.mistakes):
        key = f"mistakes.{i}"
        if mids.count(m.id) > 1:
            bad(f"{key}.id", f"trùng mã lỗi '{m.id}': đặt mã khác")
        unknown = [f for f in m.fails if f not in cids]
        if unknown:
            bad(f"{key}.fails", f"không có tiêu chí {', '.join(unknown)} trong 'rubric'")
            continue
        points = sum(c.points for c in s.rubric if c.id in m.fails)
        if points != m.loses:
            bad(f"{key}.loses", f"các tiêu chí trong 'fails' có tổng {points} điểm, không phải "
                f"{m.loses}: sửa 'loses' hoặc 'fails'")
        patched = merge_patch(s.expected.model_dump(), m.patch)
        try:
            answer = parse_answer(patched, s)
        except InputError as exc:
            bad(f"{key}.patch", f"câu trả lời sau khi áp dụng không đọc được: {exc}")
            continue
        scored = score(s, answer, store)
        if sorted(scored.failed) != sorted(m.fails):
            bad(f"{key}.fails", "câu trả lời sai này trượt các tiêu chí "
                + (", ".join(scored.failed) or "(không tiêu chí nào)")
                + f", không phải {', '.join(m.fails)}: sửa 'patch' hoặc 'fails'")
        if m.engine_errors:
            if answer.filing is None or answer.procedure not in catalog.procedures:
                bad(f"{key}.engine_errors", "lỗi này không có hồ sơ để Cổng kiểm tra: xóa "
                    "'engine_errors' hoặc thêm 'filing' vào 'patch'")
                continue
            from tdp.engine import check
            from tdp.practice.answers import normalise_filing

            wrong = catalog.procedure(answer.procedure)
            codes = {e.code for e in check(wrong.id, normalise_filing(wrong, answer.filing),
                                           s.submitted_at, store).errors}
            missing = [c for c in m.engine_errors if c not in codes]
            if missing:
                bad(f"{key}.engine_errors", f"Cổng không báo lỗi {', '.join(missing)} cho hồ sơ "
                    f"sai này (báo: {', '.join(sorted(codes)) or 'không lỗi'}): sửa 'patch'")
    return out
