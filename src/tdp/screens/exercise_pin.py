"""A trainee's PIN for the "Bài tập" app: whoever picks a name first sets it, and only the
PIN opens that trainee's drafts, submissions and feedback on another phone.

The class list is no login (anyone can pick any name), so without this anyone in the hall
could read someone else's feedback. Only a salted PBKDF2 hash is kept, in the screens'
drafts table under the key `bai_tap:ma_pin`. A trainee who forgot it asks the trainer, who
resets it (`tdp class pin NAME --dat-lai`, `reset_trainee_pin`): only that row goes, so the
next visit asks for a new PIN and the drafts and submissions are still theirs.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from tdp.classlist import Trainee, find_trainee, require_trainees
from tdp.dates import parse_at
from tdp.errors import InputError
from tdp.screens import drafts
from tdp.store import Store, open_store

KEY = "bai_tap:ma_pin"
ROUNDS = 200_000
_PIN = re.compile(r"[0-9]{4,6}")


def pin_problem(pin: str) -> str | None:
    """Why a new PIN is refused (a Vietnamese sentence), or None."""
    return None if _PIN.fullmatch(pin.strip()) else "Mã PIN gồm 4 đến 6 chữ số."


def _digest(pin: str, salt: str) -> str:
    return hashlib.pbkdf2_hmac("sha256", pin.strip().encode(), bytes.fromhex(salt),
                               ROUNDS).hex()


def has_pin(owner: str, store: Store) -> bool:
    return drafts.load_draft(owner, KEY, store) is not None


def set_pin(owner: str, pin: str, store: Store) -> None:
    salt = secrets.token_hex(16)
    drafts.save_draft(owner, KEY, {"salt": salt, "hash": _digest(pin, salt)}, store)


def pin_matches(owner: str, pin: str, store: Store) -> bool:
    saved = drafts.load_draft(owner, KEY, store) or {}
    if "salt" not in saved or "hash" not in saved:
        return False
    return hmac.compare_digest(_digest(pin, saved["salt"]), saved["hash"])


def pin_set_at(owner: str, store: Store) -> datetime | None:
    """When the PIN was set (local time), or None when there is none."""
    return next((parse_at(at) for key, at in drafts.list_drafts(owner, store) if key == KEY),
                None)


def reset_pin(owner: str, store: Store) -> bool:
    """Forget `owner`'s PIN, so that the next visit asks for a new one. Only the PIN's row
    goes: the drafts of the exercises and the submissions stay. False when there was none."""
    if not has_pin(owner, store):
        return False
    drafts.delete_draft(owner, KEY, store)
    return True


@dataclass(frozen=True)
class PinStatus:
    trainee: Trainee
    set_at: datetime | None  # when the PIN (still) in force was set; None: none (any more)
    reset: bool = False  # True when this call removed a PIN


def _trainee(who: str, class_list: Path | None) -> Trainee:
    trainee = find_trainee(require_trainees(class_list), who)
    if trainee is None:
        raise InputError(f"Không có học viên '{who.strip()}' trong danh sách lớp: ghi họ và "
                         "tên hoặc mã học viên đúng như trong danh sách lớp (course/trainees.csv)")
    return trainee


def trainee_pin(who: str, *, reset: bool = False, store: Store | None = None,
                class_list: Path | None = None) -> PinStatus:
    """The PIN of the trainee `who` (a name or an id of the class list) — set or not — and,
    with `reset`, reset it. An unknown name is an `InputError` (in Vietnamese)."""
    trainee = _trainee(who, class_list)
    store = store or open_store()
    if reset:
        return PinStatus(trainee, None, reset_pin(trainee.id, store))
    return PinStatus(trainee, pin_set_at(trainee.id, store))
