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


def _ordered(choice: Choice, present: Any) -> list[str]:
    """The choice's ids in order, then any id found in the data but no longer in the list."""
    ids = choice.ids
    extra = sorted(set(present) - set(ids))
    return ids + extra


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
    source: pd.DataFrame = field(repr=False)  # prepared records (any months) of the place
    choices: SupportChoices = field(repr=False)

    @property
    def records(self) -> pd.DataFrame:
        """This month's records (columns of `tdp.support.COLUMNS`), in date order."""
        from tdp.support.log import COLUMNS

        f = self.source
        rows = f.loc[f["_m"] == _month_index(self.month), list(COLUMNS)]
        return rows.sort_values(["ngay", "id"]).reset_index(drop=True)

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
    mask = frame["xa_phuong"] == ward
    if group is not None:
        mask &= frame["to_dan_pho"] == group
    first = pd.Timestamp(month.shift(1 - TREND_MONTHS).first_day)
    mask &= (frame["ngay"] >= first) & (frame["ngay"] <= pd.Timestamp(month.last_day))
    aggregates = WardAggregates(prepare(frame.loc[mask]), choices)
    return aggregates.report(ward, month, group=group)


def _month_index(month: Month) -> int:
    return month.year * 12 + month.month - 1


def prepare(frame: pd.DataFrame) -> pd.DataFrame:
    """Add what every report needs to a records frame once: `_m` (month index), `_tnv`
    (volunteer name key), `_nop` (submitted)."""
    frame = _prepare(frame)
    return frame.assign(
        _m=frame["ngay"].dt.year * 12 + frame["ngay"].dt.month - 1,
        _tnv=volunteer_keys(frame["tinh_nguyen_vien"]),
        _nop=frame["ket_qua"] == SUBMITTED,
    )


class WardAggregates:
    """Every count a report needs, for every month of one ward's (or group's) prepared
    records, computed in one pass with numpy: each report is then a few array slices, so the
    800 reports of a province take seconds, not minutes."""

    def __init__(self, prepared: pd.DataFrame, choices: SupportChoices):
        import numpy as np
        import pandas as pd

        self.frame = prepared
        self.choices = choices
        months = prepared["_m"].to_numpy(dtype="int64")
        self.first = int(months.min()) if len(months) else 0
        n = int(months.max()) - self.first + 1 if len(months) else 0
        self.months = n
        mi = months - self.first

        def codes(column: str, choice: Choice) -> tuple[list[str], Any]:
            order = _ordered(choice, set(prepared[column].unique()))
            return order, pd.Categorical(prepared[column], categories=order).codes.astype(
                "int64")

        def bincount(index: Any, size: int) -> Any:
            return np.bincount(index, minlength=size) if size else np.zeros(0, dtype="int64")

        self.procedures, p = codes("thu_tuc", choices.procedures)
        self.channels, c = codes("hinh_thuc", choices.channels)
        self.outcomes, o = codes("ket_qua", choices.outcomes)
        self.age_groups, a = codes("nhom_tuoi", choices.age_groups)
        np_, nc = len(self.procedures), len(self.channels)
        self.cube = bincount((mi * np_ + p) * nc + c, n * np_ * nc).reshape(n, np_, nc)
        no, na = len(self.outcomes), len(self.age_groups)
        self.by_channel = self.cube.sum(axis=1)
        self.by_outcome = bincount(mi * no + o, n * no).reshape(n, no)
        self.by_age = bincount(mi * na + a, n * na).reshape(n, na)

        def distinct(columns: list[str]) -> Any:
            kept = prepared.drop_duplicates(["_m", *columns])["_m"].to_numpy(dtype="int64")
            return bincount(kept - self.first, n)

        self.metrics = np.column_stack([
            bincount(mi, n),
            bincount(mi[prepared["_nop"].to_numpy(dtype=bool)], n),
            distinct(["_tnv", "ngay"]),
            distinct(["_tnv"]),
            distinct(["ngay"]),
        ]) if n else np.zeros((0, len(METRICS)), dtype="int64")

    def month_indices(self) -> list[int]:
        """The months (as indices) that have records."""
        return [self.first + i for i in range(self.months) if self.metrics[i, 0]]

    def _at(self, table: Any, index: int) -> Any:
        import numpy as np

        i = index - self.first
        if 0 <= i < self.months:
            return table[i]
        return np.zeros(table.shape[1:], dtype="int64")

    def report(self, ward: str, month: Month, *, group: str | None = None) -> MonthlyReport:
        import pandas as pd

        choices = self.choices
        now = _month_index(month)

        def compare(table: Any, order: list[str], name: str) -> pd.DataFrame:
            cur, prev = self._at(table, now), self._at(table, now - 1)
            out = pd.DataFrame({"thang": cur, "thang_truoc": prev, "thay_doi": cur - prev},
                               index=pd.Index(order, name=name))
            return out.astype("int64")

        cube_now, cube_prev = self._at(self.cube, now), self._at(self.cube, now - 1)
        by_procedure = pd.DataFrame(cube_now, index=pd.Index(self.procedures, name="thu_tuc"),
                                    columns=self.channels).astype("int64")
        by_procedure["tong"] = cube_now.sum(axis=1)
        by_procedure["thang_truoc"] = cube_prev.sum(axis=1)
        by_procedure["thay_doi"] = by_procedure["tong"] - by_procedure["thang_truoc"]

        months = list(range(now - TREND_MONTHS + 1, now + 1))
        trend = pd.DataFrame([self._at(self.metrics, m) for m in months],
                             index=pd.Index([str(Month(i // 12, i % 12 + 1)) for i in months],
                                            name="thang"),
                             columns=list(METRICS)).astype("int64")
        return MonthlyReport(
            ward=ward,
            ward_name=choices.communes.label(ward),
            month=month,
            group=group,
            group_name=choices.groups(ward).label(group) if group else None,
            metrics={k: int(v) for k, v in trend.iloc[-1].items()},
            previous={k: int(v) for k, v in trend.iloc[-2].items()},
            by_procedure=by_procedure,
            by_channel=compare(self.by_channel, self.channels, "hinh_thuc"),
            by_outcome=compare(self.by_outcome, self.outcomes, "ket_qua"),
            by_age_group=compare(self.by_age, self.age_groups, "nhom_tuoi"),
            trend=trend,
            source=self.frame,
            choices=choices,
        )
