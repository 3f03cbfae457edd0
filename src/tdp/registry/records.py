"""Records the national database holds besides family links: the record that ended each
divorced or widowed person's marriage (`cham_dut_hon_nhan`) and fee-exemption facts
(`uu_dai`).

Data first (NĐ 18/2026): a resident who married before gives the number, date and agency of
the judgment or the spouse's death registration, and the office looks it up here. Each record
agrees with the rest of the registry: a widow's record is the death of her husband when he is
in the registry (same date, his number linked), a divorce pair shares one judgment, every
date lies after both were of marrying age and after the children the record concerns.
Both passes draw from their own random streams, so adding them shifted no earlier draw.
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from tdp.registry import names
from tdp.registry.drafts import REFERENCE_DATE, YEAR
from tdp.registry.person import Benefit, MarriageEnd, Person

TWO_LEVEL_GOVERNMENT = date(2025, 7, 1)  # communes took over from districts (NĐ 120/2025)

# Fee exemptions (domain.md): a few per cent of people, as the population database holds them.
POOR_HOUSEHOLD_SHARE = {names.KINH: 0.012, names.JRAI: 0.09, names.BAHNAR: 0.09}
DISABILITY_SHARE = (0.008, 0.035)  # under 60, 60 and over
MERIT_SHARE_BORN_BEFORE_1960 = 0.05  # veterans' and martyrs' families (người có công)

_COURTS = ("thành phố Pleiku", "thành phố Pleiku", "thành phố Pleiku", "thành phố Pleiku",
           "huyện Chư Păh", "huyện Ia Grai", "huyện Đak Đoa")  # fmt: skip


@dataclass(frozen=True)
class Offices:
    """Who registered a death or judged a divorce in this group's area, by date."""

    commune_name: str  # "Phường Thống Nhất"
    former_name: str  # "Phường Yên Thế" (before the 2025 reorganisation)
    former_district: str  # "Thành phố Pleiku"
    province: str  # "Gia Lai"

    def death_registry(self, on: date) -> str:
        """The UBND that registered a death on `on`: the ward of that time."""
        if on < TWO_LEVEL_GOVERNMENT and self.former_name:
            where = _lower_first(self.former_name)
            if self.former_district:
                where += ", " + _lower_first(self.former_district)
        else:
            where = _lower_first(self.commune_name)
        return f"Ủy ban nhân dân {where}, tỉnh {self.province}"

    def court(self, rng: random.Random) -> str:
        return f"Tòa án nhân dân {rng.choice(_COURTS)}, tỉnh {self.province}"


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _born(p: Person) -> date:
    return date.fromisoformat(p.ngay_sinh)


def _years(n: float) -> timedelta:
    return timedelta(days=round(n * YEAR))


def _between(rng: random.Random, lo: date, hi: date) -> date:
    lo = min(lo, hi)
    return lo + timedelta(days=rng.randint(0, (hi - lo).days))


def _judgment(rng: random.Random, offices: Offices, lo: date,
              earliest: date | None = None) -> MarriageEnd:
    """A divorce decided before the 2025 reorganisation (district courts, now regional),
    after `lo` when possible; else (a child born since, father not recorded) in the few
    years before the reorganisation, never before `earliest`."""
    hi = min(TWO_LEVEL_GOVERNMENT - timedelta(days=1), REFERENCE_DATE)
    if lo > hi - timedelta(days=60):
        lo = max(earliest or lo, hi - _years(6.0))
    on = _between(rng, lo, hi)
    kind = "QĐST-HNGĐ" if rng.random() < 0.65 else "HNGĐ-ST"  # thuận tình / bản án
    return MarriageEnd("ly_hon", f"{rng.randint(1, 480)}/{on.year}/{kind}", on.isoformat(),
                       offices.court(rng))


def _death_record(rng: random.Random, offices: Offices, on: date,
                  spouse: str | None) -> MarriageEnd:
    return MarriageEnd("vo_chong_chet", f"{rng.randint(1, 160)}/{on.year}", on.isoformat(),
                       offices.death_registry(on), spouse)


def add_marriage_ends(rng: random.Random, people: list[Person], offices: Offices,
                      divorced_pairs: Iterable[tuple[Person, Person]]) -> None:
    """Give every divorced or widowed person (living or dead) the record of the end."""
    children: dict[str, list[date]] = {}
    for p in people:
        for pid in (p.so_dinh_danh_cha, p.so_dinh_danh_me):
            if pid:
                children.setdefault(pid, []).append(_born(p))
    dead_spouse = {p.so_dinh_danh_vo_chong: p for p in people
                   if not p.con_song and p.so_dinh_danh_vo_chong}
    for a, b in divorced_pairs:  # one judgment ended their marriage
        youngest = max([_born(a), _born(b), *children.get(a.so_dinh_danh, []),
                        *children.get(b.so_dinh_danh, [])])
        lo = max(youngest + _years(1.5), _born(a) + _years(22.0), _born(b) + _years(22.0))
        record = _judgment(rng, offices, lo)
        a.cham_dut_hon_nhan = MarriageEnd(**{**vars(record), "so_dinh_danh_vo_chong_cu":
                                             b.so_dinh_danh})
        b.cham_dut_hon_nhan = MarriageEnd(**{**vars(record), "so_dinh_danh_vo_chong_cu":
                                             a.so_dinh_danh})
    for p in people:
        if p.tinh_trang_hon_nhan not in ("ly_hon", "goa") or p.cham_dut_hon_nhan is not None:
            continue
        kids = children.get(p.so_dinh_danh, [])
        of_age = _born(p) + _years(21.0 if p.gioi_tinh == "nam" else 19.0)
        if p.tinh_trang_hon_nhan == "ly_hon":
            p.cham_dut_hon_nhan = _judgment(rng, offices, max([of_age, *kids]) + _years(0.3),
                                            earliest=of_age)
            continue
        spouse = dead_spouse.get(p.so_dinh_danh)
        if spouse is not None and spouse.ngay_mat:
            on = date.fromisoformat(spouse.ngay_mat)
            p.cham_dut_hon_nhan = _death_record(rng, offices, on, spouse.so_dinh_danh)
            continue
        end = date.fromisoformat(p.ngay_mat) if p.ngay_mat else REFERENCE_DATE
        # The spouse died after the last child was conceived (a birth up to ~9 months after).
        lo = max([of_age, *(k - timedelta(days=250) for k in kids)])
        on = _between(rng, lo, end - timedelta(days=20))
        p.cham_dut_hon_nhan = _death_record(rng, offices, on, None)


def add_benefits(rng: random.Random, people: list[Person]) -> None:
    """Poor households (every living member), disabilities and revolutionary merit.

    Only the living are drawn for (the dead hold none), so the draws do not depend on the
    dead parents the family pass adds."""
    households: dict[str, list[Person]] = {}
    for p in people:
        if p.con_song:
            households.setdefault(p.ma_ho, []).append(p)
    for members in households.values():
        poor = rng.random() < POOR_HOUSEHOLD_SHARE.get(members[0].dan_toc, 0.02)
        merit = False
        for p in members:
            found: list[Benefit] = []
            if poor:
                found.append("ho_ngheo")
            old = _born(p) < date(1966, 7, 1)
            if rng.random() < DISABILITY_SHARE[old]:
                found.append("khuyet_tat")
            if _born(p) < date(1960, 1, 1) and rng.random() < MERIT_SHARE_BORN_BEFORE_1960:
                merit = True
            p.uu_dai = found
        if merit:  # a household of a person with revolutionary merit: the family is exempt
            for p in members:
                p.uu_dai.append("co_cong")
