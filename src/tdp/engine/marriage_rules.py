"""Proof that a previous marriage ended (ket_hon, xac_nhan_hon_nhan).

Nghị định 18/2026/NĐ-CP (amending Nghị định 123/2015, Điều 2 and 22), data first: the
resident gives the details of the record that ended the marriage (`cham_dut_hon_nhan`: its
kind, number, date and agency) and the office looks it up in the registry; only when the
details are not given is the paper asked for, and it must be the paper that fits the status:
the divorce judgment for a divorce, the former spouse's death extract for a widow(er). Before
that decree took effect (15/1/2026) the paper was the only proof: the catalog then names no
`record` (a rule dated `until` that day), and details given are no proof.
"""

from __future__ import annotations

from typing import Any, Literal

from tdp.catalog.models import RuleSpec
from tdp.engine.context import CheckContext
from tdp.engine.rule_kinds import Params, rule_kind
from tdp.registry.person import Person
from tdp.text import name_key

# The record kind that fits each marital status.
RECORD_FOR_STATUS = {"ly_hon": "ly_hon", "goa": "vo_chong_chet"}


def ended_record(person: Person) -> dict[str, Any] | None:
    """The registry's record that ended the person's last marriage, as a dict, or None."""
    record = person.cham_dut_hon_nhan
    if record is None:
        return None
    return {"loai": record.loai, "so": record.so, "ngay": record.ngay, "co_quan": record.co_quan}


def _same_text(a: Any, b: Any) -> bool:
    return (
        isinstance(a, str)
        and isinstance(b, str)
        and (name_key(a).replace(" ", "") == name_key(b).replace(" ", ""))
    )


def record_matches(given: dict[str, Any], record: dict[str, Any] | None) -> bool:
    """The details the resident gave are the registry's record (text compared by meaning)."""
    if record is None:
        return False
    return (
        given.get("loai") in (None, record.get("loai"))  # the kind may be left out
        and str(given.get("ngay")) == str(record.get("ngay"))
        and _same_text(given.get("so"), record.get("so"))
        and _same_text(given.get("co_quan"), record.get("co_quan"))
    )


class MarriageEnded(Params):
    person: str
    record: str | None = None  # where the resident gives the record's details (data first);
    # None: the law in force takes no details, only the paper (before NĐ 18/2026)
    papers: dict[Literal["ly_hon", "goa"], str]  # status → the paper that proves it


@rule_kind(
    "marriage_ended",
    MarriageEnded,
    codes=(
        "cham_dut_hon_nhan_khong_khop",
        "giay_to_hon_nhan_truoc_sai",
        "giay_to_hon_nhan_truoc_sai_chi_giay",
        "thieu_giay_to_hon_nhan_truoc",
    ),
    fields=("record",),
    persons=("person",),
    documents=("papers",),
)
def marriage_ended(ctx: CheckContext, p: MarriageEnded, rule: RuleSpec) -> None:
    """A divorced or widowed person proves the end of the last marriage."""
    person = ctx.persons.get(p.person)
    if person is None or person.tinh_trang_hon_nhan not in p.papers:
        return
    status = person.tinh_trang_hon_nhan
    right = ctx.procedure.document(p.papers[status])
    right_name = right.name if right else ""
    record = p.record
    given = ctx.value(record) if record else None
    if record and isinstance(given, dict) and given:
        if not ctx.has_error(record) and not record_matches(given, ended_record(person)):
            ctx.report(
                record, "cham_dut_hon_nhan_khong_khop", ho_ten=person.ho_ten, giay_to=right_name
            )
        return
    if right is None or right.id in ctx.documents:
        return
    wrong = [d for s, d in p.papers.items() if s != status and d in ctx.documents]
    other = ctx.procedure.document(wrong[0]) if wrong else None
    if other is not None:
        ctx.report(
            "giay_to",
            # without a record to look up, the message must not offer one
            "giay_to_hon_nhan_truoc_sai" if p.record else "giay_to_hon_nhan_truoc_sai_chi_giay",
            ho_ten=person.ho_ten,
            tinh_trang=_STATUS_WORDS[status],
            giay_to=right_name,
            giay_to_sai=other.name,
        )
        return
    ctx.report(
        "giay_to",
        rule.code or "thieu_giay_to_hon_nhan_truoc",
        ho_ten=person.ho_ten,
        tinh_trang=_STATUS_WORDS[status],
        giay_to=right_name,
    )


_STATUS_WORDS = {"ly_hon": "đã ly hôn", "goa": "có vợ hoặc chồng đã mất"}
