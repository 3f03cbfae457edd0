"""A trainee's PIN for the "Bài tập" app: whoever picks a name first sets it, and only the
PIN opens that trainee's drafts, submissions and feedback on another phone.

The class list is no login (anyone can pick any name), so without this anyone in the hall
could read someone else's feedback. Only a salted PBKDF2 hash is kept, in the screens'
drafts table under the key `bai_tap:ma_pin`; deleting that draft resets the PIN.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets

from tdp.screens import drafts
from tdp.store import Store

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
