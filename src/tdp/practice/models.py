"""Typed models of a practice scenario (`course/scenarios/*.yaml`) and of a trainee's answer.

A scenario is data: the resident (a registry person), the story, the papers in hand, the
questions the trainee must answer, the expected answer and a rubric. Each rubric criterion
is one of a small set of kinds implemented once in `tdp.practice.scoring`; the rules of the
procedures themselves always come from the engine (`tdp.engine.checking.check`).
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from tdp.dates import parse_at

Level = Literal["co_ban", "trung_binh", "nang_cao"]

_ID = r"^[a-z][a-z0-9_]*$"


class Strict(BaseModel):
    """Unknown keys are typos: refuse them so `tdp catalog check` can say where."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Module(Strict):
    """One of the five training sessions (`course/scenarios/_modules.yaml`)."""

    id: int = Field(ge=1)
    title: str
    description: str = ""


class Modules(Strict):
    modules: list[Module]


class Other(Strict):
    """Another registry person in the story (the partner, the deceased, the mother …)."""

    role: str
    so_dinh_danh: str = Field(pattern=r"^\d{12}$")


class Paper(Strict):
    """A paper the resident has in hand, shown as a card. `note` is visible on the card
    (a stain, a correction in another ink); `defect` is the trainer's explanation of what is
    wrong with it, shown only in the feedback. `id` names it on the role card."""

    id: str = Field(pattern=_ID)
    title: str
    content: dict[str, str] = {}
    note: str = ""
    defect: str = ""


class Fact(Strict):
    """Something the resident knows and says only when the volunteer asks for it.
    `criterion`: the rubric criterion that needs it (checked by `tdp catalog check`)."""

    ask: str  # what the volunteer asks
    answer: str  # what the resident answers
    criterion: str | None = Field(default=None, pattern=_ID)


class RoleCard(Strict):
    """The card of whoever plays the resident in pair work (thẻ vai người dân). The
    volunteer's card is the scenario's `tasks` only; the resident's training password comes
    from the registry, never from this card."""

    opening: str  # what the resident says first
    facts: list[Fact] = []
    papers_on_request: list[str] = []  # ids of the scenario's papers, handed over when asked


class Option(Strict):
    """One answer to a decision question. A wrong (or merely lawful) option carries the
    `explanation` of the misconception behind it, shown in the feedback when chosen."""

    value: str = Field(pattern=_ID)
    label: str
    explanation: str = ""


class Question(Strict):
    """A decision the trainee makes, as a multiple-choice question."""

    id: str = Field(pattern=_ID)
    text: str
    options: list[Option] = Field(min_length=2)


class Answer(Strict):
    """A trainee's answer — and, in a scenario, the expected one. Same shape for both.

    `procedure`: the procedure chosen; `file`: whether to file at all; `filing`: the filing
    as the portal takes it (only when filing); `decisions`: question id → option value.
    """

    procedure: str | None = None
    file: bool | None = None
    filing: dict[str, Any] | None = None
    decisions: dict[str, str] = {}


class Expected(Answer):
    procedure: str
    file: bool


class _Criterion(Strict):
    id: str = Field(pattern=_ID)
    label: str  # short, shown beside ✓ / ✗
    points: int = Field(ge=1)
    feedback: str  # explains the rule and cites it


class ProcedureIs(_Criterion):
    """The trainee picked the expected procedure."""

    kind: Literal["procedure_is"]


class FilesOrNot(_Criterion):
    """The trainee files (or rightly does not file)."""

    kind: Literal["files_or_not"]


class FilingValid(_Criterion):
    """The portal (`tdp.engine.checking.check`) accepts the trainee's filing."""

    kind: Literal["filing_valid"]


class FieldEquals(_Criterion):
    """A field of the filing means the same as in the expected filing (names after NFC, case
    and space folding; dates as dates; numbers as numbers; groups field by field)."""

    kind: Literal["field_equals"]
    field: str


class FilingMatches(_Criterion):
    """Every other field of the expected filing means the same in the trainee's (the fields
    of `field_equals` criteria and the papers are scored on their own). Names too: a wrong
    child's name loses these points."""

    kind: Literal["filing_matches"]


class DocumentsInclude(_Criterion):
    """Attached documents, as a set: `documents` must be there, `forbid` must not; with
    neither, the set must equal the expected filing's."""

    kind: Literal["documents_include"]
    documents: list[str] = []
    forbid: list[str] = []


class FeeIs(_Criterion):
    """The engine's fee for the trainee's filing equals its fee for the expected filing.
    `amount`, when given, is checked against the engine by `tdp catalog check`."""

    kind: Literal["fee_is"]
    amount: int | None = Field(default=None, ge=0)


class DecisionIs(_Criterion):
    """The trainee chose the expected option to `question`, or one of `also_right`: a lawful
    choice that earns the points and shows its explanation (e.g. the steps after a death
    done one by one instead of the online bundle)."""

    kind: Literal["decision_is"]
    question: str
    also_right: list[str] = []


Criterion = Annotated[
    ProcedureIs | FilesOrNot | FilingValid | FieldEquals | FilingMatches | DocumentsInclude
    | FeeIs | DecisionIs,
    Field(discriminator="kind"),
]


class Mistake(Strict):
    """A typical mistake: `patch` (a JSON merge patch, RFC 7386) turns the expected answer
    into the mistaken one, which must fail exactly `fails` and so lose `loses` points.
    `engine_errors`, when given, are error codes the portal must report for its filing."""

    id: str = Field(pattern=_ID)
    description: str
    patch: dict[str, Any]
    fails: list[str] = Field(min_length=1)
    loses: int = Field(ge=1)
    engine_errors: list[str] = []


class Scenario(Strict):
    id: str = Field(pattern=_ID)
    title: str
    level: Level
    module: int = Field(ge=1)
    resident: str = Field(pattern=r"^\d{12}$")  # so_dinh_danh of a registry person
    others: list[Other] = []
    at: str  # the moment of submission, YYYY-MM-DDTHH:MM local time: scoring is reproducible
    place: str = ""  # where the volunteer meets the resident
    story: str
    papers: list[Paper] = []
    tasks: list[str] = []  # what the trainee must do, in order
    role_card: RoleCard
    questions: list[Question] = []
    expected: Expected
    rubric: list[Criterion] = Field(min_length=1)
    max_score: int = Field(ge=1)
    mistakes: list[Mistake] = Field(min_length=2)

    @field_validator("at")
    @classmethod
    def _at(cls, value: str) -> str:
        if parse_at(value) is None:
            raise ValueError("thời điểm nộp phải có dạng YYYY-MM-DDTHH:MM, ví dụ 2026-11-27T09:00")
        return value

    @property
    def submitted_at(self):  # noqa: ANN201 - datetime
        return parse_at(self.at)

    def criterion(self, criterion_id: str) -> Any:
        return next((c for c in self.rubric if c.id == criterion_id), None)

    def paper(self, paper_id: str) -> Paper | None:
        return next((p for p in self.papers if p.id == paper_id), None)

    def question(self, question_id: str) -> Question | None:
        return next((q for q in self.questions if q.id == question_id), None)
