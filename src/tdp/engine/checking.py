"""The mock portal: check a filing, submit it, and record its receipt and result.

This is the one place where the rules of domain.md are decided. The widgets, the `tdp`
command and the graded exercises all call `check` and `submit`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy.orm import Session

from tdp.catalog import load_catalog
from tdp.catalog.models import Catalog, Procedure
from tdp.dates import format_money, format_screen_date, parse_at, parse_iso_date
from tdp.engine.context import CheckContext, value_at
from tdp.engine.fees import fee_for, is_late
from tdp.engine.field_types import DATE
from tdp.engine.fields import check_fields
from tdp.engine.resolution import check_jurisdiction, resolve_persons
from tdp.engine.rules import apply_rules
from tdp.errors import InputError
from tdp.messages import FieldError
from tdp.registry.store import RegistryRepo
from tdp.store import Store, open_store

if TYPE_CHECKING:
    from tdp.engine.filings import FilingView


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


def _is_late(ctx: CheckContext) -> bool:
    """Late when filed after the deadline's last day (moved off a weekend or holiday)."""
    deadline = ctx.procedure.deadline
    if deadline is None:
        return False
    return is_late(deadline, DATE.read(ctx.value(deadline.field)), ctx.today,
                   ctx.catalog.calendar)


def _evaluate(
    catalog: Catalog, proc: Procedure, filing: Any, at: datetime, session: Session
) -> CheckContext:
    if not isinstance(filing, dict):
        raise InputError("Hồ sơ phải là một đối tượng JSON, dạng {\"tên_trường\": giá_trị}")
    ctx = CheckContext(catalog, proc.at(at.date()), {}, at, RegistryRepo(session), raw=filing)
    ctx.filing = check_fields(ctx, filing)
    resolve_persons(ctx)
    check_jurisdiction(ctx)
    apply_rules(ctx)
    return ctx


def _result(
    ctx: CheckContext, cls: type[CheckResult] = CheckResult, **extra: Any
) -> CheckResult:
    late = _is_late(ctx)
    appointment = ctx.catalog.calendar.appointment(ctx.at, ctx.procedure.working_days)
    return cls(
        procedure=ctx.procedure.id,
        valid=not ctx.errors,
        errors=list(ctx.errors),
        fee=fee_for(ctx.catalog, ctx.procedure, ctx.filing, late, ctx.exempt, ctx.today),
        late=late,
        appointment=appointment,
        **extra,
    )


def ensure_registry(store: Store, catalog: Catalog) -> None:
    """Seed the synthetic population on first use (the registry's job; the faces call it
    here, through the engine's front door)."""
    from tdp.registry.seed import ensure_seeded

    ensure_seeded(store, catalog)


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
        result = _result(ctx, SubmitResult)
        assert isinstance(result, SubmitResult)
        if not result.valid:
            return result  # nothing was written: a refused filing records nothing
        receipt, changes = record_filing(session, ctx, result, owner)
        result.receipt = receipt
        result.result = changes
        result.next_steps = receipt_steps(catalog, proc, ctx.filing["co_quan"],
                                          result.appointment, receipt, result.fee, changes,
                                          ctx.filing)
        return result

    return store.write(work)


def receipt_steps(catalog: Catalog, proc: Procedure, co_quan: str, appointment: date,
                  receipt: str, fee: int, changes: dict[str, Any],
                  filing: dict[str, Any] | None = None) -> list[str]:
    """What the receipt tells the resident (the procedure's `next_steps`, blanks filled):
    the same words on the screen after submitting and on a printed appointment slip. A step
    with a condition is shown when the (clean) `filing` meets it."""
    commune = catalog.wards.commune(co_quan)
    values = {
        "ngay_hen": format_screen_date(appointment),
        "ten_co_quan": commune.name if commune else "",
        "ma_ho_so": receipt,
        "le_phi": format_money(fee),
        "so_dinh_danh": changes.get("so_dinh_danh", ""),
        "so_thang_gia_tri": str(proc.validity_months or ""),
    }
    steps = []
    for step in proc.next_steps:
        if isinstance(step, str):
            steps.append(step.format(**values))
        elif filing is not None and step.when.holds(value_at(filing, step.when.field)):
            steps.append(step.text.format(**values))
    return steps


def filing_steps(view: FilingView, catalog: Catalog | None = None) -> list[str]:
    """What the receipt of a stored filing tells the resident, by the procedure as it stood
    on the day of submission: for `tdp status`, the printed slip and the screens alike."""
    cat = catalog or load_catalog()
    proc = cat.procedure(view.procedure)
    appointment = parse_iso_date(view.appointment)
    submitted = parse_at(view.submitted_at)
    if proc is None or appointment is None:
        return []
    if submitted is not None:
        proc = proc.at(submitted.date())
    return receipt_steps(cat, proc, view.co_quan, appointment, view.receipt, view.fee,
                         view.result or {}, view.filing)
