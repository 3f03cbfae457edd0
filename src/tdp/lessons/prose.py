"""Lesson prose that quotes catalog facts: `md("Khai sinh trong {{han.khai_sinh}} …")` shows
the Markdown with each placeholder filled from the catalog in force today
(`tdp.catalog.facts`), so a changed deadline or fee changes the lesson too."""

from __future__ import annotations

from tdp.catalog import Catalog, load_catalog
from tdp.catalog.facts import catalog_facts, render_facts
from tdp.dates import now_local


def fill(text: str, catalog: Catalog | None = None) -> str:
    return render_facts(text, catalog_facts(catalog or load_catalog(), now_local().date()))


def md(text: str, catalog: Catalog | None = None):
    """Display `text` (Markdown with `{{...}}` placeholders) in the lesson."""
    from IPython.display import Markdown, display

    display(Markdown(fill(text, catalog)))
