"""The monthly support report a ward secretary sends up, computed with pandas.

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

import re
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from tdp.errors import InputError
from tdp.support.choices import Choice, SupportChoices
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


@dataclass(frozen=True, order=True)
class Month:
    year: int
    month: int

    @classmethod
    def parse(cls, text: str) -> Month:
        """`YYYY-MM`; anything else → `InputError` (one Vietnamese line)."""
        m = re.fullmatch(r"\s*([0-9]{4})-([0-9]{1,2})\s*", text or "")
        if not m or not 1 <= int(m.group(2)) <= 12 or int(m.group(1)) < 1900:
            raise InputError(f"Tháng '{text}' không hợp lệ: dùng dạng YYYY-MM, ví dụ 2025-03")
        return cls(int(m.group(1)), int(m.group(2)))

    def shift(self, months: int) -> Month:
        index = self.year * 12 + self.month - 1 + months
        return Month(index // 12, index % 12 + 1)

    @property
    def first_day(self) -> date:
        return date(self.year, self.month, 1)

    @property
    def last_day(self) -> date:
        return date.fromordinal(self.shift(1).first_day.toordinal() - 1)

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    @property
    def label(self) -> str:
        """'03/2025', as Vietnamese reports write a month."""
        return f"{self.month:02d}/{self.year:04d}"


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


def _metrics(frame: pd.DataFrame) -> dict[str, int]:
    if frame.empty:
        return dict.fromkeys(METRICS, 0)
    keys = frame["_tnv"]
    return {
        "luot_ho_tro": int(len(frame)),
        "da_nop": int((frame["ket_qua"] == SUBMITTED).sum()),
        "ngay_cong": int(len(frame.assign(_k=keys).drop_duplicates(["_k", "ngay"]))),
        "tinh_nguyen_vien": int(keys.nunique()),
        "ngay_hoat_dong": int(frame["ngay"].nunique()),
    }


def _ordered(choice: Choice, present: Any) -> list[str]:
    """The choice's ids in order, then any id found in the data but no longer in the list."""
    ids = choice.ids
    extra = sorted(set(present) - set(ids))
    return ids + extra


def _counts(cur: pd.DataFrame, prev: pd.DataFrame, column: str, choice: Choice) -> pd.DataFrame:
    import pandas as pd

    order = _ordered(choice, set(cur[column]) | set(prev[column]))
    table = pd.DataFrame({
        "thang": cur[column].value_counts().reindex(order, fill_value=0),
        "thang_truoc": prev[column].value_counts().reindex(order, fill_value=0),
    }).astype("int64")
    table["thay_doi"] = table["thang"] - table["thang_truoc"]
    table.index.name = column
    return table


@dataclass
class MonthlyReport:
    """One ward's (or one residential group's) month. Tables are indexed by ids; `choices`
    gives their Vietnamese labels."""

    ward: str
    ward_name: str
    month: Month
    group: str | None
    group_name: str | None
    metrics: dict[str, int]
    previous: dict[str, int]
    by_procedure: pd.DataFrame  # procedures × channels, + tong, thang_truoc, thay_doi
    by_channel: pd.DataFrame  # thang, thang_truoc, thay_doi
    by_outcome: pd.DataFrame
    by_age_group: pd.DataFrame
    trend: pd.DataFrame  # index 'YYYY-MM' (oldest first), columns = METRICS
    records: pd.DataFrame  # this month's records
    choices: SupportChoices = field(repr=False)

    @property
    def place(self) -> str:
        return f"{self.group_name}, {self.ward_name}" if self.group_name else self.ward_name

    @property
    def title(self) -> str:
        return f"{self.place} — tháng {self.month.label}"

    def to_json(self) -> dict[str, Any]:
        c = self.choices

        def rows(table: pd.DataFrame, choice: Choice, key: str) -> list[dict[str, Any]]:
            out = []
            for ident, row in table.iterrows():
                item = {key: ident, "ten": choice.label(str(ident))}
                item.update({str(k): int(v) for k, v in row.items()})
                out.append(item)
            return out

        channels = list(self.by_channel.index)
        procedures = []
        for ident, row in self.by_procedure.iterrows():
            procedures.append({
                "thu_tuc": ident,
                "ten": c.procedures.label(str(ident)),
                "theo_hinh_thuc": {ch: int(row[ch]) for ch in channels},
                "thang": int(row["tong"]),
                "thang_truoc": int(row["thang_truoc"]),
                "thay_doi": int(row["thay_doi"]),
            })
        return {
            "xa_phuong": self.ward,
            "ten_xa_phuong": self.ward_name,
            "to_dan_pho": self.group,
            "ten_to_dan_pho": self.group_name,
            "thang": str(self.month),
            "thang_truoc": str(self.month.shift(-1)),
            "dinh_nghia": DEFINITIONS,
            "chi_so": {
                k: {"ten": METRICS[k], **change(self.metrics[k], self.previous[k])}
                for k in METRICS
            },
            "theo_thu_tuc": procedures,
            "theo_hinh_thuc": rows(self.by_channel, c.channels, "hinh_thuc"),
            "theo_ket_qua": rows(self.by_outcome, c.outcomes, "ket_qua"),
            "theo_nhom_tuoi": rows(self.by_age_group, c.age_groups, "nhom_tuoi"),
            "xu_huong": [
                {"thang": m, **{k: int(v) for k, v in row.items()}}
                for m, row in self.trend.iterrows()
            ],
        }

    def to_text(self) -> str:
        from tdp.reports.text import render_text

        return render_text(self)


def _prepare(frame: pd.DataFrame) -> pd.DataFrame:
    import pandas as pd

    if not pd.api.types.is_datetime64_any_dtype(frame["ngay"]):
        frame = frame.assign(ngay=pd.to_datetime(frame["ngay"]))
    return frame


def resolve_ward(choices: SupportChoices, ward: str) -> str:
    found = choices.communes.resolve(ward)
    if found is None:
        known = ", ".join(choices.communes.ids)
        raise InputError(f"Không có xã, phường '{ward}'. Dùng một trong: {known}")
    return found


def resolve_group(choices: SupportChoices, ward: str, group: str) -> str:
    groups = choices.groups(ward)
    found = groups.resolve(group)
    if found is None:
        known = ", ".join(groups.ids)
        raise InputError(
            f"{choices.communes.label(ward)} không có tổ dân phố '{group}'. Dùng một trong: {known}"
        )
    return found


def monthly_report(
    frame: pd.DataFrame,
    ward: str,
    month: Month | str,
    *,
    group: str | None = None,
    choices: SupportChoices | None = None,
) -> MonthlyReport:
    """The report of `ward` (id or name) for `month` ('YYYY-MM' or `Month`) from a records
    frame (`tdp.support.records_frame()`; it may hold other wards and months). `group`
    narrows it to one residential group. Unknown ward or group, bad month → `InputError`."""
    import pandas as pd

    if choices is None:
        from tdp.support.choices import load_support_choices

        choices = load_support_choices()
    month = month if isinstance(month, Month) else Month.parse(month)
    ward = resolve_ward(choices, ward)
    group = resolve_group(choices, ward, group) if group is not None else None

    frame = _prepare(frame)
    first = pd.Timestamp(month.shift(1 - TREND_MONTHS).first_day)
    last = pd.Timestamp(month.last_day)
    mask = (frame["xa_phuong"] == ward) & (frame["ngay"] >= first) & (frame["ngay"] <= last)
    if group is not None:
        mask &= frame["to_dan_pho"] == group
    window = frame.loc[mask].copy()
    window["_tnv"] = volunteer_keys(window["tinh_nguyen_vien"])
    window["_thang"] = window["ngay"].dt.strftime("%Y-%m")
    by_month = {m: part for m, part in window.groupby("_thang")}

    empty = window.iloc[0:0]
    cur = by_month.get(str(month), empty)
    prev = by_month.get(str(month.shift(-1)), empty)

    by_channel = _counts(cur, prev, "hinh_thuc", choices.channels)
    proc_order = _ordered(choices.procedures, set(cur["thu_tuc"]) | set(prev["thu_tuc"]))
    cross = pd.crosstab(cur["thu_tuc"], cur["hinh_thuc"]) if not cur.empty else pd.DataFrame()
    by_procedure = cross.reindex(index=proc_order, columns=list(by_channel.index),
                                 fill_value=0).astype("int64")
    by_procedure["tong"] = by_procedure.sum(axis=1)
    by_procedure["thang_truoc"] = (
        prev["thu_tuc"].value_counts().reindex(proc_order, fill_value=0).astype("int64")
    )
    by_procedure["thay_doi"] = by_procedure["tong"] - by_procedure["thang_truoc"]
    by_procedure.index.name = "thu_tuc"
    by_procedure.columns.name = None

    months = [str(month.shift(-i)) for i in range(TREND_MONTHS - 1, -1, -1)]
    trend = pd.DataFrame(
        [_metrics(by_month.get(m, empty)) for m in months], index=pd.Index(months, name="thang")
    )

    records = cur.drop(columns=["_tnv", "_thang"]).sort_values(["ngay", "id"])
    return MonthlyReport(
        ward=ward,
        ward_name=choices.communes.label(ward),
        month=month,
        group=group,
        group_name=choices.groups(ward).label(group) if group else None,
        metrics=_metrics(cur),
        previous=_metrics(prev),
        by_procedure=by_procedure,
        by_channel=by_channel,
        by_outcome=_counts(cur, prev, "ket_qua", choices.outcomes),
        by_age_group=_counts(cur, prev, "nhom_tuoi", choices.age_groups),
        trend=trend,
        records=records.reset_index(drop=True),
        choices=choices,
    )
