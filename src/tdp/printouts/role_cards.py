"""Role cards for pair work, cut-out size (A6 landscape: two per A4 page): per scenario the
resident's card — who they are (from the registry), what they say first, the facts given only
when asked, the papers handed over when asked, the training password they type themselves —
and the volunteer's card, the tasks only. The cards' content is the scenario's `role_card`
(`tdp.practice.role_card_view`); nothing is written here."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tdp.errors import InputError
from tdp.printouts.render import write_pdf

TEMPLATE = "role_cards.html"


def _scenarios(ids: list[str]) -> list[Any]:
    from tdp.practice import list_scenarios

    every = list_scenarios()
    if not ids:
        return every
    known = {s.id: s for s in every}
    unknown = [i for i in ids if i not in known]
    if unknown:
        raise InputError("Không có tình huống: " + ", ".join(unknown)
                         + ". Xem danh sách: tdp practice list")
    return [known[i] for i in ids]


def _who(person: Any, catalog: Any) -> dict[str, str]:
    if person is None:
        return {}
    commune = catalog.wards.commune(person.noi_cu_tru.co_quan)
    group = next((g for g in commune.groups if g.id == person.noi_cu_tru.to_dan_pho),
                 None) if commune else None
    address = person.noi_cu_tru.dia_chi
    for part in (group.name if group else "", commune.name if commune else ""):
        if part and part.lower() not in address.lower():  # the address may name them already
            address = f"{address}, {part}" if address else part
    return {"ngay_sinh": person.ngay_sinh, "dia_chi": address,
            "gioi_tinh": "Nam" if person.gioi_tinh == "nam" else "Nữ"}


def role_cards_context(ids: list[str] | None = None, store: Any = None) -> dict[str, Any]:
    from tdp.catalog import load_catalog
    from tdp.engine import ensure_registry
    from tdp.practice import load_modules, role_card_view, volunteer_card_view
    from tdp.registry.store import RegistryRepo
    from tdp.store import open_store

    catalog = load_catalog()
    store = store or open_store()
    ensure_registry(store, catalog)
    modules = {m.id: m.title for m in load_modules().modules}
    pairs = []
    for s in _scenarios(list(ids or [])):
        resident = role_card_view(s, store)
        with store.reading() as session:
            person = RegistryRepo(session).get(s.resident)
        resident["who"] = _who(person, catalog)
        pairs.append({"module": s.module, "module_title": modules.get(s.module, ""),
                      "resident": resident, "volunteer": volunteer_card_view(s)})
    return {"mock": True, "pairs": pairs}


def write_role_cards(out: str | Path, ids: list[str] | None = None, store: Any = None) -> Path:
    return write_pdf(TEMPLATE, role_cards_context(ids, store), out)
