"""Valid filings for each procedure, built from real registry people, for tests to break."""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import date
from typing import Any

from tdp.registry import ages, samples
from tdp.registry.kinship import forbidden_kinship
from tdp.registry.person import Person as RegistryPerson

Person = dict[str, Any]


@functools.cache
def registry() -> samples.PeopleIndex:
    """The seeded registry in memory: the generator's output for `course/wards.yaml`, which
    is what the test store holds (so kinship can be asked without a session)."""
    from tdp.catalog import load_catalog
    from tdp.registry.generate import generate_population
    from tdp.registry.seed import group_specs

    return samples.PeopleIndex(generate_population(group_specs(load_catalog())))


def as_person(p: Person) -> RegistryPerson:
    found = registry().get(p["so_dinh_danh"])
    return found if found is not None else RegistryPerson.from_json(p)


def find(people: list[Person], pred: Callable[[Person], bool], skip: int = 0,
         uu_dai: bool = False) -> Person:
    """The (skip+1)-th person for whom `pred` holds; people with a fee exemption (`uu_dai`)
    only when asked for, so that a test's fee arithmetic stays plain."""
    matches = [p for p in people if pred(p) and bool(p.get("uu_dai")) == uu_dai]
    if len(matches) <= skip:
        raise LookupError("no registry person fits this test")
    return matches[skip]


def age_on(p: Person, on: date) -> int:
    return ages.full_years_iso(p["ngay_sinh"], on)


def alive(p: Person) -> bool:
    return p["con_song"]


def married_couple(people: list[Person], skip: int = 0) -> tuple[Person, Person]:
    """A living married woman aged 20–40 and her living husband."""
    by_id = {p["so_dinh_danh"]: p for p in people}
    wife = find(people, lambda p: p["gioi_tinh"] == "nu" and alive(p)
                and p["tinh_trang_hon_nhan"] == "da_ket_hon"
                and 20 <= age_on(p, date(2026, 7, 1)) <= 40
                and bool(p["so_dinh_danh_vo_chong"])
                and by_id[p["so_dinh_danh_vo_chong"]]["con_song"]
                and not by_id[p["so_dinh_danh_vo_chong"]]["uu_dai"], skip)
    return wife, by_id[wife["so_dinh_danh_vo_chong"]]


def person_ref(p: Person) -> dict[str, str]:
    return {"ho_ten": p["ho_ten"], "so_dinh_danh": p["so_dinh_danh"]}


def child_name(parent: Person, given: str = "Minh Khang") -> str:
    """A child's name that carries `parent`'s surname (Bộ luật Dân sự 2015, Điều 26)."""
    return f"{parent['ho_ten'].split()[0]} {given}"


def khai_sinh(people: list[Person], born: str = "2026-11-01", skip: int = 0) -> dict:
    mother, father = married_couple(people, skip)
    return {
        "nguoi_yeu_cau": {**person_ref(mother), "quan_he": "me", "so_dien_thoai": "0912345678"},
        "tre": {"ho_ten": child_name(father), "ngay_sinh": born, "gioi_tinh": "nam",
                "dan_toc": father["dan_toc"], "quoc_tich": "Việt Nam",
                "noi_sinh": "Bệnh viện Đa khoa tỉnh Gia Lai", "que_quan": "Gia Lai"},
        "me": person_ref(mother),
        "cha": person_ref(father),
        "so_ban_sao": 0,
        "co_quan": mother["noi_cu_tru"]["co_quan"],
        "giay_to": ["giay_chung_sinh"],
    }


def unmarried_mother(people: list[Person], skip: int = 0, status: str | None = None) -> Person:
    """A living woman aged 18–45 on 1/7/2026 who is not married in the registry."""
    return find(people, lambda p: p["gioi_tinh"] == "nu" and alive(p)
                and p["tinh_trang_hon_nhan"] != "da_ket_hon"
                and (status is None or p["tinh_trang_hon_nhan"] == status)
                and 18 <= age_on(p, date(2026, 7, 1)) <= 45, skip)


def khai_sinh_for(mother: Person, father: Person | None = None, born: str = "2026-11-01",
                  requester: Person | None = None, quan_he: str = "me",
                  giay_to: tuple[str, ...] = ("giay_chung_sinh",), **extra: Any) -> dict:
    """A birth filing for given parents (the child follows the mother's surname and
    ethnicity, which is lawful whoever the father is)."""
    requester = requester or mother
    return {
        "nguoi_yeu_cau": {**person_ref(requester), "quan_he": quan_he},
        "tre": {"ho_ten": child_name(mother, "Bảo An"), "ngay_sinh": born, "gioi_tinh": "nu",
                "dan_toc": mother["dan_toc"], "quoc_tich": "Việt Nam",
                "noi_sinh": "Bệnh viện Đa khoa tỉnh Gia Lai", "que_quan": "Gia Lai"},
        "me": person_ref(mother),
        "cha": person_ref(father) if father else None,
        "so_ban_sao": 0,
        "co_quan": mother["noi_cu_tru"]["co_quan"],
        "giay_to": list(giay_to),
        **extra,
    }


def khai_tu(people: list[Person], died: str = "2026-11-20", skip: int = 0) -> dict:
    """An elderly living person who dies; the requester is their spouse or child."""
    wife, husband = married_couple(people, skip)
    return {
        "nguoi_yeu_cau": {**person_ref(wife), "quan_he": "vo_chong",
                          "so_dien_thoai": "0912345678"},
        "nguoi_mat": {**person_ref(husband), "ngay_sinh": husband["ngay_sinh"],
                      "ngay_mat": died, "noi_mat": "Tại nhà riêng",
                      "nguyen_nhan": "Bệnh già"},
        "co_quan": husband["noi_cu_tru"]["co_quan"],
        "giay_to": ["giay_bao_tu"],
    }


def single(people: list[Person], sex: str, min_age: int, max_age: int, on: date,
           skip: int = 0) -> Person:
    return find(people, lambda p: p["gioi_tinh"] == sex and alive(p)
                and p["tinh_trang_hon_nhan"] == "doc_than"
                and min_age <= age_on(p, on) <= max_age, skip)


def unrelated(a: Person, b: Person) -> bool:
    """Different households and no kinship that forbids marriage (`tdp.registry.kinship`)."""
    return (a["ma_ho"] != b["ma_ho"]
            and forbidden_kinship(registry(), as_person(a), as_person(b)) is None)


def ket_hon(people: list[Person], on: date = date(2026, 11, 27), skip: int = 0) -> dict:
    man = single(people, "nam", 22, 35, on, skip)
    woman = find(people, lambda p: p["gioi_tinh"] == "nu" and alive(p)
                 and p["tinh_trang_hon_nhan"] == "doc_than"
                 and 20 <= age_on(p, on) <= 33 and unrelated(man, p), skip)
    return {
        "ben_nam": {**person_ref(man), "ngay_sinh": man["ngay_sinh"], "lan_ket_hon": 1},
        "ben_nu": {**person_ref(woman), "ngay_sinh": woman["ngay_sinh"], "lan_ket_hon": 1},
        "co_quan": man["noi_cu_tru"]["co_quan"],
        "giay_to": [],
    }


def xac_nhan_hon_nhan(people: list[Person], muc_dich: str = "vay_von", skip: int = 0) -> dict:
    p = single(people, "nam", 25, 50, date(2026, 11, 27), skip)
    filing: dict[str, Any] = {
        "nguoi_yeu_cau": {**person_ref(p), "ngay_sinh": p["ngay_sinh"]},
        "muc_dich": muc_dich,
        "co_quan": p["noi_cu_tru"]["co_quan"],
        "giay_to": [],
    }
    if muc_dich == "ket_hon":
        filing["ket_hon_voi"] = {"ho_ten": "Trần Thị Mai", "ngay_sinh": "1998-05-12"}
    if muc_dich == "khac":
        filing["muc_dich_chi_tiet"] = "Bổ sung hồ sơ xin việc"
    return filing


def chung_thuc(people: list[Person], pages: tuple[int, ...] = (5,), copies: int = 1,
               skip: int = 0) -> dict:
    p = find(people, lambda p: alive(p) and p["vneid_muc"] == 2
             and age_on(p, date(2026, 11, 27)) >= 18, skip)
    return {
        "nguoi_yeu_cau": person_ref(p),
        "giay_to_chung_thuc": [{"ten": f"Giấy tờ {i + 1}", "so_trang": n, "so_ban": copies}
                               for i, n in enumerate(pages)],
        "co_quan": "thong_nhat",
        "giay_to": ["ban_chup_ban_chinh"],
    }


def trich_luc(people: list[Person], su_kien: str = "khai_sinh", so_ban: int = 1,
              skip: int = 0) -> dict:
    """A copy of one's own extract: a married adult asks for their birth or marriage."""
    wife, _ = married_couple(people, skip)
    return trich_luc_for(wife, wife, "ban_than", su_kien, so_ban)


def trich_luc_for(subject: Person, requester: Person, quan_he: str, su_kien: str,
                  so_ban: int = 1, co_quan: str = "thong_nhat",
                  giay_to: tuple[str, ...] = ()) -> dict:
    """A `trich_luc_ban_sao` filing for given people."""
    return {
        "nguoi_yeu_cau": {**person_ref(requester), "quan_he": quan_he},
        "su_kien": su_kien,
        "nguoi_duoc_cap": person_ref(subject),
        "so_ban": so_ban,
        "co_quan": co_quan,
        "giay_to": list(giay_to),
    }


VALID = {
    "trich_luc_ban_sao": trich_luc,
    "khai_sinh": khai_sinh,
    "khai_tu": khai_tu,
    "ket_hon": ket_hon,
    "xac_nhan_hon_nhan": xac_nhan_hon_nhan,
    "chung_thuc_ban_sao_dien_tu": chung_thuc,
}


# --- Helpers for the rule tests in tests/engine ---------------------------------------------
# Appended; the builders above are unchanged. People are always found by what they are
# (sex, status, age on a date, family links), never by a fixed number, so the tests follow
# the registry generator if its output changes.


def by_id(people: list[Person]) -> dict[str, Person]:
    return {p["so_dinh_danh"]: p for p in people}


def born(p: Person) -> date:
    return date.fromisoformat(p["ngay_sinh"])


def birthday_of(p: Person, years: int) -> date:
    """The day `p` turns `years` (29/2 → 1/3 in a common year, as `tdp.registry.ages`)."""
    return ages.birthday(born(p), years)


def not_married(p: Person) -> bool:
    return alive(p) and p["tinh_trang_hon_nhan"] != "da_ket_hon"


def parents_of(p: Person) -> set[str]:
    return {p["so_dinh_danh_cha"], p["so_dinh_danh_me"]} - {None}


def turning(people: list[Person], sex: str, years: int, after: date, skip: int = 0) -> Person:
    """A living single person (not born on 29/2) whose `years`-th birthday is after `after`."""
    return find(people, lambda p: p["gioi_tinh"] == sex and alive(p)
                and p["tinh_trang_hon_nhan"] == "doc_than" and p["ngay_sinh"][5:] != "02-29"
                and birthday_of(p, years) > after, skip)


def partner_for(people: list[Person], other: Person, on: date, min_age: int = 20,
                max_age: int = 40, status: str = "doc_than", skip: int = 0) -> Person:
    """A living person of the other sex, unrelated to `other`, aged min_age–max_age on `on`."""
    sex = "nu" if other["gioi_tinh"] == "nam" else "nam"
    return find(people, lambda p: p["gioi_tinh"] == sex and alive(p)
                and p["tinh_trang_hon_nhan"] == status
                and min_age <= age_on(p, on) <= max_age and unrelated(other, p), skip)


def marriage(man: Person, woman: Person, giay_to: tuple[str, ...] = (),
             co_quan: str | None = None) -> dict:
    """A `ket_hon` filing for two given registry people."""
    return {
        "ben_nam": {**person_ref(man), "ngay_sinh": man["ngay_sinh"], "lan_ket_hon": 1},
        "ben_nu": {**person_ref(woman), "ngay_sinh": woman["ngay_sinh"], "lan_ket_hon": 1},
        "co_quan": co_quan or man["noi_cu_tru"]["co_quan"],
        "giay_to": list(giay_to),
    }


def siblings(people: list[Person], on: date) -> tuple[Person, Person]:
    """A brother (≥ 20 on `on`) and a sister (≥ 18) sharing a parent, neither married."""
    for man in people:
        if man["gioi_tinh"] != "nam" or not not_married(man) or age_on(man, on) < 20:
            continue
        for woman in people:
            if (woman["gioi_tinh"] == "nu" and not_married(woman) and age_on(woman, on) >= 18
                    and parents_of(man) & parents_of(woman)):
                return man, woman
    raise LookupError("no brother and sister of marriageable age in the registry")


def kin_pair(people: list[Person], code: str, on: date, skip: int = 0) -> tuple[Person, Person]:
    """(man, woman), both free to marry on `on`, related as `code` (`tdp.registry.kinship`)."""
    man, woman = samples.kin_pair(registry(), code, on, skip)  # type: ignore[arg-type]
    ids = by_id(people)
    return ids[man.so_dinh_danh], ids[woman.so_dinh_danh]


def parent_and_child(people: list[Person], on: date) -> tuple[Person, Person, Person]:
    """(man, woman, parent): one is the other's parent; neither married; child ≥ 20 on `on`."""
    ids = by_id(people)
    for child in people:
        if not not_married(child) or age_on(child, on) < 20:
            continue
        for pid in sorted(parents_of(child)):
            parent = ids.get(pid)
            if parent and not_married(parent) and parent["gioi_tinh"] != child["gioi_tinh"]:
                pair = (parent, child) if parent["gioi_tinh"] == "nam" else (child, parent)
                return pair[0], pair[1], parent
    raise LookupError("no parent and adult child of the other sex, both unmarried")


def grandparent_and_grandchild(people: list[Person], on: date) -> tuple[Person, Person]:
    """(man, woman): one is the other's grandparent; neither married; the younger ≥ 20."""
    ids = by_id(people)
    for child in people:
        if not not_married(child) or age_on(child, on) < 20:
            continue
        for pid in sorted(parents_of(child)):
            parent = ids.get(pid)
            for gid in sorted(parents_of(parent) if parent else ()):
                gp = ids.get(gid)
                if gp and not_married(gp) and gp["gioi_tinh"] != child["gioi_tinh"]:
                    return (gp, child) if gp["gioi_tinh"] == "nam" else (child, gp)
    raise LookupError("no grandparent and adult grandchild of the other sex, both unmarried")


def with_status(people: list[Person], status: str, sex: str, on: date, min_age: int = 22,
                max_age: int = 60, skip: int = 0) -> Person:
    """A living person with this marital status, aged min_age–max_age on `on`."""
    return find(people, lambda p: p["gioi_tinh"] == sex and alive(p)
                and p["tinh_trang_hon_nhan"] == status
                and min_age <= age_on(p, on) <= max_age, skip)


def xac_nhan_for(p: Person, muc_dich: str = "vay_von", giay_to: tuple[str, ...] = ()) -> dict:
    """A `xac_nhan_hon_nhan` filing for a given requester."""
    filing: dict[str, Any] = {
        "nguoi_yeu_cau": {**person_ref(p), "ngay_sinh": p["ngay_sinh"]},
        "muc_dich": muc_dich,
        "co_quan": p["noi_cu_tru"]["co_quan"],
        "giay_to": list(giay_to),
    }
    if muc_dich == "ket_hon":
        filing["ket_hon_voi"] = {"ho_ten": "Trần Thị Mai", "ngay_sinh": "1998-05-12"}
    if muc_dich == "khac":
        filing["muc_dich_chi_tiet"] = "Bổ sung hồ sơ xin việc"
    return filing


def chung_thuc_for(p: Person, pages: tuple[int, ...] = (5,), copies: int = 1,
                   co_quan: str = "thong_nhat") -> dict:
    """A copy-certification filing for a given requester."""
    return {
        "nguoi_yeu_cau": person_ref(p),
        "giay_to_chung_thuc": [{"ten": f"Giấy tờ {i + 1}", "so_trang": n, "so_ban": copies}
                               for i, n in enumerate(pages)],
        "co_quan": co_quan,
        "giay_to": ["ban_chup_ban_chinh"],
    }


def khai_tu_for(deceased: Person, requester: Person, quan_he: str, died: str) -> dict:
    """A death filing for a given person, made by a given requester."""
    return {
        "nguoi_yeu_cau": {**person_ref(requester), "quan_he": quan_he},
        "nguoi_mat": {**person_ref(deceased), "ngay_sinh": deceased["ngay_sinh"],
                      "ngay_mat": died, "noi_mat": "Tại nhà riêng", "nguyen_nhan": "Bệnh già"},
        "co_quan": deceased["noi_cu_tru"]["co_quan"],
        "giay_to": ["giay_bao_tu"],
    }


def errors_of(result: Any) -> list[tuple[str, str]]:
    """(field, code) of every error of a check or submit result, in order."""
    return [(e.field, e.code) for e in result.errors]


def error_at(result: Any, field: str) -> Any:
    """The one error reported at `field` (fails the test if there is none or several)."""
    found = [e for e in result.errors if e.field == field]
    assert len(found) == 1, f"expected one error at {field}, got {errors_of(result)}"
    assert found[0].message.strip()
    return found[0]


def assert_well_formed(procedure_id: str, result: Any) -> None:
    """Every error names a field of the procedure, has a known code and a filled-in message."""
    import re

    from tdp.catalog import load_catalog

    catalog = load_catalog()
    proc = catalog.procedure(procedure_id)
    assert proc is not None
    for e in result.errors:
        assert proc.field(e.field) is not None, f"{e.field} is not a field of {procedure_id}"
        assert e.code in catalog.messages, f"{e.code} has no Vietnamese wording"
        assert e.message.strip(), f"empty message for {e.field}/{e.code}"
        assert any(ord(c) > 127 for c in e.message), f"not Vietnamese: {e.message!r}"
        placeholders = set(re.findall(r"\{(\w+)\}", catalog.messages[e.code]))
        left = [p for p in placeholders if "{" + p + "}" in e.message]
        assert not left, f"unfilled {left} in {e.message!r}"
    assert result.valid == (not result.errors)


def registry_update(store: Any, so_dinh_danh: str, **changes: Any) -> None:
    """Change one person in this test's own copy of the registry (a fact the generator may
    not produce, e.g. a fee exemption or a family link), in its own transaction."""
    from tdp.registry.store import RegistryRepo

    store.write(lambda session: RegistryRepo(session).update(so_dinh_danh, **changes))
