"""Role cards for pair work: one trainee plays the resident, the other the volunteer.

The resident's card (`Scenario.role_card`) holds what the resident says first, the facts
given only when asked and the papers handed over only when asked; the volunteer's card is
the scenario's tasks only. `check_role_card` makes sure the volunteer can earn every point by
asking: each value a `field_equals` criterion compares is on the card — on a paper, in the
opening or in an answer — or a fact names the criterion. The training password is read from
the registry when the card is shown, so no YAML file ever holds one.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from tdp.catalog.models import FieldSpec, Procedure
from tdp.practice.models import Scenario
from tdp.store import Store
from tdp.text import name_key

# Leaf types whose value a trainee reads off a paper or hears said: found in the card's text.
_READABLE = frozenset({"person_name", "text", "identity_number", "date"})


def _spellings(kind: str, value: Any) -> list[str]:
    """How a value is written on a paper or said aloud, folded for comparison."""
    if kind == "date" and isinstance(value, str):
        try:
            d = date.fromisoformat(value)
        except ValueError:
            return [name_key(value)]
        return [f"{d.day:02d}/{d.month:02d}/{d.year}", f"{d.day}/{d.month}/{d.year}"]
    return [name_key(str(value))]


def _leaves(spec: FieldSpec | None, value: Any) -> list[tuple[str, Any]]:
    """(type, value) of every non-blank leaf of a field's value."""
    if value is None or value == "" or value == []:
        return []
    if spec is not None and spec.type in ("group", "list"):
        items = value if isinstance(value, list) else [value]
        specs = {f.id: f for f in spec.fields}
        return [leaf for item in items if isinstance(item, dict)
                for k, v in item.items() for leaf in _leaves(specs.get(k), v)]
    return [(spec.type if spec is not None else "text", value)]


def card_text(s: Scenario) -> str:
    """Everything the resident can say or show, folded for comparison."""
    card = s.role_card
    parts = [card.opening, *(f.answer for f in card.facts)]
    for pid in card.papers_on_request:
        paper = s.paper(pid)
        if paper is not None:
            parts += [paper.title, *paper.content.values(), paper.note]
    return name_key(" \n ".join(parts))


def check_role_card(s: Scenario, proc: Procedure | None, password: str | None
                    ) -> list[tuple[str, str]]:
    """(key, Vietnamese message) for every problem of the scenario's role card."""
    from tdp.engine import value_at

    out: list[tuple[str, str]] = []
    card = s.role_card
    paper_ids = [p.id for p in s.papers]
    for i, pid in enumerate(paper_ids):
        if paper_ids.count(pid) > 1:
            out.append((f"papers.{i}.id", f"trùng mã giấy tờ '{pid}': đặt mã khác"))
    for i, pid in enumerate(card.papers_on_request):
        if pid not in paper_ids:
            out.append((f"role_card.papers_on_request.{i}", f"không có giấy tờ '{pid}' trong "
                        "'papers'; dùng: " + (", ".join(paper_ids) or "(chưa có giấy tờ)")))
    criteria = {c.id: c for c in s.rubric}
    for i, fact in enumerate(card.facts):
        if fact.criterion is not None and fact.criterion not in criteria:
            out.append((f"role_card.facts.{i}.criterion", f"không có tiêu chí "
                        f"'{fact.criterion}' trong 'rubric'; dùng: " + ", ".join(criteria)))
    text = card_text(s)
    if password and re.search(rf"(?<!\w){re.escape(name_key(password))}(?!\w)", text):
        out.append(("role_card", "thẻ vai có mật khẩu tập huấn: xóa đi (mật khẩu lấy từ Cơ sở "
                    "dữ liệu dân cư khi hiện thẻ)"))
    linked = {f.criterion for f in card.facts if f.criterion}
    if proc is None or not s.expected.file or s.expected.filing is None:
        return out
    own = {c.field for c in s.rubric if c.kind == "field_equals"}
    for c in s.rubric:
        if c.kind == "filing_matches" and c.id not in linked:
            out += _check_all_fields(s, proc, text, own, c.id)
        if c.kind != "field_equals" or c.id in linked:
            continue
        spec = proc.field(c.field)
        leaves = _leaves(spec, value_at(s.expected.filing, c.field))
        hidden = [v for kind, v in leaves
                  if kind not in _READABLE or not any(w in text for w in _spellings(kind, v))]
        if not leaves or hidden:
            what = ", ".join(f"'{v}'" for v in hidden) if hidden else "trường để trống"
            out.append(("role_card.facts", f"tiêu chí '{c.id}' cần {what} mà thẻ vai người dân "
                        "không có: thêm một ý (ask/answer) với 'criterion: "
                        f"{c.id}' hoặc đưa giấy tờ ghi thông tin đó vào 'papers_on_request'"))
    return out


def _check_all_fields(s: Scenario, proc: Procedure, text: str, own: set[str], cid: str
                      ) -> list[tuple[str, str]]:
    """Every name, number and date the expected filing holds (outside the fields other
    criteria score) is said or shown by the resident."""
    hidden: list[str] = []

    def walk(fields: list[FieldSpec], data: dict[str, Any], prefix: str) -> None:
        for spec in fields:
            path = f"{prefix}{spec.id}"
            if spec.id not in data or path == "giay_to" or any(
                    path == f or path.startswith(f + ".") for f in own):
                continue
            value = data[spec.id]
            if spec.type == "group" and isinstance(value, dict):
                walk(spec.fields, value, f"{path}.")
            elif spec.type in ("person_name", "identity_number", "date") and value and not any(
                    w in text for w in _spellings(spec.type, value)):
                hidden.append(f"'{value}' ({path})")

    walk(proc.fields, s.expected.filing or {}, "")
    if not hidden:
        return []
    return [("role_card.facts", f"tiêu chí '{cid}' chấm cả {', '.join(hidden)} mà thẻ vai người "
             "dân không có: thêm vào câu trả lời của một ý hoặc vào giấy tờ đưa khi được hỏi")]


def role_card_view(s: Scenario, store: Store) -> dict[str, Any]:
    """The resident's card as JSON for a screen or a printout: opening, facts, the papers
    (full content, without the trainer's defect notes) and the training password from the
    registry (the resident types it; nobody else keeps it)."""
    from tdp.registry.store import RegistryRepo

    with store.reading() as session:
        person = RegistryRepo(session).get(s.resident)
    card = s.role_card
    return {
        "scenario": s.id, "title": s.title, "at": s.at, "place": s.place,
        "resident": {"so_dinh_danh": s.resident,
                     "ho_ten": person.ho_ten if person else "",
                     "mat_khau_tap_huan": person.mat_khau_tap_huan if person else ""},
        "opening": card.opening.strip(),
        "facts": [f.model_dump() for f in card.facts],
        "papers": [p.model_dump(exclude={"defect"}) for pid in card.papers_on_request
                   if (p := s.paper(pid)) is not None],
    }


def volunteer_card_view(s: Scenario) -> dict[str, Any]:
    """The volunteer's card in pair work: the tasks only (the rest is asked for)."""
    return {"scenario": s.id, "title": s.title, "at": s.at, "place": s.place,
            "tasks": list(s.tasks)}
