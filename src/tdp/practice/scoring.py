"""Scoring a trainee's answer against a scenario, criterion by criterion.

Each criterion kind is implemented once here. Whatever a procedure's rules decide (is the
filing acceptable, is it late, what is the fee) comes from the portal engine
(`tdp.engine.checking.check`), never from this module.

Scoring reads a *reference* registry: a store seeded with the synthetic population that no
filing is ever submitted to, so that a death or a marriage submitted while practising does
not change the right answer for the next trainee.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from tdp.catalog import load_catalog
from tdp.catalog.models import Catalog, Procedure
from tdp.dates import format_money
from tdp.engine import CheckResult, check, ensure_registry, value_at
from tdp.errors import InputError
from tdp.messages import render
from tdp.practice.answers import (
    documents_of,
    normalise_filing,
    parse_answer,
    same_value,
)
from tdp.practice.models import Answer, Scenario
from tdp.store import Store, open_store

FILING_KINDS = frozenset({"filing_valid", "field_equals", "filing_matches",
                          "documents_include", "fee_is"})


def reference_store() -> Store:
    """The registry scoring reads: `TDP_PRACTICE_DATABASE_URL`, else
    `var/practice-registry.sqlite`; seeded on first use, never submitted to."""
    from tdp.paths import practice_database_url

    store = open_store(practice_database_url())
    ensure_registry(store, load_catalog())
    return store


@dataclass
class Item:
    """One criterion of the rubric, scored."""

    criterion: str
    label: str
    ok: bool
    points: int  # earned: `max_points` when ok, else 0
    max_points: int
    feedback: str  # the explanation of the rule, with its source
    detail: str = ""  # what was wrong in this answer (empty when ok)

    def to_json(self) -> dict[str, Any]:
        return {
            "criterion": self.criterion,
            "label": self.label,
            "ok": self.ok,
            "points": self.points,
            "max_points": self.max_points,
            "feedback": self.feedback,
            "detail": self.detail,
        }


@dataclass
class ScoreResult:
    scenario: str
    score: int
    max: int
    items: list[Item] = field(default_factory=list)

    @property
    def failed(self) -> list[str]:
        return [i.criterion for i in self.items if not i.ok]

    def to_json(self) -> dict[str, Any]:
        return {
            "scenario": self.scenario,
            "score": self.score,
            "max": self.max,
            "items": [i.to_json() for i in self.items],
        }


class _Scoring:
    """One answer against one scenario; engine verdicts computed at most once each."""

    def __init__(self, scenario: Scenario, answer: Answer, store: Store, catalog: Catalog):
        self.scenario = scenario
        self.answer = answer
        self.store = store
        self.catalog = catalog
        self.expected = scenario.expected
        self.procedure: Procedure | None = catalog.procedure(self.expected.procedure)

    def _check(self, filing: dict[str, Any]) -> CheckResult:
        return check(self.expected.procedure, filing, self.scenario.submitted_at, self.store)

    @cached_property
    def expected_filing(self) -> dict[str, Any]:
        assert self.procedure is not None
        return normalise_filing(self.procedure, self.expected.filing or {})

    @cached_property
    def answer_filing(self) -> dict[str, Any] | None:
        if self.procedure is None or self.answer.filing is None or self.answer.file is False:
            return None
        return normalise_filing(self.procedure, self.answer.filing)

    @cached_property
    def answer_check(self) -> CheckResult:
        assert self.answer_filing is not None
        return self._check(self.answer_filing)

    @cached_property
    def expected_check(self) -> CheckResult:
        return self._check(self.expected_filing)

    def _no_filing(self) -> str | None:
        """Why the filing criteria cannot be met by this answer, or None."""
        if self.answer.procedure != self.expected.procedure:
            return self._say("cham_sai_thu_tuc")
        if self.answer.file is False:
            return self._say("cham_chon_khong_nop")
        if self.answer.filing is None:
            return self._say("cham_chua_co_ho_so")
        return None

    def _say(self, code: str, **params: Any) -> str:
        """A scoring message, worded in course/messages.vi.yaml."""
        return render(self.catalog.messages, code, "", **params)

    def evaluate(self, criterion: Any) -> tuple[bool, str]:
        kind = criterion.kind
        if kind in FILING_KINDS:
            why = self._no_filing()
            if why:
                return False, why
        return getattr(self, f"_{kind}")(criterion)

    def _procedure_is(self, c: Any) -> tuple[bool, str]:
        if self.answer.procedure == self.expected.procedure:
            return True, ""
        chosen = self.catalog.procedure(self.answer.procedure or "")
        if chosen is None:
            return False, self._say("cham_chua_chon_thu_tuc") if not self.answer.procedure else (
                self._say("cham_khong_co_thu_tuc", thu_tuc=self.answer.procedure))
        return False, self._say("cham_da_chon_thu_tuc", thu_tuc=chosen.name)

    def _files_or_not(self, c: Any) -> tuple[bool, str]:
        if self.answer.file is self.expected.file:
            return True, ""
        if self.answer.file is None:
            return False, self._say("cham_chua_quyet_dinh_nop")
        return False, self._say("cham_da_nop" if self.answer.file else "cham_da_khong_nop")

    def _filing_valid(self, c: Any) -> tuple[bool, str]:
        result = self.answer_check
        if result.valid:
            return True, ""
        return False, self._say("cham_cong_bao_loi", loi="; ".join(
            e.message.strip().rstrip(".") for e in result.errors) + ".")

    def _field_equals(self, c: Any) -> tuple[bool, str]:
        assert self.procedure is not None and self.answer_filing is not None
        spec = self.procedure.field(c.field)
        got = value_at(self.answer_filing, c.field)
        if same_value(spec, got, value_at(self.expected_filing, c.field)):
            return True, ""
        return False, self._wrong_field(spec, got, c.field)

    def _filing_matches(self, c: Any) -> tuple[bool, str]:
        """Every field the expected filing holds, except those another criterion scores
        and the papers (scored by `documents_include` and the portal)."""
        assert self.procedure is not None and self.answer_filing is not None
        own = {k.field for k in self.scenario.rubric if k.kind == "field_equals"}
        wrong = []
        for path, spec in _leaf_fields(self.procedure.fields, self.expected_filing):
            if path == "giay_to" or any(path == f or path.startswith(f + ".") for f in own):
                continue
            got = value_at(self.answer_filing, path)
            if not same_value(spec, got, value_at(self.expected_filing, path)):
                wrong.append(self._wrong_field(spec, got, path))
        return not wrong, " ".join(wrong)

    def _wrong_field(self, spec: Any, got: Any, path: str) -> str:
        """What is wrong with a field, named by its label, never echoing what was typed."""
        from tdp.practice.meaning import MAX_LENGTH

        label = spec.label if spec is not None else path
        if got is None or got == "" or got == []:
            return self._say("cham_chua_dien", nhan_truong=label)
        if isinstance(got, str) and len(got) > MAX_LENGTH:
            return self._say("cham_qua_dai", nhan_truong=label)
        return self._say("cham_dien_chua_dung", nhan_truong=label)

    def _documents_include(self, c: Any) -> tuple[bool, str]:
        assert self.procedure is not None
        got = documents_of(self.answer_filing)
        want = set(c.documents) if (c.documents or c.forbid) else documents_of(
            self.expected_filing)
        missing = sorted(want - got)
        extra = sorted(set(c.forbid) & got) if (c.documents or c.forbid) else sorted(got - want)
        if not missing and not extra:
            return True, ""

        def names(ids: list[str]) -> str:
            assert self.procedure is not None
            return ", ".join(
                d.name if (d := self.procedure.document(i)) else i for i in ids)

        parts = []
        if missing:
            parts.append(self._say("cham_thieu_giay_to", giay_to=names(missing)))
        if extra:
            parts.append(self._say("cham_giay_to_thua", giay_to=names(extra)))
        return False, " ".join(parts)

    def _fee_is(self, c: Any) -> tuple[bool, str]:
        got, want = self.answer_check.fee, self.expected_check.fee
        if got == want:
            return True, ""
        return False, self._say("cham_sai_le_phi", le_phi=format_money(got),
                                le_phi_dung=format_money(want))

    def _decision_is(self, c: Any) -> tuple[bool, str]:
        """The expected option, or a lawful one of `also_right` (points, with its
        explanation); a wrong option shows the explanation of its misconception."""
        chosen = self.answer.decisions.get(c.question)
        if chosen == self.expected.decisions.get(c.question):
            return True, ""
        if chosen is None:
            return False, self._say("cham_chua_tra_loi")
        question = self.scenario.question(c.question)
        option = next((o for o in question.options if o.value == chosen), None) \
            if question else None
        said = self._say("cham_da_chon", lua_chon=option.label if option else chosen)
        if option is not None and option.explanation.strip():
            said = f"{said} {option.explanation.strip()}"
        return chosen in c.also_right, said

    def feedback(self, criterion: Any) -> str:
        """The criterion's explanation; the procedure's name comes from the catalog."""
        text = criterion.feedback.strip()
        if criterion.kind == "procedure_is" and self.procedure is not None:
            return f"{self._say('cham_thu_tuc_dung', thu_tuc=self.procedure.name)} {text}"
        return text


def _leaf_fields(fields: list[Any], filing: dict[str, Any], prefix: str = ""
                 ) -> list[tuple[str, Any]]:
    """(dotted path, spec) of each field the filing holds; groups are opened, lists are
    compared whole (their items in any order)."""
    out: list[tuple[str, Any]] = []
    for spec in fields:
        if spec.id not in filing:
            continue
        path = f"{prefix}{spec.id}"
        value = filing[spec.id]
        if spec.type == "group" and isinstance(value, dict):
            out += _leaf_fields(spec.fields, value, f"{path}.")
        else:
            out.append((path, spec))
    return out


def score(
    scenario: Scenario, answer: Answer | dict[str, Any], store: Store | None = None
) -> ScoreResult:
    """Score `answer` (an `Answer`, or JSON as the trainee sent it) against `scenario`.

    Unusable JSON raises `InputError`. `store` is the registry the engine reads (default:
    `reference_store()`)."""
    if not isinstance(answer, Answer):
        answer = parse_answer(answer, scenario)
    catalog = load_catalog()
    if catalog.procedure(scenario.expected.procedure) is None:
        raise InputError(f"Tình huống {scenario.id}: thủ tục '{scenario.expected.procedure}' "
                         "không có trong danh mục; chạy 'tdp catalog check'")
    run = _Scoring(scenario, answer, store or reference_store(), catalog)
    items = []
    for criterion in scenario.rubric:
        ok, detail = run.evaluate(criterion)
        items.append(Item(
            criterion=criterion.id, label=criterion.label, ok=ok,
            points=criterion.points if ok else 0, max_points=criterion.points,
            feedback=run.feedback(criterion), detail=detail,
        ))
    return ScoreResult(scenario=scenario.id, score=sum(i.points for i in items),
                       max=sum(i.max_points for i in items), items=items)
