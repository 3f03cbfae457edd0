"""The mock portal: check a filing, submit it, and record its receipt and result.

This is the one place where the rules of domain.md are decided. The widgets, the `tdp`
command and the graded exercises all call `check` and `submit`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy.orm import Session

from tdp.catalog import load_catalog
from tdp.catalog.models import Catalog, Procedure
from tdp.dates import format_money, format_screen_date, parse_iso_date
from tdp.engine.context import CheckContext
from tdp.engine.fees import fee_for
from tdp.engine.fields import check_fields
from tdp.engine.rules import apply_rules
from tdp.errors import InputError
from tdp.messages import FieldError
from tdp.registry.store import RegistryRepo
from tdp.store import Store, open_store
from tdp.text import same_name


@dataclass
class CheckResult:
    """What the portal says about a filing before (or instead of) accepting it."""

    procedure: str
    valid: bool
    errors: list[FieldError]
    fee: int
    late: bool
    appointment: date

    def to_json(self) -> dict[str, Any]:
        return {
            "valid": self.valid,
            "errors": [e.to_json() for e in self.errors],
            "fee": self.fee,
            "late": self.late,
            "appointment": self.appointment.isoformat(),
        }


@dataclass
class SubmitResult(CheckResult):
    """An accepted filing: its receipt code and what the receipt tells the resident."""

    receipt: str | None = None
    result: dict[str, Any] = field(default_factory=dict)
    next_steps: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """The command contract: the check object plus `receipt` (and the child's number)."""
        data = super().to_json()
        if self.receipt:
            data["receipt"] = self.receipt
            data.update(self.result)
        return data


def get_procedure(catalog: Catalog, procedure_id: str) -> Procedure:
    proc = catalog.procedure(procedure_id) if isinstance(procedure_id, str) else None
    if proc is None:
        known = ", ".join(sorted(catalog.procedures))
        raise InputError(f"Không có thủ tục '{procedure_id}'. Các thủ tục: {known}")
    return proc


def _resolve_persons(ctx: CheckContext) -> None:
    """Every person with an identity number must exist in the registry with that name."""
    for spec in ctx.procedure.fields:
        data = ctx.filing.get(spec.id)
        if not spec.is_person or not isinstance(data, dict) or "so_dinh_danh" not in data:
            continue
        number = data["so_dinh_danh"]
        person = ctx.registry.get(number)
        if person is None:
            ctx.report(f"{spec.id}.so_dinh_danh", "so_dinh_danh_khong_ton_tai", so_dinh_danh=number)
            continue
        if "ho_ten" in data and not same_name(data["ho_ten"], person.ho_ten):
            ctx.report(f"{spec.id}.ho_ten", "ho_ten_khong_khop", ho_ten_dung=person.ho_ten)
            continue
        if data.get("ngay_sinh") and data["ngay_sinh"] != person.ngay_sinh:
            ctx.report(f"{spec.id}.ngay_sinh", "ngay_sinh_khong_khop",
                       ngay_dung=format_screen_date(parse_iso_date(person.ngay_sinh)))
            continue
        if ctx.has_error(spec.id):
            continue
        ctx.persons[spec.id] = person


def _check_jurisdiction(ctx: CheckContext) -> None:
    code = ctx.filing.get("co_quan")
    if not code or ctx.has_error("co_quan"):
        return
    commune = ctx.catalog.wards.commune(code)
    if commune is None:
        ctx.report("co_quan", "co_quan_khong_ton_tai", co_quan=code)
        return
    rule = ctx.procedure.jurisdiction
    if rule.kind != "residence_of":
        return
    if any(ctx.has_error(g) for g in rule.persons):
        return  # someone it depends on is not identified yet: the commune may be theirs
    allowed = {ctx.persons[g].noi_cu_tru.co_quan for g in rule.persons if g in ctx.persons}
    if allowed and code not in allowed:
        names = [c.name for c in ctx.catalog.wards.communes if c.id in allowed]
        choice = " hoặc ".join(names) if names else "xã, phường nơi người dân cư trú"
        ctx.report("co_quan", "sai_tham_quyen", ten_co_quan=commune.name,
                   mo_ta=rule.description, noi_dung=choice)


def _is_late(ctx: CheckContext) -> bool:
    deadline = ctx.procedure.deadline
    if deadline is None:
        return False
    event = ctx.value(deadline.field)
    day = parse_iso_date(event) if isinstance(event, str) else None
    return day is not None and (ctx.today - day).days > deadline.days


def _evaluate(
    catalog: Catalog, proc: Procedure, filing: Any, at: datetime, session: Session
) -> CheckContext:
    if not isinstance(filing, dict):
        raise InputError("Hồ sơ phải là một đối tượng JSON, dạng {\"tên_trường\": giá_trị}")
    ctx = CheckContext(catalog, proc, {}, at, RegistryRepo(session))
    ctx.filing = check_fields(ctx, filing)
    _resolve_persons(ctx)
    _check_jurisdiction(ctx)
    apply_rules(ctx)
    return ctx


def _result(ctx: CheckContext, cls: type[CheckResult] = CheckResult, **extra: Any) -> Any:
    late = _is_late(ctx)
    appointment = ctx.catalog.calendar.appointment(ctx.at, ctx.procedure.working_days)
    return cls(
        procedure=ctx.procedure.id,
        valid=not ctx.errors,
        errors=list(ctx.errors),
        fee=fee_for(ctx.catalog, ctx.procedure, ctx.filing, late),
        late=late,
        appointment=appointment,
        **extra,
    )


def ensure_registry(store: Store, catalog: Catalog) -> None:
    """Seed the synthetic population on first use (once, even with several processes)."""
    if store.registry_ready:
        return
    with store.reading() as session:
        seeded = RegistryRepo(session).is_seeded()
    if not seeded:
        from tdp.registry.seed import seed_registry

        seed_registry(store, catalog)
    store.registry_ready = True


def check(procedure_id: str, filing: Any, at: datetime, store: Store | None = None) -> CheckResult:
    """Check a filing as the portal would at `at` (naive local time); record nothing."""
    catalog = load_catalog()
    proc = get_procedure(catalog, procedure_id)
    store = store or open_store()
    ensure_registry(store, catalog)
    with store.reading() as session:
        return _result(_evaluate(catalog, proc, filing, at, session))


def submit(
    procedure_id: str, filing: Any, at: datetime, store: Store | None = None,
    owner: str | None = None,
) -> SubmitResult:
    """Check and, when valid, record the filing, issue its receipt and apply its result —
    all in one transaction, so a refused filing records nothing and no receipt repeats."""
    from tdp.engine.filings import record_filing

    catalog = load_catalog()
    proc = get_procedure(catalog, procedure_id)
    store = store or open_store()
    ensure_registry(store, catalog)

    def work(session: Session) -> SubmitResult:
        ctx = _evaluate(catalog, proc, filing, at, session)
        result: SubmitResult = _result(ctx, SubmitResult)
        if not result.valid:
            return result  # nothing was written: a refused filing records nothing
        receipt, changes = record_filing(session, ctx, result, owner)
        result.receipt = receipt
        result.result = changes
        result.next_steps = receipt_steps(catalog, proc, ctx.filing["co_quan"],
                                          result.appointment, receipt, result.fee, changes)
        return result

    return store.write(work)


def receipt_steps(catalog: Catalog, proc: Procedure, co_quan: str, appointment: date,
                  receipt: str, fee: int, changes: dict[str, Any]) -> list[str]:
    """What the receipt tells the resident (the procedure's `next_steps`, blanks filled):
    the same words on the screen after submitting and on a printed appointment slip."""
    commune = catalog.wards.commune(co_quan)
    values = {
        "ngay_hen": format_screen_date(appointment),
        "ten_co_quan": commune.name if commune else "",
        "ma_ho_so": receipt,
        "le_phi": format_money(fee),
        "so_dinh_danh": changes.get("so_dinh_danh", ""),
    }
    return [step.format(**values) for step in proc.next_steps]
