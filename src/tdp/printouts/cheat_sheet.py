"""The volunteers' cheat-sheet: one page per procedure and a summary table, every fact taken
from the catalog (procedures, the province's fees, the messages), so a changed fee in
`course/wards.yaml` is a changed cheat-sheet."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from tdp.catalog import SERVICE_LEVEL_MEANING, SERVICE_LEVELS, Catalog, Procedure, load_catalog
from tdp.catalog.models import ProvinceFee, RuleSpec
from tdp.dates import format_money, now_local
from tdp.errors import InputError
from tdp.lessons.tables import (
    fee_text,
    sample_province,
    vneid_level_text,
    working_days_text,
)
from tdp.messages import lower_first
from tdp.printouts.render import write_pdf

NEVER_CODES = ("khong_bao_gio_mat_khau", "khong_bao_gio_otp", "khong_bao_gio_so_dinh_danh")
"""The volunteer's three "không bao giờ", worded in `course/messages.vi.yaml`."""

TEMPLATE = "cheat_sheet.html"


def never_rules(catalog: Catalog) -> list[str]:
    """The three "không bao giờ" from the messages; a missing one is named."""
    missing = [code for code in NEVER_CODES if code not in catalog.messages]
    if missing:
        raise InputError("course/messages.vi.yaml thiếu lời nhắn: " + ", ".join(missing))
    return [catalog.messages[code] for code in NEVER_CODES]


def late_cost(proc: Procedure, catalog: Catalog) -> str:
    """What filing after the deadline costs (the province's fee when only late filings pay)."""
    if proc.deadline is None:
        return "Không có hạn đăng ký"
    rule = proc.fee
    if isinstance(rule, ProvinceFee) and rule.only_when_late:
        province = sample_province(catalog)
        sample = " — mức mẫu" if province.fees_are_samples else ""
        amount = format_money(province.fees.get(rule.key, 0))
        return f"Vẫn được nhận; thu lệ phí {amount} ({province.name}{sample})"
    return "Vẫn được nhận; lệ phí không đổi"


STATUS_WORDS = {"doc_than": "độc thân", "da_ket_hon": "đang có vợ hoặc chồng",
                "ly_hon": "đã ly hôn", "goa": "góa vợ hoặc chồng"}


def _condition(proc: Procedure, rule: RuleSpec) -> str:
    """When a documents rule applies, in words (from the rule's `when` / `when_person`)."""
    if rule.when_person is not None:
        spec = proc.field(rule.when_person.person)
        who = lower_first(spec.label) if spec else rule.when_person.person
        states = " hoặc ".join(STATUS_WORDS[s] for s in rule.when_person.marital_status_in)
        return f"Khi {who} {states}"
    if rule.when is not None:
        spec = proc.field(rule.when.field)
        values = [rule.when.equals] if rule.when.equals is not None else rule.when.one_of or []
        labels = {c.value: c.label for c in (spec.choices if spec else [])}
        shown = " hoặc ".join(f"“{labels.get(str(v), str(v))}”" for v in values)
        return f"Khi {lower_first(spec.label) if spec else rule.when.field} là {shown}"
    return "Luôn cần"


def required_papers(proc: Procedure) -> list[str]:
    """What the procedure's `documents` rules ask for: when, and which papers replace one
    another ("một trong các giấy tờ"), in the rules' order; repeated lines shown once."""
    lines: list[str] = []
    for rule in proc.rules:
        if rule.kind == "marriage_ended":  # data first: the record's details, or its paper
            params = rule.model_extra or {}
            spec = proc.field(params.get("person", ""))
            who = lower_first(spec.label) if spec else params.get("person", "")
            for status, doc_id in (params.get("papers") or {}).items():
                doc = proc.document(doc_id)
                if doc is None:
                    continue
                line = f"Khi {who} {STATUS_WORDS[status]}: {doc.name}"
                if params.get("record"):  # the law in force looks the record up
                    line += ", hoặc ghi thông tin việc chấm dứt hôn nhân trước để Cổng tra cứu"
                if line not in lines:
                    lines.append(line)
            continue
        options = list((rule.model_extra or {}).get("any_of") or ())
        if rule.kind != "documents" or not options:
            continue
        names = [d.name for i in options if (d := proc.document(i)) is not None]
        papers = names[0] if len(names) == 1 else (
            "một trong các giấy tờ: " + ", ".join(names[:-1]) + " hoặc " + names[-1])
        line = f"{_condition(proc, rule)}: {papers}"
        if line not in lines:
            lines.append(line)
    return lines


def procedure_facts(proc: Procedure, catalog: Catalog) -> dict[str, Any]:
    return {
        "id": proc.id,
        "name": proc.name,
        "description": proc.short_description,
        "where": proc.jurisdiction.description,
        "deadline": proc.deadline.description if proc.deadline else "Không có hạn đăng ký",
        "deadline_days": proc.deadline.days if proc.deadline else None,
        "late_cost": late_cost(proc, catalog),
        "fee": fee_text(proc, catalog),
        "fee_note": proc.fee_note,
        "papers": [{"name": d.name, "hint": d.hint} for d in proc.documents],
        "required": required_papers(proc),
        "vneid": vneid_level_text(proc),
        "service_level": SERVICE_LEVELS[proc.service_level],
        "service_meaning": SERVICE_LEVEL_MEANING[proc.service_level],
        "working_days": working_days_text(proc),
        "working_days_note": proc.working_days_note,
    }


def cheat_sheet_context(catalog: Catalog | None = None, day: date | None = None
                        ) -> dict[str, Any]:
    """The sheet's facts as the law stands on `day` (default: today): dated rules, papers and
    fees of the catalog, each procedure as `Procedure.at` gives it."""
    cat = catalog or load_catalog()
    province = sample_province(cat)
    on = day or now_local().date()
    return {
        "procedures": [procedure_facts(p.at(on), cat) for p in cat.procedures.values()],
        "never": never_rules(cat),
        "fees_are_samples": province.fees_are_samples,
        "province": province.name,
        "mock": True,
    }


def write_cheat_sheet(out: str | Path, catalog: Catalog | None = None) -> Path:
    return write_pdf(TEMPLATE, cheat_sheet_context(catalog), out)
