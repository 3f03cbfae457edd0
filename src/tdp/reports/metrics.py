"""The figures of the support reports, and the records frame prepared once to count them.

Definitions (also printed in the report):

- a *lượt hỗ trợ* (support visit) is one record of the log: one resident helped with one
  procedure (or one VNeID install) on one day, whatever the outcome. "Residents served" counts
  these visits: the log keeps no identity of the resident (on purpose), so a resident helped
  with two procedures counts twice;
- *hồ sơ đã nộp*: visits whose outcome is `da_nop` (the filing was submitted);
- *ngày công tình nguyện* (volunteer days): distinct (volunteer, date) pairs; names compare
  NFC-, case- and space-insensitively;
- the change is this month minus the previous calendar month, and the percentage of the
  previous month's figure when that is not zero.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tdp.support.choices import Choice
from tdp.text import name_key

if TYPE_CHECKING:
    import pandas as pd

METRICS: dict[str, str] = {
    "luot_ho_tro": "Lượt người dân được hỗ trợ",
    "da_nop": "Trong đó: hồ sơ đã nộp",
    "ngay_cong": "Ngày công tình nguyện (người × ngày)",
    "tinh_nguyen_vien": "Số tình nguyện viên tham gia",
    "ngay_hoat_dong": "Số ngày có hoạt động hỗ trợ",
}
"""The headline figures, in report order, with their Vietnamese names."""

DEFINITIONS = (
    "Mỗi lượt hỗ trợ là một người dân được hỗ trợ một thủ tục (hoặc cài VNeID) trong một ngày, "
    "bất kể kết quả; ngày công tình nguyện là số cặp (tình nguyện viên, ngày) khác nhau."
)
SUBMITTED = "da_nop"
TREND_MONTHS = 6


def change(current: int, previous: int) -> dict[str, Any]:
    pct = round((current - previous) * 100 / previous, 1) if previous else None
    return {"thang": current, "thang_truoc": previous, "thay_doi": current - previous,
            "ti_le_phan_tram": pct}


def format_change(current: int, previous: int) -> str:
    """'+2 (+20%)', '-1 (-10%)', '0', '+3' (no percentage from zero)."""
    diff = current - previous
    text = f"{diff:+d}" if diff else "0"
    if previous and diff:
        pct = (current - previous) * 100 / previous
        text += f" ({pct:+.0f}%)"
    return text


def volunteer_keys(names: pd.Series) -> pd.Series:
    """Each volunteer name in the form under which two spellings compare equal."""
    uniques = names.dropna().unique()
    return names.map({n: name_key(n) for n in uniques})


def ordered(choice: Choice, present: Any) -> list[str]:
    """The choice's ids in order, then any id found in the data but no longer in the list."""
    ids = choice.ids
    extra = sorted(set(present) - set(ids))
    return ids + extra


def with_dates(frame: pd.DataFrame) -> pd.DataFrame:
    import pandas as pd

    if not pd.api.types.is_datetime64_any_dtype(frame["ngay"]):
        frame = frame.assign(ngay=pd.to_datetime(frame["ngay"]))
    return frame


def prepare(frame: pd.DataFrame) -> pd.DataFrame:
    """Add what every report needs to a records frame once: `_m` (month index), `_tnv`
    (volunteer name key), `_nop` (submitted)."""
    frame = with_dates(frame)
    return frame.assign(
        _m=frame["ngay"].dt.year * 12 + frame["ngay"].dt.month - 1,
        _tnv=volunteer_keys(frame["tinh_nguyen_vien"]),
        _nop=frame["ket_qua"] == SUBMITTED,
    )
