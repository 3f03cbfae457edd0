"""Rules about who pays: fee exemption read from the registry, and retired filing keys.

Poor households, people with disabilities and families of people with revolutionary merit
are exempt from civil-status registration fees (Thông tư 85/2019/TT-BTC Điều 5; Luật Hộ tịch
2014 Điều 11). The portal reads that from the population registry (`uu_dai`), never from a box
the trainee ticks; a claim the registry does not hold needs the paper that proves it (data
first, Nghị định 18/2026/NĐ-CP: the paper is the fallback).
"""

from __future__ import annotations

from typing import Literal

from tdp.catalog.models import RuleSpec
from tdp.engine.context import CheckContext
from tdp.engine.rule_kinds import Params, rule_kind
from tdp.registry.person import Person

UuDai = Literal["ho_ngheo", "khuyet_tat", "co_cong"]


def uu_dai_of(person: Person) -> set[str]:
    """The fee-exemption facts the registry holds for a person."""
    return set(person.uu_dai)


class ExemptionParams(Params):
    persons: list[str]  # whose registry facts exempt the filing
    claim: str  # the optional choice field where the resident claims an exemption
    proofs: dict[UuDai, str]  # exemption → the document that proves it


@rule_kind(
    "fee_exemption",
    ExemptionParams,
    codes=("uu_dai_khong_co_trong_csdl",),
    fields=("claim",),
    persons=("persons",),
    documents=("proofs",),
)
def fee_exemption(ctx: CheckContext, p: ExemptionParams, rule: RuleSpec) -> None:
    """Exempt when the registry holds an exemption for one of `persons`, or when a claimed
    one is proved by its paper; a claim with neither is refused, naming the paper."""
    held: set[str] = set()
    for group in p.persons:
        person = ctx.persons.get(group)
        if person is not None:
            held |= uu_dai_of(person)
    claim = ctx.value(p.claim)
    if held:
        ctx.exempt = True
    if not isinstance(claim, str) or claim in held:
        return
    proof = ctx.procedure.document(p.proofs.get(claim, ""))  # type: ignore[call-overload]
    if proof is not None and proof.id in ctx.documents:
        ctx.exempt = True
        return
    spec = ctx.procedure.field(p.claim)
    label = next((c.label for c in spec.choices if c.value == claim), claim) if spec else claim
    ctx.report(
        p.claim,
        rule.code or "uu_dai_khong_co_trong_csdl",
        uu_dai=label,
        giay_to=proof.name if proof else "giấy tờ chứng minh",
    )


class RetiredKey(Params):
    key: str  # a filing key the portal no longer has


@rule_kind("retired_key", RetiredKey, codes=("truong_khong_con_dung",))
def retired_key(ctx: CheckContext, p: RetiredKey, rule: RuleSpec) -> None:
    """A key an older client may still send: say so, never ignore it silently."""
    raw = ctx.raw if isinstance(ctx.raw, dict) else {}
    value = raw.get(p.key)
    if value is None or value is False or value == "" or value == []:
        return
    ctx.report(p.key, rule.code or "truong_khong_con_dung")
