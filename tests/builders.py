"""Valid filings for each procedure, built from real registry people, for tests to break."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

Person = dict[str, Any]


def find(people: list[Person], pred: Callable[[Person], bool], skip: int = 0) -> Person:
    matches = [p for p in people if pred(p)]
    if len(matches) <= skip:
        raise LookupError("no registry person fits this test")
    return matches[skip]


def age_on(p: Person, on: date) -> int:
    born = date.fromisoformat(p["ngay_sinh"])
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def alive(p: Person) -> bool:
    return p["con_song"]


def married_couple(people: list[Person], skip: int = 0) -> tuple[Person, Person]:
    """A living married woman aged 20–40 and her living husband."""
    by_id = {p["so_dinh_danh"]: p for p in people}
    wife = find(people, lambda p: p["gioi_tinh"] == "nu" and alive(p)
                and p["tinh_trang_hon_nhan"] == "da_ket_hon"
                and 20 <= age_on(p, date(2026, 7, 1)) <= 40
                and bool(p["so_dinh_danh_vo_chong"])
                and by_id[p["so_dinh_danh_vo_chong"]]["con_song"], skip)
    return wife, by_id[wife["so_dinh_danh_vo_chong"]]


def person_ref(p: Person) -> dict[str, str]:
    return {"ho_ten": p["ho_ten"], "so_dinh_danh": p["so_dinh_danh"]}


def khai_sinh(people: list[Person], born: str = "2026-11-01", skip: int = 0) -> dict:
    mother, father = married_couple(people, skip)
    return {
        "nguoi_yeu_cau": {**person_ref(mother), "quan_he": "me", "so_dien_thoai": "0912345678"},
        "tre": {"ho_ten": "Nguyễn Minh Khang", "ngay_sinh": born, "gioi_tinh": "nam",
                "dan_toc": "Kinh", "quoc_tich": "Việt Nam",
                "noi_sinh": "Bệnh viện Đa khoa tỉnh Gia Lai", "que_quan": "Gia Lai"},
        "me": person_ref(mother),
        "cha": person_ref(father),
        "so_ban_sao": 1,
        "co_quan": mother["noi_cu_tru"]["co_quan"],
        "giay_to": ["giay_chung_sinh"],
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
    pa = {a["so_dinh_danh_cha"], a["so_dinh_danh_me"]} - {None}
    pb = {b["so_dinh_danh_cha"], b["so_dinh_danh_me"]} - {None}
    return not (pa & pb) and a["ma_ho"] != b["ma_ho"]


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
        "co_quan": "yen_the",
        "giay_to": ["ban_chup_ban_chinh"],
    }


VALID = {
    "khai_sinh": khai_sinh,
    "khai_tu": khai_tu,
    "ket_hon": ket_hon,
    "xac_nhan_hon_nhan": xac_nhan_hon_nhan,
    "chung_thuc_ban_sao_dien_tu": chung_thuc,
}
