"""The mock appointment slip (phiếu hẹn trả kết quả) of a filing in the store: what the
resident takes home after filing, marked as a simulation on every page."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tdp.catalog import Catalog, load_catalog
from tdp.dates import parse_at, parse_iso_date
from tdp.engine import STATUSES, filing_steps, get_filing
from tdp.printouts.render import write_pdf

TEMPLATE = "receipt.html"


def _people(filing: dict[str, Any], proc: Any) -> list[dict[str, str]]:
    """Every person the filing names (label of the part and the name), in the form's order."""
    people = []
    for spec in proc.fields:
        value = filing.get(spec.id)
        if spec.type == "group" and isinstance(value, dict) and value.get("ho_ten"):
            people.append({"label": spec.label, "ho_ten": value["ho_ten"]})
    return people


def receipt_context(receipt: str, catalog: Catalog | None = None, store: Any = None
                    ) -> dict[str, Any]:
    cat = catalog or load_catalog()
    view = get_filing(receipt.strip(), store)
    proc = cat.procedure(view.procedure)
    commune = cat.wards.commune(view.co_quan)
    appointment = parse_iso_date(view.appointment)
    submitted = parse_at(view.submitted_at)
    steps = filing_steps(view, cat)
    return {
        "mock": True,
        "receipt": view.receipt,
        "procedure": proc.name if proc else view.procedure,
        "commune": commune.name if commune else view.co_quan,
        "agency_code": commune.agency_code if commune else "",
        "agency_code_is_sample": bool(commune and commune.agency_code_is_sample),
        "submitted_at": submitted,
        "appointment": appointment,
        "fee": view.fee,
        "late": view.late,
        "status": STATUSES[view.status],
        "people": _people(view.filing, proc) if proc else [],
        "next_steps": steps,
    }


def write_receipt(receipt: str, out: str | Path, catalog: Catalog | None = None,
                  store: Any = None) -> Path:
    return write_pdf(TEMPLATE, receipt_context(receipt, catalog, store), out)
