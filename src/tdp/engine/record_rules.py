"""Rules for copies of a civil-status extract (trich_luc_ban_sao).

Luật Hộ tịch 2014 Điều 63–64: a copy of an extract is issued for an event the civil-status
database holds. The mock registry stands for that database: every person in it had their
birth registered; a marriage is there when the person is married now or a record ended it;
a death when the person is dead.
"""

from __future__ import annotations

from tdp.catalog.models import RuleSpec
from tdp.engine.context import CheckContext
from tdp.engine.marriage_rules import ended_record
from tdp.engine.rule_kinds import Params, rule_kind
from tdp.registry.person import Person


def has_event(person: Person, event: str) -> bool:
    if event == "khai_sinh":
        return True
    if event == "ket_hon":
        return person.tinh_trang_hon_nhan == "da_ket_hon" or ended_record(person) is not None
    if event == "khai_tu":
        return not person.con_song
    return False


class EventParams(Params):
    person: str
    event: str  # the choice field naming the event


@rule_kind(
    "event_registered",
    EventParams,
    codes=("su_kien_chua_dang_ky",),
    fields=("event",),
    persons=("person",),
)
def event_registered(ctx: CheckContext, p: EventParams, rule: RuleSpec) -> None:
    """The event whose extract is asked for is registered for that person."""
    person, event = ctx.persons.get(p.person), ctx.value(p.event)
    if person is None or not isinstance(event, str) or has_event(person, event):
        return
    spec = ctx.procedure.field(p.event)
    label = next((c.label for c in spec.choices if c.value == event), event) if spec else event
    ctx.report(
        p.event, rule.code or "su_kien_chua_dang_ky", su_kien=label.lower(), ho_ten=person.ho_ten
    )
