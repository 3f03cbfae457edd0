"""The "Bước 2 trên 4" line of each step of the portal, worded in course/ (the steps in
vocabulary.vi.yaml, the sentence in messages.vi.yaml)."""

from __future__ import annotations

from tdp.catalog import Catalog
from tdp.messages import render


def step_text(catalog: Catalog, step_id: str, procedure_name: str = "") -> str:
    """'Bước 1 trên 4: Tờ khai', or 'Khai sinh — Bước 2 trên 4. <the step's note>'."""
    number, step = catalog.vocabulary.step(step_id)
    total = len(catalog.vocabulary.steps)
    if not procedure_name:
        return render(catalog.messages, "buoc_dau", "", so=number, tong=total, ten=step.name)
    return render(catalog.messages, "buoc_thu_tuc", "", thu_tuc=procedure_name, so=number,
                  tong=total, ten=step.name, ghi_chu=step.note).strip()
