"""Relations by marriage and adoption across households: former stepchildren, former
parents-in-law, a divorced pair's former stepchild, grown-up adopted children.

They extend `FamilyLinks` (blood relations) and run after it on the same random stream, in
the fixed order of `MarriageLinks.run`, so the generated people are the same as when both
lived in one module. All among the Kinh, and always so that the relation exists between
unmarried adults of marrying age.
"""

from __future__ import annotations

from datetime import date

from tdp.registry.families import (
    HALF_BY_FATHER,
    HALF_BY_MOTHER,
    FamilyLinks,
    born,
    may_marry,
    other,
    surname,
    years,
)
from tdp.registry.person import Person, Sex

# How many of each construction per residential group (at most; fewer if nobody fits).
STEP_WIDOWED = 4  # a widow(er) and the dead spouse's child from before their marriage
STEP_DIVORCED = 3  # a divorced pair, one with a child from before: a former stepchild
IN_LAW_WIDOWED = 5  # a widow(er) and the dead spouse's widowed parent
ADOPTIONS = 3  # an unmarried elder who adopted a child now grown up (cha_me_nuoi)
ADOPTER_GAP = 20.0  # Luật Nuôi con nuôi 2010 Điều 14: at least 20 years older than the child


class MarriageLinks(FamilyLinks):
    """Every construction of a residential group: blood relations, then these."""

    def widowed(self) -> list[tuple[Person, Person]]:
        """(survivor, dead spouse) pairs recorded in the group, both Kinh."""
        pairs = []
        for dead in self.people:
            spouse = self.by_id.get(dead.so_dinh_danh_vo_chong or "")
            if (not dead.con_song and spouse is not None and spouse.con_song
                    and spouse.tinh_trang_hon_nhan == "goa" and self.kinh(dead)):
                pairs.append((spouse, dead))
        return pairs

    def step_widowed(self) -> None:
        """The dead spouse's child from before the marriage: the survivor's former stepchild."""
        done = 0
        for survivor, dead in self.shuffled_pairs(self.widowed()):
            if done >= STEP_WIDOWED or not may_marry(survivor):
                continue
            joint = self.kids(dead)
            for k in self.loners(other(survivor.gioi_tinh)):
                at_birth = years(born(dead), born(k))
                lo, hi = (19.0, 40.0) if dead.gioi_tinh == "nu" else (21.5, 50.0)
                if (lo <= at_birth <= hi and (not joint or years(born(k), born(joint[0])) >= 1.5)
                        and (dead.gioi_tinh == "nu" or surname(k) == surname(dead))
                        and born(k) < date.fromisoformat(dead.ngay_mat or "9999-12-31")):
                    self.set_parent(k, dead)
                    self.used.update((k.so_dinh_danh, survivor.so_dinh_danh))
                    done += 1
                    break

    def in_law_widowed(self) -> None:
        """The dead spouse's widowed parent, living alone: a former parent-in-law."""
        done = 0
        for survivor, dead in self.shuffled_pairs(self.widowed()):
            if (done >= IN_LAW_WIDOWED or not may_marry(survivor) or not self.orphan(dead)
                    or survivor.so_dinh_danh in self.used):
                continue
            for elder in self.shuffled([p for p in self.widowed_elders
                                        if p.gioi_tinh == other(survivor.gioi_tinh)
                                        and p.ma_ho != dead.ma_ho]):
                if self.elder_fits(elder, born(dead), born(dead), surname(dead), alone=False):
                    self.set_parent(dead, elder)
                    self.used.update((elder.so_dinh_danh, survivor.so_dinh_danh))
                    done += 1
                    break

    def shuffled_pairs(self, pairs: list[tuple[Person, Person]]) -> list[tuple[Person, Person]]:
        pairs = list(pairs)
        self.rng.shuffle(pairs)
        return pairs

    def step_divorced(self) -> list[tuple[Person, Person]]:
        """A divorced person with no children who was married to a divorced parent whose child
        came before that marriage: returns the (lone, parent) pairs to record as former
        spouses (one judgment ended their marriage)."""
        pairs: list[tuple[Person, Person]] = []
        lone = [p for p in self.people if self.kinh(p) and p.con_song
                and p.tinh_trang_hon_nhan == "ly_hon" and not self.kids(p)]
        parents = [hh[0] for hh in self.households.values() if len(hh) > 1
                   and self.kinh(hh[0]) and hh[0].tinh_trang_hon_nhan == "ly_hon"
                   and hh[0].so_dinh_danh not in self.used]
        for single in self.shuffled(lone):
            if len(pairs) >= STEP_DIVORCED or single.so_dinh_danh in self.used:
                continue
            for parent in parents:
                kids = [k for k in self.marriable_kids(parent)
                        if k.gioi_tinh == other(single.gioi_tinh)]
                if (parent.gioi_tinh != single.gioi_tinh and kids and parent.ma_ho != single.ma_ho
                        and parent.so_dinh_danh not in self.used
                        and abs(years(born(parent), born(single))) <= 9.0
                        and years(born(self.kids(parent)[-1]), date(2025, 6, 30)) >= 2.5):
                    self.used.update((single.so_dinh_danh, parent.so_dinh_danh))
                    pairs.append((single, parent))
                    break
        return pairs

    def adoptions(self) -> None:
        """An unmarried elder who adopted a child with no recorded parents, grown up now."""
        done = 0
        for child in self.shuffled([p for p in self.apart if self.orphan(p)]):
            if done >= ADOPTIONS:
                return
            adopter: Sex = "nu" if done % 2 == 0 else "nam"  # adoptive mothers and fathers
            if child.gioi_tinh == adopter:
                continue
            for elder in self.widowed_elders:
                if (elder.gioi_tinh == adopter and elder.ma_ho != child.ma_ho
                        and elder.so_dinh_danh not in self.used
                        and years(born(elder), born(child)) >= ADOPTER_GAP + 1.0
                        and years(born(elder), born(child)) <= 50.0):
                    child.cha_me_nuoi = [elder.so_dinh_danh]
                    self.linked.add(child.so_dinh_danh)
                    self.used.update((child.so_dinh_danh, elder.so_dinh_danh))
                    done += 1
                    break

    def run(self) -> list[tuple[Person, Person]]:
        """All constructions, in a fixed order; returns the divorced pairs for the records."""
        self.in_law_widowed()
        self.step_widowed()
        divorced = self.step_divorced()
        self.link_sibling_heads()
        self.link_siblings_at_home()
        self.half_siblings("nu", HALF_BY_MOTHER)
        self.half_siblings("nam", HALF_BY_FATHER)
        self.adoptions()
        return divorced
