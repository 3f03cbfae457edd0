"""Typed models of the course catalog (`course/*.yaml`).

A procedure is data: its fields (like an XLSForm), its documents, the rules it applies (each a
named kind implemented once in `tdp.engine.rules`), its fee rule, its working days, its
jurisdiction and what the receipt tells the resident. Adding a procedure means adding a YAML
file; adding a *kind* of rule is the only thing that needs Python.
"""

from __future__ import annotations

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
    "group",  # a sub-record: `fields`
    "list",  # a list of sub-records: `fields`, min_items
    "documents",  # list of document ids of this procedure
]


class Strict(BaseModel):
    """Unknown keys are typos: refuse them so `tdp catalog check` can say where."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Choice(Strict):
    value: str
    label: str


class Condition(Strict):
    """`field` (a dotted path from the filing's root) equals one value or is one of several."""

    field: str
    equals: str | None = None
    one_of: list[str] | None = None

    @model_validator(mode="after")
    def _one_test(self) -> Condition:
        if (self.equals is None) == (self.one_of is None):
            raise ValueError("điều kiện cần đúng một trong hai khóa 'equals' hoặc 'one_of'")
        return self

    def holds(self, value: Any) -> bool:
        if self.equals is not None:
            return value == self.equals
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
    fields: list[FieldSpec] = []

    @model_validator(mode="after")
    def _shape(self) -> FieldSpec:
        if self.type == "choice" and not self.choices:
            raise ValueError("trường kiểu 'choice' cần danh sách 'choices'")
        if self.type in ("group", "list") and not self.fields:
            raise ValueError(f"trường kiểu '{self.type}' cần danh sách 'fields'")
        if self.type not in ("group", "list") and self.fields:
            raise ValueError("chỉ trường kiểu 'group' hoặc 'list' mới có 'fields'")
        return self

    def child(self, field_id: str) -> FieldSpec | None:
        return next((f for f in self.fields if f.id == field_id), None)

    @property
    def is_person(self) -> bool:
        """A group naming a registry person: it carries a `so_dinh_danh`."""
        return self.type == "group" and any(
            f.id == "so_dinh_danh" and f.type == "identity_number" for f in self.fields
        )


class DocumentSpec(Strict):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    name: str
    hint: str = ""


class PersonStatus(Strict):
    """A registry fact about a person named in the filing (e.g. previously married)."""

    person: str
    marital_status_in: list[Literal["doc_than", "da_ket_hon", "ly_hon", "goa"]]


class RuleSpec(Strict):
    """One rule of a procedure: `kind` names code in `tdp.engine.rules`; the rest are its
    parameters. `when` / `when_person` restrict it to the filings they describe."""

    model_config = ConfigDict(extra="allow", frozen=True)

    kind: str
    when: Condition | None = None
    when_person: PersonStatus | None = None
    code: str | None = None  # overrides the message code the rule reports


class FreeFee(Strict):
    kind: Literal["free"]


class ProvinceFee(Strict):
    """The province's fee (`wards.yaml`), charged always or only when the filing is late."""

    kind: Literal["province_fee"]
    key: str
    only_when_late: bool = False
    exemptible: bool = True  # civil-status fees: poor households etc. are exempt


class PageTier(Strict):
    up_to_page: int | None = None  # None: every page after the previous tier
    per_page: int


class PerPageFee(Strict):
    """Copy certification: tiers of per-page fees, capped per copy, times copies."""

    kind: Literal["per_page"]
    items: str
    pages: str
    copies: str
    tiers: list[PageTier]
    cap_per_copy: int


FeeRule = Annotated[FreeFee | ProvinceFee | PerPageFee, Field(discriminator="kind")]


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


SERVICE_LEVELS: dict[str, str] = {
    "toan_trinh": "Toàn trình (trước đây: mức độ 4)",
    "mot_phan": "Một phần (trước đây: mức độ 3)",
}
"""How each service level is called now (Nghị định 42/2022/NĐ-CP) and what it was called."""


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
    fee: FeeRule
    fee_note: str = ""
    jurisdiction: Jurisdiction
    effects: list[EffectSpec] = []
    next_steps: list[str]  # what the receipt tells the resident

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


class Province(Strict):
    id: str
    name: str
    id_code: str = Field(pattern=r"^\d{3}$")  # identity-number province code
    fees_are_samples: bool
    fees: dict[str, int]


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


class Catalog(BaseModel):
    """Everything the engine reads from `course/`."""

    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)

    procedures: dict[str, Procedure]
    wards: Wards
    messages: dict[str, str]
    calendar: WorkCalendar

    def procedure(self, procedure_id: str) -> Procedure | None:
        return self.procedures.get(procedure_id)
