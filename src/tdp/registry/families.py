"""Three generations across households: the family ties the kinship rule must find.

A household book records parents only inside the household. The national database links
everyone to their father and mother wherever they live, so a Pleiku residential group holds
heads of households who are brothers and sisters (their children are first cousins, an
unmarried uncle lives two streets away), a widow whose late husband had a child before their
marriage (a former stepchild), an old widower whose dead son's widow lives nearby (a former
daughter-in-law). This pass adds such links between the households the generator built, from
its own random stream, so that every person the generator made keeps every drawn value; only
`so_dinh_danh_cha` / `so_dinh_danh_me` of people who had none are filled in, and a few dead
parents are added to the households of their children or widowed spouses. Heads who are
siblings exist in all three peoples (Kinh, Jrai, and on a later stream of its own, Bahnar),
the other constructions among the Kinh (relations by marriage and adoption in
`marriage_links`). Each name is inherited as its people does: a Kinh
surname and the Bahnar "Đinh" (or none) from the father, a Jrai clan from the mother. A dead
person added stays married to the spouse widowed by the death, as the engine's `khai_tu`
leaves a record.

Every construction picks people so that the relation exists among unmarried adults of
marrying age (of both sexes), because that is what a trainee must be able to practise.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta

from tdp.registry import names
from tdp.registry.ages import MARRYING_AGE, full_years
from tdp.registry.drafts import REFERENCE_DATE, YEAR, Draft
from tdp.registry.person import Person, Sex

# How many of each construction per residential group (at most; fewer if nobody fits).
SIBLING_HEADS = 18  # heads of two households who are brother/sister: cousins, uncles
BAHNAR_SIBLING_HEADS = 4  # the same among the (fewer) Bahnar households
SIBLINGS_AT_HOME = 8  # the head and a brother/sister living with them get recorded parents
HALF_BY_MOTHER = 4
HALF_BY_FATHER = 4


def born(p: Person) -> date:
    return date.fromisoformat(p.ngay_sinh)


def years(a: date, b: date) -> float:
    return (b - a).days / YEAR


def surname(p: Person) -> str:
    return names.split_kinh_name(p.ho_ten)[0]


def lineal(p: Person) -> str:
    """The name a child inherits: a Kinh surname or the Bahnar "Đinh" (from the father; ""
    for a Bahnar without one: "A"/"Y" are prefixes, not names), a Jrai clan (from the mother,
    matrilineal)."""
    if p.dan_toc == names.JRAI:
        clans = [c for c in names.name_data().jrai_clans if p.ho_ten.startswith(c + " ")]
        return max(clans, key=len, default="")
    if p.dan_toc == names.BAHNAR:
        first = surname(p)
        return first if first == names.name_data().bahnar_family else ""
    return surname(p)


def may_marry(p: Person) -> bool:
    """Alive, not married, of marrying age on the reference date."""
    return (p.con_song and p.tinh_trang_hon_nhan != "da_ket_hon"
            and full_years(born(p), REFERENCE_DATE) >= MARRYING_AGE[p.gioi_tinh])


def other(sex: Sex) -> Sex:
    return "nu" if sex == "nam" else "nam"


@dataclass
class NewPerson:
    """A dead parent or spouse this pass adds (numbered and named by the caller)."""

    draft: Draft
    ma_ho: str
    so_dinh_danh_vo_chong: str | None = None
    children: list[str] = field(default_factory=list)


class FamilyLinks:
    """Links households of one group into three-generation families."""

    def __init__(self, rng: random.Random, people: list[Person],
                 new_person: Callable[[Draft, str, Collection[str]], Person]):
        self.rng = rng
        self.people = people
        self.by_id = {p.so_dinh_danh: p for p in people}
        self.households: dict[str, list[Person]] = {}
        for p in people:
            self.households.setdefault(p.ma_ho, []).append(p)
        self.children: dict[str, list[Person]] = {}
        for p in people:
            for pid in (p.so_dinh_danh_cha, p.so_dinh_danh_me):
                if pid:
                    self.children.setdefault(pid, []).append(p)
        # Numbers, names (none of the household's, nor of the names given) and inserts a
        # draft into a household.
        self.new_person = new_person
        self.linked: set[str] = set()  # given parents by this pass
        self.used: set[str] = set()  # already the centre of a construction
        # Computed once: the passes below scan these lists many times.
        self.marriable = {p.so_dinh_danh for p in people if may_marry(p)}
        self.widowed_elders = [p for p in people if p.con_song and self.kinh(p)
                               and p.tinh_trang_hon_nhan == "goa"]
        self.apart = [p for p in people if self.kinh(p) and p.so_dinh_danh in self.marriable
                      and p.quan_he_chu_ho in ("chu_ho", "khac")]

    # -- reading ---------------------------------------------------------------

    @staticmethod
    def kinh(p: Person) -> bool:
        return p.dan_toc == names.KINH

    def orphan(self, p: Person) -> bool:
        """No recorded parent, and not yet linked here: free to receive parents."""
        return (p.so_dinh_danh_cha is None and p.so_dinh_danh_me is None
                and p.so_dinh_danh not in self.linked)

    def kids(self, parent: Person) -> list[Person]:
        return sorted(self.children.get(parent.so_dinh_danh, []), key=born)

    def marriable_kids(self, parent: Person) -> list[Person]:
        return [k for k in self.kids(parent) if k.so_dinh_danh in self.marriable]

    def shuffled(self, items: list[Person]) -> list[Person]:
        items = list(items)
        self.rng.shuffle(items)
        return items

    # -- writing ---------------------------------------------------------------

    def set_parent(self, child: Person, parent: Person) -> None:
        if parent.gioi_tinh == "nam":
            child.so_dinh_danh_cha = parent.so_dinh_danh
        else:
            child.so_dinh_danh_me = parent.so_dinh_danh
        self.linked.add(child.so_dinh_danh)
        self.children.setdefault(parent.so_dinh_danh, []).append(child)

    def add_dead(self, sex: Sex, birth: date, died: date, family: str | None, ma_ho: str,
                 relation: str, dan_toc: str = names.KINH,
                 children: Collection[Person] = ()) -> Person:
        """A dead person recorded in `ma_ho`; `family` None draws one, "" is none (a Bahnar
        who goes by "A"/"Y" alone). Never named like one of the `children`: a father is not
        "A Ploh" with a son "A Ploh"."""
        if family is None:
            family = names.pick_family_name(self.rng, dan_toc)
        draft = Draft(sex=sex, birth=birth, relation=relation, dan_toc=dan_toc,
                      family=family or None)
        draft.death = died
        person = self.new_person(draft, ma_ho, [c.ho_ten for c in children])
        self.by_id[person.so_dinh_danh] = person
        self.households[ma_ho].append(person)
        return person

    @staticmethod
    def married_at_death(dead: Person, spouse: Person) -> None:
        """A dead person's record stays as it was at the death: married, to the spouse who was
        widowed then (as the generator's deaths and the engine's `khai_tu` leave it)."""
        dead.tinh_trang_hon_nhan = "da_ket_hon"
        dead.so_dinh_danh_vo_chong = spouse.so_dinh_danh

    def span(self, lo: float, hi: float | None = None) -> timedelta:
        """A random span of lo–hi years (exactly lo years when hi is None)."""
        value = lo if hi is None else self.rng.uniform(lo, hi)
        return timedelta(days=round(value * YEAR))

    def death_between(self, lo: date, hi: date) -> date:
        hi = min(hi, REFERENCE_DATE - timedelta(days=20))
        lo = min(lo, hi)
        return lo + timedelta(days=self.rng.randint(0, (hi - lo).days))

    # -- constructions -----------------------------------------------------------

    def parents_for(self, siblings: list[Person], home: str) -> None:
        """Give brothers/sisters their parents: a living widowed elder of the group when one
        fits (grandparents in another household), else a dead couple recorded in `home`."""
        first, last = min(born(s) for s in siblings), max(born(s) for s in siblings)
        family = lineal(siblings[0])
        dan_toc = siblings[0].dan_toc
        fitting = [p for p in self.widowed_elders if dan_toc == names.KINH
                   and self.elder_fits(p, first, last, family)]
        for elder in self.shuffled(fitting)[:1]:
            self.used.add(elder.so_dinh_danh)
            if elder.gioi_tinh == "nu":  # the mother lives on; the father died
                spouse_birth = min(born(elder) - self.span(0.0, 8.0), first - self.span(21.5))
            else:  # the father lives on; the mother died
                spouse_birth = max(min(born(elder) + self.span(0.0, 8.0),
                                       first - self.span(19.0)), last - self.span(40.0))
            lo = max(spouse_birth + self.span(45.0), last + timedelta(days=400))
            spouse = self.add_dead(other(elder.gioi_tinh), spouse_birth,
                                   self.death_between(lo, spouse_birth + self.span(94.0)),
                                   family if elder.gioi_tinh == "nu" else None, elder.ma_ho,
                                   "chong" if elder.gioi_tinh == "nu" else "vo",
                                   children=siblings)
            self.married_at_death(spouse, elder)
            for s in siblings:
                self.set_parent(s, elder)
                self.set_parent(s, spouse)
            return
        # A dead couple: the father died first, the mother later, widowed.
        mother_birth = last - timedelta(days=round(self.rng.uniform(22.0, 38.0) * YEAR))
        if years(mother_birth, first) < 18.5:
            mother_birth = first - timedelta(days=round(19 * YEAR))
        father_birth = min(mother_birth - self.span(1.0, 7.0), first - self.span(21.5))
        father_died = self.death_between(max(last, father_birth + self.span(55.0)),
                                         min(REFERENCE_DATE - timedelta(days=800),
                                             father_birth + self.span(94.0)))
        mother_died = self.death_between(father_died + timedelta(days=200),
                                         min(REFERENCE_DATE, mother_birth + self.span(94.0)))
        if dan_toc == names.JRAI:  # the mother gives the clan; clans marry out (exogamy)
            father_family, mother_family = names.pick_other_clan(self.rng, family), family
        else:  # the father gives the name ("" for a Bahnar without one); hers is her own
            father_family, mother_family = family, None
        father = self.add_dead("nam", father_birth, father_died, father_family, home, "cha",
                               dan_toc, siblings)
        mother = self.add_dead("nu", mother_birth, mother_died, mother_family, home, "me",
                               dan_toc, siblings)
        self.married_at_death(father, mother)
        mother.tinh_trang_hon_nhan = "goa"
        for s in siblings:
            self.set_parent(s, father)
            self.set_parent(s, mother)

    def elder_fits(self, p: Person, first: date, last: date, family: str,
                   alone: bool = True) -> bool:
        """A living widowed Kinh elder who could be the parent of people born between `first`
        and `last`: heading a household alone with no children recorded, or (`alone` False)
        any widowed elder."""
        if not (p.con_song and self.kinh(p) and p.tinh_trang_hon_nhan == "goa"
                and p.so_dinh_danh not in self.used):
            return False
        if alone and not (p.quan_he_chu_ho == "chu_ho" and len(self.households[p.ma_ho]) == 1
                          and not self.kids(p)):
            return False
        if p.gioi_tinh == "nu":
            return years(born(p), first) >= 19.0 and years(born(p), last) <= 41.0
        return (surname(p) == family and years(born(p), first) >= 21.5
                and years(born(p), last) <= 50.0)

    def sibling_heads(self, groups: tuple[str, ...]) -> Iterator[tuple[Person, Person]]:
        """Heads of two households of these ethnic groups who can be brother and sister, one
        with a marriable child and the other either with a marriable child of the other sex
        (cousins) or unmarried and of the other sex (uncle/aunt and nephew/niece)."""
        heads = [hh[0] for hh in self.households.values()
                 if hh[0].dan_toc in groups and self.orphan(hh[0])]
        with_kids = [h for h in heads if self.marriable_kids(h)]
        for h1 in self.shuffled(with_kids):
            if h1.so_dinh_danh in self.linked:
                continue
            kid_sexes = {k.gioi_tinh for k in self.marriable_kids(h1)}
            for h2 in self.shuffled(heads):
                if (h2 is h1 or h2.so_dinh_danh in self.linked or h2.dan_toc != h1.dan_toc
                        or lineal(h2) != lineal(h1)):
                    continue
                gap = abs(years(born(h1), born(h2)))
                if not 1.3 <= gap <= 12.0:
                    continue
                cousins = {k.gioi_tinh for k in self.marriable_kids(h2)}
                uncle = may_marry(h2) and other(h2.gioi_tinh) in kid_sexes
                if uncle or any(other(s) in cousins for s in kid_sexes):
                    yield h1, h2
                    break

    def link_sibling_heads(self, groups: tuple[str, ...] = (names.KINH, names.JRAI),
                           limit: int = SIBLING_HEADS) -> None:
        for n, (h1, h2) in enumerate(self.sibling_heads(groups)):
            if n >= limit:
                return
            self.parents_for([h1, h2], h1.ma_ho)

    def link_bahnar(self) -> None:
        """Bahnar heads who are brother and sister, their dead parents recorded: cousins,
        uncles and aunts among the Bahnar too. Run on a stream of its own after every other
        pass (see `tdp.registry.generate`), so that adding it moved nobody else's draws."""
        self.link_sibling_heads((names.BAHNAR,), BAHNAR_SIBLING_HEADS)

    def link_siblings_at_home(self) -> None:
        """The head and a brother or sister living with them (anh_chi_em) get parents."""
        done = 0
        for hh in self.households.values():
            head = hh[0]
            sibs = [m for m in hh if m.quan_he_chu_ho == "anh_chi_em" and self.orphan(m)]
            if done >= SIBLINGS_AT_HOME or not sibs or not self.kinh(head) or not self.orphan(head):
                continue
            if any(surname(s) != surname(head) for s in sibs):
                continue
            self.parents_for([head, *sibs], head.ma_ho)
            done += 1

    def loners(self, sex: Sex) -> list[Person]:
        """Marriable Kinh adults with no recorded parents who live apart from their family."""
        return [p for p in self.apart if p.gioi_tinh == sex and self.orphan(p)
                and p.so_dinh_danh not in self.used]

    def half_siblings(self, by: Sex, limit: int) -> None:
        """A parent in a family of their own had a child before it (father or mother shared)."""
        done = 0
        parents = [p for p in self.people if self.kinh(p) and p.con_song
                   and p.gioi_tinh == by and p.tinh_trang_hon_nhan == "da_ket_hon"
                   and p.so_dinh_danh not in self.used]
        for parent in self.shuffled(parents):
            kids = self.kids(parent)
            adults = self.marriable_kids(parent)
            if done >= limit or not kids or not adults:
                continue
            sex = other(adults[0].gioi_tinh)
            for k in self.loners(sex):
                at_birth = years(born(parent), born(k))
                lo, hi = (19.0, 40.0) if by == "nu" else (21.5, 50.0)
                if (k.ma_ho != parent.ma_ho and lo <= at_birth <= hi
                        and years(born(k), born(kids[0])) >= 1.5
                        and (by == "nu" or surname(k) == surname(parent))):
                    self.set_parent(k, parent)
                    self.used.update((k.so_dinh_danh, parent.so_dinh_danh))
                    done += 1
                    break
