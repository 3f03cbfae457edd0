"""The paper support log for home visits without a phone: the same columns, in the same
order, as the Excel template (`tdp.support.FIELDS` / `LABELS`), and the closed lists written
out so the sheet can be typed into Excel later."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tdp.printouts.render import write_pdf

TEMPLATE = "support_log.html"
ROWS_PER_PAGE = 11


def support_log_context(pages: int = 1) -> dict[str, Any]:
    from tdp.catalog import load_catalog
    from tdp.printouts.cheat_sheet import never_rules
    from tdp.support import FIELDS, LABELS, load_support_choices

    choices = load_support_choices()
    lists = [
        (LABELS["xa_phuong"], [o.label for o in choices.communes.options]),
        (LABELS["thu_tuc"], [o.label for o in choices.procedures.options]),
        (LABELS["hinh_thuc"], [o.label for o in choices.channels.options]),
        (LABELS["nhom_tuoi"], [o.label for o in choices.age_groups.options]),
        (LABELS["ket_qua"], [o.label for o in choices.outcomes.options]),
    ]
    return {
        "mock": False,
        "columns": [LABELS[f] for f in FIELDS],
        "rows": ROWS_PER_PAGE,
        "pages": max(1, pages),
        "lists": lists,
        "never": never_rules(load_catalog()),
    }


def write_support_log(out: str | Path, pages: int = 1) -> Path:
    return write_pdf(TEMPLATE, support_log_context(pages), out)
