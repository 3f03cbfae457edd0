"""People under construction and the date arithmetic of the generator.

A household is built from drafts whose links (father, mother, spouse) are objects; identity
numbers and names come later, when the household is finished. Ages are relative to the
population's own "today", never to the real clock.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from tdp.registry.ages import birthday
from tdp.registry.person import MaritalStatus, Sex

REFERENCE_DATE = date(2026, 7, 1)
"""The population's "today": ages are relative to this, never to the real clock."""

YEAR = 365.2425

# --------------------------------------------------------------------------- dates


def after(d: date, years: float) -> date:
    return d + timedelta(days=round(years * YEAR))


def born_aged(age: float) -> date:
    return REFERENCE_DATE - timedelta(days=round(age * YEAR))


def years_between(a: date, b: date) -> float:
    return (b - a).days / YEAR


# --------------------------------------------------------------------------- drafts


@dataclass(eq=False)
class Draft:
    """A person under construction; links are objects until identity numbers exist."""

    sex: Sex
    birth: date
    relation: str
    dan_toc: str
    family: str | None = None
    status: MaritalStatus = "doc_than"
    death: date | None = None
    father: Draft | None = None
    mother: Draft | None = None
    spouse: Draft | None = None
    name: str = ""
    number: str = ""

    @property
    def age(self) -> float:
        return years_between(self.birth, REFERENCE_DATE)


def marry(a: Draft, b: Draft) -> None:
    a.spouse, b.spouse = b, a
    a.status = b.status = "da_ket_hon"


def kill(rng: random.Random, person: Draft, not_before: date) -> None:
    """Mark dead on a day between `not_before` and a few weeks before the reference date."""
    lo = max(not_before, birthday(person.birth, 40))
    hi = REFERENCE_DATE - timedelta(days=20)
    if lo > hi:
        lo = hi
    # Deaths recorded in the registry are mostly recent: at most ~12 years back.
    lo = max(lo, min(hi, REFERENCE_DATE - timedelta(days=round(12 * YEAR))))
    person.death = lo + timedelta(days=rng.randint(0, (hi - lo).days))
    # The dead person's record keeps its spouse link as it was at death; the survivor is
    # widowed and has no current spouse.
    if person.spouse is not None:
        person.spouse.status = "goa"
        person.spouse.spouse = None
