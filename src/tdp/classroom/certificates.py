"""Certificates of completion: who earned one (attendance and the trainer's pass mark from
`course/khoa_hoc.yaml`), and a verification code nobody can forge or alter.

Each certificate has a number kept per trainee in `var/certificates.json`; its code is the
number and an HMAC-SHA256 of what the certificate says (number, id, name, ward, dates,
course), keyed with a secret made once in `var/certificate.key`. `verify` recomputes it:
a changed character of the code, or a changed line of the register, is refused.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import re
import secrets
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from tdp.classlist import Trainee
from tdp.classroom.attendance import read_attendance
from tdp.classroom.course_info import CourseInfo
from tdp.classroom.papertest import read_scores
from tdp.paths import var_dir

CODE_PATTERN = re.compile(r"^TDP-(\d{4,})-([A-Z2-7]{4})-([A-Z2-7]{4})-([A-Z2-7]{4})$")


@dataclass(frozen=True)
class Standing:
    """Where one trainee stands against the certificate rule."""

    member: Trainee
    sessions: int
    exercises: float  # share of the exercise points (0–1)
    post_test: float  # share of the post-test points (0–1)
    mark: float  # weighted, out of 100
    eligible: bool
    reason: str  # why not, in Vietnamese ("" when eligible)


def standings(members: list[Trainee], info: CourseInfo,
              exercise_shares: dict[str, float]) -> list[Standing]:
    """Each trainee's sessions attended, exercise and post-test shares, weighted mark."""
    rule = info.chung_nhan
    attended = read_attendance()
    post = read_scores("post") or {"so_cau": 1, "hoc_vien": {}}
    out = []
    for m in members:
        sessions = len({s for s in attended.get(m.id, set()) if 1 <= s <= info.sessions})
        test = post["hoc_vien"].get(m.id)
        post_share = test["diem"] / post["so_cau"] if test else 0.0
        ex_share = exercise_shares.get(m.id, 0.0)
        mark = round(rule.trong_so.bai_tap * ex_share
                     + rule.trong_so.kiem_tra_cuoi_khoa * post_share, 1)
        reasons = []
        if sessions < rule.so_buoi_toi_thieu:
            reasons.append(f"có mặt {sessions}/{info.sessions} buổi "
                           f"(cần {rule.so_buoi_toi_thieu})")
        if mark < rule.diem_dat:
            reasons.append(f"điểm {mark:g}/100 (cần {rule.diem_dat:g})")
        out.append(Standing(m, sessions, ex_share, post_share, mark, not reasons,
                            "; ".join(reasons)))
    return out


# --- codes -------------------------------------------------------------------------------


def _key_file() -> Path:
    return var_dir() / "certificate.key"


def _register_file() -> Path:
    return var_dir() / "certificates.json"


def secret() -> bytes:
    """The signing secret, made on first use and readable by its owner only."""
    path = _key_file()
    if not path.is_file():
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_hex(32))
    return bytes.fromhex(path.read_text().strip())


def _register() -> dict[str, Any]:
    path = _register_file()
    if not path.is_file():
        return {"giay_chung_nhan": {}}
    return json.loads(path.read_text(encoding="utf-8"))


def _save_register(data: dict[str, Any]) -> None:
    path = _register_file()
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    tmp.replace(path)


def _payload(number: int, record: dict[str, str]) -> bytes:
    fields = ("ma_hoc_vien", "ho_ten", "xa_phuong", "tu_ngay", "den_ngay", "khoa_hoc")
    return "\x1f".join([str(number), *(record.get(f, "") for f in fields)]).encode("utf-8")


def make_code(number: int, record: dict[str, str], key: bytes | None = None) -> str:
    """`TDP-0007-ABCD-EFGH-IJKL`: the number and 60 bits of the HMAC, in base32 (no 0/1/8/9
    to mistake for O/I/B/g when typed from paper)."""
    mac = hmac.new(key or secret(), _payload(number, record), hashlib.sha256).digest()
    text = base64.b32encode(mac).decode()[:12]
    return f"TDP-{number:04d}-{text[:4]}-{text[4:8]}-{text[8:]}"


def issue(member: Trainee, info: CourseInfo, issued_on: date) -> tuple[int, str]:
    """The certificate number of `member` (kept from an earlier printing) and its code."""
    register = _register()
    book = register["giay_chung_nhan"]
    number = next((int(n) for n, r in book.items() if r["ma_hoc_vien"] == member.id), None)
    if number is None:
        number = max((int(n) for n in book), default=0) + 1
    record = {
        "ma_hoc_vien": member.id, "ho_ten": member.name, "xa_phuong": member.ward_name,
        "tu_ngay": info.buoi_hoc[0].isoformat(), "den_ngay": info.buoi_hoc[-1].isoformat(),
        "khoa_hoc": info.ten_khoa_hoc, "ngay_cap": issued_on.isoformat(),
    }
    book[str(number)] = record
    _save_register(register)
    return number, make_code(number, record)


@dataclass(frozen=True)
class Verdict:
    genuine: bool
    message: str
    record: dict[str, str] | None = None


def verify(code: str) -> Verdict:
    """Whether `code` is the code of a certificate this course issued, and whose."""
    text = re.sub(r"\s+", "", code).upper()
    match = CODE_PATTERN.match(text)
    if not match:
        return Verdict(False, f"Mã '{code}' không đúng dạng TDP-0000-XXXX-XXXX-XXXX: "
                       "không phải giấy chứng nhận của khóa học")
    number = int(match.group(1))
    record = _register()["giay_chung_nhan"].get(str(number))
    if record is None or not _key_file().is_file():
        return Verdict(False, f"Không có giấy chứng nhận số {number:04d}: mã không hợp lệ")
    if not hmac.compare_digest(make_code(number, record), text):
        return Verdict(False, "Mã không khớp với giấy chứng nhận đã cấp: giấy bị sửa hoặc "
                       "giả mạo")
    return Verdict(True, f"Giấy chứng nhận số {number:04d} là thật: {record['ho_ten']}"
                   + (f", {record['xa_phuong']}" if record.get("xa_phuong") else "")
                   + f", cấp ngày {date.fromisoformat(record['ngay_cap']):%d/%m/%Y}", record)
