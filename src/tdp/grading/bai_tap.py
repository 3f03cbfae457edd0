"""What the exercise notebooks (solutions/, exercises/) call: a thin layer over the engine.

Trainees are not programmers: they type plain values (`"15/02/2027"`, `"khai_sinh"`); the
tests hand them to the engine through these helpers. Sample people are *found* in the
synthetic registry by what the exercise needs (a married mother, an elderly resident …), so
the exercises keep working when the registry's generator changes.

The exercises only ever *check* filings (nothing is recorded), against their own store
(`var/bai_tap.sqlite`, or `TDP_BAI_TAP_DATABASE_URL`), so filings made elsewhere in the
course never change an exercise's answer.
"""

from __future__ import annotations

import os
from datetime import date, datetime
from functools import lru_cache
from typing import Any

from tdp.catalog import load_catalog
from tdp.dates import format_screen_date, parse_iso_date, parse_money, parse_screen_date
from tdp.paths import var_dir
from tdp.registry.person import Person

__all__ = [
    "chu_cai", "co_khong", "ds_loi", "dung", "kiem_tra", "lich", "ma_loi", "ma_thu_tuc", "ngay",
    "ngay_nhap", "nguoi_mau", "phieu", "so_nguyen", "so_tien", "thu_tuc_ten", "van_ban", "vneid",
]


def _store():
    from tdp.paths import bai_tap_database_url
    from tdp.store import open_store

    return open_store(bai_tap_database_url())


@lru_cache(maxsize=1)
def _people() -> tuple[Person, ...]:
    from tdp.engine import ensure_registry
    from tdp.registry.store import RegistryRepo

    store = _store()
    ensure_registry(store, load_catalog())
    with store.reading() as session:
        people = RegistryRepo(session).all()
    return tuple(sorted(people, key=lambda p: p.so_dinh_danh))


def _age(p: Person, on: date) -> int:
    born = parse_iso_date(p.ngay_sinh)
    assert born is not None
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def _by_id() -> dict[str, Person]:
    return {p.so_dinh_danh: p for p in _people()}


def _related(a: Person, b: Person) -> bool:
    parents_a = {a.so_dinh_danh_cha, a.so_dinh_danh_me} - {None}
    parents_b = {b.so_dinh_danh_cha, b.so_dinh_danh_me} - {None}
    return (a.ma_ho == b.ma_ho or bool(parents_a & parents_b)
            or a.so_dinh_danh in parents_b or b.so_dinh_danh in parents_a)


_ON = date(2027, 1, 1)  # the exercises' "today": ages are taken on this day


def _find(role: str) -> Person | tuple[Person, ...]:
    people = _people()
    ids = _by_id()
    alive = [p for p in people if p.con_song]
    if role in ("me_tre", "cha_tre"):
        for p in alive:
            spouse = ids.get(p.so_dinh_danh_vo_chong or "")
            if (p.gioi_tinh == "nu" and p.noi_cu_tru.co_quan == "thong_nhat"
                    and p.tinh_trang_hon_nhan == "da_ket_hon" and 22 <= _age(p, _ON) <= 38
                    and spouse is not None and spouse.con_song and spouse.gioi_tinh == "nam"):
                return p if role == "me_tre" else spouse
    if role in ("nguoi_mat", "con_nguoi_mat"):
        for p in alive:
            if p.noi_cu_tru.co_quan != "pleiku" or _age(p, _ON) < 70:
                continue
            children = [c for c in alive if p.so_dinh_danh in (c.so_dinh_danh_cha,
                                                                  c.so_dinh_danh_me)
                        and _age(c, _ON) >= 18]
            if children:
                return p if role == "nguoi_mat" else children[0]
    if role in ("ben_nam", "ben_nu"):
        men = [p for p in alive if p.gioi_tinh == "nam" and p.tinh_trang_hon_nhan == "doc_than"
               and 23 <= _age(p, _ON) <= 35 and p.noi_cu_tru.co_quan == "thong_nhat"]
        women = [p for p in alive if p.gioi_tinh == "nu" and p.tinh_trang_hon_nhan == "doc_than"
                 and 21 <= _age(p, _ON) <= 33 and p.noi_cu_tru.co_quan == "pleiku"]
        for man in men:
            for woman in women:
                if not _related(man, woman):
                    return man if role == "ben_nam" else woman
    if role == "nam_17_tuoi":
        for p in alive:
            if (p.gioi_tinh == "nam" and p.tinh_trang_hon_nhan == "doc_than"
                    and 17 <= _age(p, _ON) < 19 and p.noi_cu_tru.co_quan == "thong_nhat"):
                return p
    if role == "da_ket_hon":
        for p in alive:
            if p.tinh_trang_hon_nhan == "da_ket_hon" and p.noi_cu_tru.co_quan == "thong_nhat" \
                    and 30 <= _age(p, _ON) <= 60:
                return p
    if role == "doc_than":
        for p in alive:
            if p.tinh_trang_hon_nhan == "doc_than" and p.noi_cu_tru.co_quan == "pleiku" \
                    and 20 <= _age(p, _ON) <= 40:
                return p
    if role.startswith("vneid_"):
        level = int(role.rsplit("_", 1)[1])
        for p in alive:
            if p.vneid_muc == level and _age(p, _ON) >= 18:
                return p
    raise LookupError(f"Sổ dân cư mô phỏng không có người phù hợp vai '{role}'")


def _cache_file():
    return var_dir() / "bai_tap_mau.json"


def _cached(role: str) -> Person | None:
    """A role found before (searching the whole registry takes seconds in every kernel),
    if that person is still in the registry unchanged."""
    import json

    from tdp.registry.person import Residence
    from tdp.registry.store import RegistryRepo

    try:
        data = json.loads(_cache_file().read_text(encoding="utf-8"))[role]
    except (OSError, ValueError, KeyError):
        return None
    try:
        with _store().reading() as session:
            current = RegistryRepo(session).get(data["so_dinh_danh"])
    except Exception:  # noqa: BLE001 - no store yet: search instead
        return None
    data = dict(data, noi_cu_tru=Residence(**data["noi_cu_tru"]))
    data.pop("mat_khau_tap_huan", None)
    if current is None:
        return None
    if current.to_json() != Person(**data, mat_khau_tap_huan=current.mat_khau_tap_huan).to_json():
        return None
    return current


def _remember(role: str, person: Person) -> None:
    import json

    path = _cache_file()
    try:
        cache = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        cache = {}
    cache[role] = person.to_json()
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_text(json.dumps(cache, ensure_ascii=False), encoding="utf-8")
    tmp.replace(path)


def nguoi_mau(role: str) -> Person:
    """The sample person who plays `role` in an exercise (always the same one)."""
    person = _cached(role)
    if person is None:
        found = _find(role)
        assert isinstance(found, Person)
        person = found
        _remember(role, person)
    return person


def phieu(p: Person) -> None:
    """Print a person's card, as a volunteer would read it off the resident's papers."""
    commune = load_catalog().wards.commune(p.noi_cu_tru.co_quan)
    born = parse_iso_date(p.ngay_sinh)
    lines = [
        f"  Họ và tên:        {p.ho_ten}",
        f"  Số định danh:     {p.so_dinh_danh}",
        f"  Ngày sinh:        {format_screen_date(born) if born else p.ngay_sinh}",
        f"  Giới tính:        {'Nam' if p.gioi_tinh == 'nam' else 'Nữ'}",
        f"  Nơi cư trú:       {p.noi_cu_tru.dia_chi}, {commune.name if commune else ''}"
        f" (mã: {p.noi_cu_tru.co_quan})",
        f"  Tài khoản VNeID:  {'chưa có' if p.vneid_muc == 0 else f'mức {p.vneid_muc}'}",
    ]
    print("\n".join(lines))


_MARITAL = {"doc_than": "Chưa kết hôn", "da_ket_hon": "Đã kết hôn", "ly_hon": "Đã ly hôn",
            "goa": "Vợ/chồng đã mất"}  # also in lessons/portal.py: one vocabulary is due


def vneid(p: Person) -> None:
    """Print what the resident's VNeID app shows (the căn cước card prints no marital
    status; the app does, from the national population database)."""
    print("\n".join([
        "  Ứng dụng VNeID — Thông tin công dân",
        f"  Họ và tên:            {p.ho_ten}",
        f"  Tình trạng hôn nhân:  {_MARITAL.get(p.tinh_trang_hon_nhan, p.tinh_trang_hon_nhan)}",
    ]))


def ngay(text: Any) -> date | None:
    """A date as typed on screen (`15/02/2027`, `15/2/2027`) or as the portal's data writes
    it (`2027-02-15`); None if it is not one."""
    if isinstance(text, date):
        return text
    return parse_screen_date(text) or parse_iso_date(text)


def _to_data(value: Any) -> Any:
    """Screen dates typed by a trainee become the ISO dates the engine's data uses."""
    if isinstance(value, dict):
        return {k: _to_data(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_to_data(v) for v in value]
    if isinstance(value, str):
        day = parse_screen_date(value)
        if day is not None:
            return day.isoformat()
    return value


def kiem_tra(procedure_id: str, ho_so: Any, luc: datetime):
    """The portal's answer (`valid`, `errors`, `fee`, `late`, `appointment`) for a filing
    typed with screen dates, submitted at `luc`. Records nothing."""
    from tdp.engine import check

    _people()  # seeded
    return check(procedure_id, _to_data(ho_so), luc, store=_store())


def ds_loi(result) -> str:
    """The portal's error messages, one per line, for an assert message."""
    return "\n".join(f"  - {e.message}" for e in result.errors) or "  (không có lỗi)"


def ma_loi(result) -> set[str]:
    """The error codes the portal reported."""
    return {e.code for e in result.errors}


def lich():
    """The commune office's working calendar (holidays, day 0, appointment dates)."""
    return load_catalog().calendar


def thu_tuc_ten(procedure_id: str) -> str:
    proc = load_catalog().procedure(procedure_id)
    return proc.name if proc else procedure_id


# --- the answer checks' first lines: one per answer type (tdp.grading.answer_types) -----
# Each turns what the trainee typed into a value, or fails with the Vietnamese sentence
# that says what to type. The check cells call them; nothing else parses an answer.

_EMPTY = "Anh/chị chưa trả lời câu này."


def _text(value: Any) -> str:
    return " ".join(value.split()) if isinstance(value, str) else ""


def ma_thu_tuc(value: Any) -> str:
    """A procedure code of the catalog."""
    text = _text(value)
    assert text, _EMPTY + " Gõ mã thủ tục, ví dụ khai_sinh."
    procedures = load_catalog().procedures
    assert text in procedures, (
        f"Không có thủ tục mã '{text}'. Các mã: {', '.join(sorted(procedures))}.")
    return text


def chu_cai(value: Any, letters: str) -> str:
    """One of the letters of a multiple-choice question."""
    text = _text(value).upper().rstrip(".")
    shown = ", ".join(letters[:-1]) + f" hoặc {letters[-1]}"
    assert text, f"{_EMPTY} Chọn một chữ cái: {shown}."
    assert len(text) == 1 and text in letters, (
        f"'{_text(value)}' không phải một lựa chọn. Chọn một chữ cái: {shown}.")
    return text


def co_khong(value: Any) -> bool:
    """"có" → True, "không" → False (accents and case do not matter)."""
    if isinstance(value, bool):
        return value
    from tdp.text import fold_diacritics

    text = fold_diacritics(_text(value))
    assert text, _EMPTY + ' Trả lời "có" hoặc "không".'
    assert text in ("co", "khong"), f"'{_text(value)}': trả lời \"có\" hoặc \"không\"."
    return text == "co"


def so_nguyen(value: Any) -> int:
    """A whole number (a count of days, a level)."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    text = _text(value)
    assert text, _EMPTY + " Gõ một con số, ví dụ 5."
    assert text.isascii() and text.isdigit(), f"'{text}' chưa phải một con số. Ví dụ: 5."
    return int(text)


def so_tien(value: Any) -> int:
    """An amount in đồng, in any form a Vietnamese user types it (7000, 7.000 đ, 7 nghìn)."""
    assert value not in (None, ""), _EMPTY + " Gõ số tiền, ví dụ 7.000 đ."
    amount = parse_money(value)
    assert amount is not None, (
        f"'{value}' chưa phải một số tiền. Ví dụ: 7000, 7.000, 7.000 đ hoặc 7 nghìn.")
    return amount


def ngay_nhap(value: Any) -> date:
    """A date typed day/month/year (d/m/yyyy accepted)."""
    assert _text(value), _EMPTY + " Gõ ngày theo dạng ngày/tháng/năm, ví dụ 15/02/2027."
    day = ngay(value)
    assert day is not None, (
        f"'{value}' chưa phải một ngày: viết theo dạng ngày/tháng/năm, ví dụ 15/02/2027.")
    return day


def van_ban(value: Any) -> str:
    """A short text answer."""
    text = _text(value)
    assert text, _EMPTY
    return text


def dung(da_cham_het: bool = True) -> None:
    """The last line of every check cell: it runs only when every assert above passed.

    A released check has no hidden tests (`da_cham_het` stays False there): its pass means
    the answer has the right form, and the trainee is told that the rest is graded later."""
    if da_cham_het:
        print("Đúng.")
    else:
        print("Đúng dạng câu trả lời. Đáp án được chấm khi anh/chị nộp bài.")
