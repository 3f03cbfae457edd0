"""Scenarios as JSON for screens and the `tdp practice` command."""

from __future__ import annotations

from typing import Any

from tdp.catalog import LEVEL_NAMES
from tdp.practice.models import Scenario
from tdp.store import Store


def scenario_summary(s: Scenario) -> dict[str, Any]:
    """One line of the scenario list."""
    from tdp.catalog import load_catalog

    proc = load_catalog().procedure(s.expected.procedure)
    return {
        "id": s.id, "title": s.title, "level": s.level, "level_name": LEVEL_NAMES[s.level],
        "module": s.module, "procedure": s.expected.procedure,
        "procedure_name": proc.name if proc else s.expected.procedure,
        "max_score": s.max_score,
    }


def _resident(s: Scenario, store: Store) -> dict[str, Any]:
    from tdp.registry.store import RegistryRepo

    with store.reading() as session:
        person = RegistryRepo(session).get(s.resident)
    if person is None:
        return {"so_dinh_danh": s.resident}
    return {
        "so_dinh_danh": person.so_dinh_danh, "ho_ten": person.ho_ten,
        "ngay_sinh": person.ngay_sinh, "gioi_tinh": person.gioi_tinh,
        "dan_toc": person.dan_toc, "co_quan": person.noi_cu_tru.co_quan,
        "dia_chi": person.noi_cu_tru.dia_chi, "vneid_muc": person.vneid_muc,
        "mat_khau_tap_huan": person.mat_khau_tap_huan,
    }


def _question(q: Any, options: list[Any], with_expected: bool) -> dict[str, Any]:
    hidden = set() if with_expected else {"explanation"}
    return {"id": q.id, "text": q.text,
            "options": [o.model_dump(exclude=hidden) for o in options]}


def scenario_view(s: Scenario, store: Store | None = None, with_expected: bool = False,
                  seed: str | None = None) -> dict[str, Any]:
    """What the trainee sees before answering; `with_expected` adds the expected answer, the
    rubric, the typical mistakes and the papers' hidden defects (for trainers and feedback).
    `seed` (see `tdp.practice.options.attempt_seed`) shuffles each question's options; the
    options' explanations are left out unless `with_expected`."""
    from tdp.practice.options import option_order
    from tdp.practice.scoring import reference_store

    store = store or reference_store()
    papers = [p.model_dump(exclude={"defect"} if not with_expected else set())
              for p in s.papers]
    data: dict[str, Any] = {
        **scenario_summary(s),
        "at": s.at,
        "place": s.place,
        "resident": _resident(s, store),
        "others": [o.model_dump() for o in s.others],
        "story": s.story.strip(),
        "papers": papers,
        "tasks": list(s.tasks),
        "questions": [_question(q, option_order(q, seed) if seed else q.options,
                                with_expected) for q in s.questions],
    }
    if with_expected:
        data["expected"] = s.expected.model_dump()
        data["rubric"] = [c.model_dump() for c in s.rubric]
        data["mistakes"] = [m.model_dump() for m in s.mistakes]
    return data
