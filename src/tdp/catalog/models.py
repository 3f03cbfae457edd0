"""Typed models of the course catalog (`course/*.yaml`).

A procedure is data: its fields (like an XLSForm), its documents, the rules it applies (each a
named kind implemented once in `tdp.engine.rules`), its fee rule, its working days, its
jurisdiction and what the receipt tells the resident. Adding a procedure means adding a YAML
file; adding a *kind* of rule is the only thing that needs Python.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from tdp.calendar import WorkCalendar

FieldType = Literal[
    "text",  # free text
    "person_name",  # Họ, chữ đệm và tên
    "identity_number",  # số định danh cá nhân, 12 digits
    "phone",  # Vietnamese phone number
    "date",  # ISO date in data, dd/mm/yyyy on screen
    "choice",  # one of `choices`
    "integer",  # whole number within min/max
    "money",  # a sum in whole đồng: 7000, 7.000 đ, 7 nghìn
    "yes_no",  # true / false (có / không on screen)
    "group",  # a sub-record: `fields`
    "list",  # a list of sub-records: `fields`, min_items
    "documents",  # list of document ids of this procedure
]


class Strict(BaseModel):
    """Unknown keys are typos: refuse them so `tdp catalog check` can say where."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Dated(Strict):
    """A catalog entry that is law only between two dates (a change of law is an edit of data).

    `from` is the first day it applies; `until` the first day it no longer applies (the day
    its replacement takes effect, so a replacement's `from` equals the old entry's `until`).
    Either may be absent: in force since always, or until further notice.
    """

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    from_: date | None = Field(default=None, alias="from")
    until: date | None = None

    @model_validator(mode="after")
    def _ordered(self) -> Dated:
        if self.from_ and self.until and self.until <= self.from_:
            raise ValueError("'until' phải sau 'from' (ngày hết áp dụng sau ngày bắt đầu)")
        return self

    def in_force(self, day: date) -> bool:
        return (self.from_ is None or self.from_ <= day) and (
            self.until is None or day < self.until
        )


class Choice(Strict):
    value: str
    label: str


class Condition(Strict):
    """`field` (a dotted path from the filing's root) equals one value or is one of several."""

    field: str
    equals: str | bool | None = None
    one_of: list[str] | None = None

    @model_validator(mode="after")
    def _one_test(self) -> Condition:
        if (self.equals is None) == (self.one_of is None):
            raise ValueError("điều kiện cần đúng một trong hai khóa 'equals' hoặc 'one_of'")
        return self

    def holds(self, value: Any) -> bool:
        if self.equals is not None:
            return bool(value == self.equals)
        return value in (self.one_of or [])


class FieldSpec(Strict):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    label: str
    hint: str = ""
    type: FieldType
    required: bool = True
    nullable: bool = False  # a group that may be null on purpose (father not established)
    when: Condition | None = None  # shown, validated and required only when this holds
    choices: list[Choice] = []
    min: int | None = None
    max: int | None = None
    min_items: int | None = None
    max_length: int | None = Field(default=None, ge=1)  # text: at most the store's column
    fields: list[FieldSpec] = []

    @model_validator(mode="after")
    def _shape(self) -> FieldSpec:
        if self.type == "choice" and not self.choices:
            raise ValueError("trường kiểu 'choice' cần danh sách 'choices'")
        if self.type in ("group", "list") and not self.fields:
            raise ValueError(f"trường kiểu '{self.type}' cần danh sách 'fields'")
        if self.type not in ("group", "list") and self.fields:
            raise ValueError("chỉ trường kiểu 'group' hoặc 'list' mới có 'fields'")
        if self.max_length is not None and self.type not in ("text", "person_name"):
            raise ValueError("chỉ trường kiểu 'text' hoặc 'person_name' mới có 'max_length'")
        return self

    def child(self, field_id: str) -> FieldSpec | None:
        return next((f for f in self.fields if f.id == field_id), None)

    @property
    def is_person(self) -> bool:
        """A group naming a registry person: it carries a `so_dinh_danh`."""
        return self.type == "group" and any(
            f.id == "so_dinh_danh" and f.type == "identity_number" for f in self.fields
        )


class DocumentSpec(Dated):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    name: str
    hint: str = ""


class SupportOption(Strict):
    """One option of a support-log list: a stable id and the label people read and type."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    label: str = Field(min_length=1)


class SupportLists(Strict):
    """`course/support.yaml`: the support log's own lists (communes and procedures come from
    wards.yaml and procedures/)."""

    viec_ho_tro_khac: list[SupportOption] = []
    hinh_thuc: list[SupportOption] = Field(min_length=1)
    nhom_tuoi: list[SupportOption] = Field(min_length=1)
    ket_qua: list[SupportOption] = Field(min_length=1)


class PersonStatus(Strict):
    """A registry fact about a person named in the filing (e.g. previously married)."""

    person: str
    marital_status_in: list[Literal["doc_than", "da_ket_hon", "ly_hon", "goa"]]


class RuleSpec(Dated):
    """One rule of a procedure: `kind` names code in `tdp.engine.rules`; the rest are its
    parameters. `when` / `when_person` restrict it to the filings they describe; `from` /
    `until` to the filings made while it is law."""

    model_config = ConfigDict(extra="allow", frozen=True, populate_by_name=True)

    kind: str
    when: Condition | None = None
    when_person: PersonStatus | None = None
    code: str | None = None  # overrides the message code the rule reports


class FreeFee(Dated):
    kind: Literal["free"]


class ProvinceFee(Dated):
    """The province's fee (`wards.yaml`), charged always or only when the filing is late.
    Who is exempt is a rule (`fee_exemption`), read from the registry."""

    kind: Literal["province_fee"]
    key: str
    only_when_late: bool = False


class PageTier(Strict):
    up_to_page: int | None = None  # None: every page after the previous tier
    per_page: int


class PerPageFee(Dated):
    """Copy certification: tiers of per-page fees, capped per copy, times copies."""

    kind: Literal["per_page"]
    items: str
    pages: str
    copies: str
    tiers: list[PageTier]
    cap_per_copy: int


FeeRule = Annotated[FreeFee | ProvinceFee | PerPageFee, Field(discriminator="kind")]


class CopyFee(Strict):
    """Copies of an extract (`so_ban_sao`): always charged per copy at the province's copy
    fee, even when the registration itself is free (Luật Hộ tịch 2014, Điều 11 khoản 2)."""

    field: str
    key: str


class NextStep(Strict):
    """A line of the receipt shown only for the filings `when` describes."""

    text: str
    when: Condition


class Jurisdiction(Strict):
    """Which communes may receive the filing."""

    kind: Literal["any_commune", "residence_of"]
    persons: list[str] = []
    description: str


class Deadline(Strict):
    """A filing more than `days` after the date at `field` is late (accepted; a fee applies)."""

    field: str
    days: int = Field(ge=0)
    description: str


class EffectSpec(Strict):
    model_config = ConfigDict(extra="allow", frozen=True)

    kind: str


class Procedure(Strict):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    name: str
    short_description: str
    service_level: Literal["toan_trinh", "mot_phan"]
    legal_basis: list[str]
    working_days: int = Field(ge=0)
    working_days_note: str = ""
    fields: list[FieldSpec]
    documents: list[DocumentSpec]
    rules: list[RuleSpec] = []
    deadline: Deadline | None = None
    fee: FeeRule | list[FeeRule]  # a list: dated fee rules, one in force on any day
    copies: CopyFee | None = None
    fee_note: str = ""
    jurisdiction: Jurisdiction
    effects: list[EffectSpec] = []
    validity_months: int | None = Field(default=None, ge=1)  # how long the result is valid
    next_steps: list[str | NextStep]  # what the receipt tells the resident

    @property
    def fee_rules(self) -> list[FreeFee | ProvinceFee | PerPageFee]:
        return self.fee if isinstance(self.fee, list) else [self.fee]

    def fee_rule(self, day: date) -> FreeFee | ProvinceFee | PerPageFee:
        """The fee rule in force on `day` (the catalog check makes sure there is one)."""
        rules = self.fee_rules
        return next((r for r in rules if r.in_force(day)), rules[-1])

    def at(self, day: date) -> Procedure:
        """This procedure as the law stands on `day`: only the rules, documents and fee in
        force then. The engine checks every filing against this view."""
        return self.model_copy(update={
            "rules": [r for r in self.rules if r.in_force(day)],
            "documents": [d for d in self.documents if d.in_force(day)],
            "fee": self.fee_rule(day),
        })

    def field(self, path: str) -> FieldSpec | None:
        """The spec of a dotted path (`tre.ngay_sinh`, `giay_to_chung_thuc.0.so_trang`)."""
        fields = self.fields
        spec: FieldSpec | None = None
        for part in path.split("."):
            if part.isdigit() and spec is not None and spec.type in ("list", "documents"):
                continue
            spec = next((f for f in fields if f.id == part), None)
            if spec is None:
                return None
            fields = spec.fields
        return spec

    def document(self, doc_id: str) -> DocumentSpec | None:
        return next((d for d in self.documents if d.id == doc_id), None)

    @property
    def vneid_level(self) -> int | None:
        """The VNeID account level its `vneid_level` rules require (None: any account)."""
        levels = [(r.model_extra or {}).get("min") for r in self.rules
                  if r.kind == "vneid_level"]
        return max((x for x in levels if isinstance(x, int)), default=None)


class DatedAmount(Dated):
    amount: int = Field(ge=0)


class Province(Strict):
    id: str
    name: str
    id_code: str = Field(pattern=r"^\d{3}$")  # identity-number province code
    fees_are_samples: bool
    fees: dict[str, int | list[DatedAmount]]  # a list: amounts dated by `from` / `until`

    def fee(self, key: str, day: date) -> int:
        """Whole đồng for `key` on `day` (0 when the province has no amount then)."""
        value = self.fees.get(key, 0)
        if isinstance(value, int):
            return value
        return next((a.amount for a in value if a.in_force(day)), 0)


class ResidentialGroup(Strict):
    id: str
    name: str
    households: int = Field(ge=0)  # households the synthetic registry generates
    people: int | None = None  # target population, when known (tổ 1 Thống Nhất: 2,462)


class Commune(Strict):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    name: str
    kind: Literal["xa", "phuong", "dac_khu"]
    province: str
    former_district: str = ""
    former_name: str = ""  # the name in the pilot's time, for lessons that tell its story
    former_id: str = ""  # the pilot's key: keeps the registry's random stream (same people)
    agency_code: str
    agency_code_is_sample: bool = True
    address: str = ""
    streets: list[str] = []  # street names for the synthetic registry's addresses
    groups: list[ResidentialGroup]


class Wards(Strict):
    provinces: list[Province]
    communes: list[Commune]

    def commune(self, commune_id: str) -> Commune | None:
        return next((c for c in self.communes if c.id == commune_id), None)

    def province(self, province_id: str) -> Province | None:
        return next((p for p in self.provinces if p.id == province_id), None)


class ServiceLevel(Strict):
    name: str = Field(min_length=1)
    former: str = ""  # what it was called before Nghị định 42/2022/NĐ-CP
    meaning: str = Field(min_length=1)

    @property
    def long_name(self) -> str:
        """'Toàn trình (trước đây: mức độ 4)'."""
        return f"{self.name} (trước đây: {self.former})" if self.former else self.name


class StatusWords(Strict):
    name: str = Field(min_length=1)
    meaning: str = Field(min_length=1)


class Step(Strict):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    name: str = Field(min_length=1)
    note: str = ""


class Vocabulary(Strict):
    """`course/vocabulary.vi.yaml`: the words screens and lessons show, under stable codes."""

    service_levels: dict[Literal["toan_trinh", "mot_phan"], ServiceLevel]
    statuses: dict[int, StatusWords]
    steps: list[Step] = Field(min_length=1)
    levels: dict[Literal["co_ban", "trung_binh", "nang_cao"], str]

    @model_validator(mode="after")
    def _complete(self) -> Vocabulary:
        if set(self.statuses) != set(range(1, 11)):
            raise ValueError("cần đủ 10 trạng thái, mã từ 1 đến 10")
        if set(self.service_levels) != {"toan_trinh", "mot_phan"}:
            raise ValueError("cần đủ hai mức độ: toan_trinh và mot_phan")
        if set(self.levels) != {"co_ban", "trung_binh", "nang_cao"}:
            raise ValueError("cần đủ ba mức: co_ban, trung_binh, nang_cao")
        return self

    def step(self, step_id: str) -> tuple[int, Step]:
        """(1-based position, step) of a step of the portal."""
        for i, s in enumerate(self.steps, start=1):
            if s.id == step_id:
                return i, s
        raise KeyError(step_id)


class Catalog(BaseModel):
    """Everything the engine reads from `course/`."""

    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)

    procedures: dict[str, Procedure]
    wards: Wards
    messages: dict[str, str]
    calendar: WorkCalendar
    vocabulary: Vocabulary

    def procedure(self, procedure_id: str) -> Procedure | None:
        return self.procedures.get(procedure_id)
