"""Support activity over many wards and months at once: the tables the dashboard shows and
the benchmark aggregates. Pure functions of a records frame (`tdp.support.records_frame`).
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from tdp.reports.metrics import METRICS, SUBMITTED, volunteer_keys

if TYPE_CHECKING:
    import pandas as pd

    from tdp.support.choices import SupportChoices


def _filter(
    frame: pd.DataFrame,
    wards: str | list[str] | None,
    start: date | None,
    end: date | None,
) -> pd.DataFrame:
    import pandas as pd

    if not pd.api.types.is_datetime64_any_dtype(frame["ngay"]):
        frame = frame.assign(ngay=pd.to_datetime(frame["ngay"]))
    mask = pd.Series(True, index=frame.index)
    if wards is not None:
        mask &= frame["xa_phuong"].isin([wards] if isinstance(wards, str) else list(wards))
    if start is not None:
        mask &= frame["ngay"] >= pd.Timestamp(start)
    if end is not None:
        mask &= frame["ngay"] <= pd.Timestamp(end)
    return frame.loc[mask]


def _months(frame: pd.DataFrame, start: date | None, end: date | None) -> pd.PeriodIndex:
    import pandas as pd

    first = pd.Period(start, "M") if start else frame["ngay"].min().to_period("M")
    last = pd.Period(end, "M") if end else frame["ngay"].max().to_period("M")
    return pd.period_range(first, last, freq="M", name="thang")


def monthly_table(
    frame: pd.DataFrame,
    *,
    wards: str | list[str] | None = None,
    start: date | None = None,
    end: date | None = None,
) -> pd.DataFrame:
    """One row per ward × month (months with no record included, as zeros) with the
    headline figures of the monthly report (`METRICS`: luot_ho_tro, da_nop, ngay_cong,
    tinh_nguyen_vien, ngay_hoat_dong), plus `luot_thang_truoc` and `thay_doi` (visits
    this month minus the previous month). Columns `xa_phuong` and `thang` ('YYYY-MM')."""
    import pandas as pd

    f = _filter(frame, wards, start, end)
    columns = ["xa_phuong", "thang", *METRICS, "luot_thang_truoc", "thay_doi"]
    if f.empty:
        return pd.DataFrame({c: pd.Series(dtype="int64") for c in columns}).astype(
            {"xa_phuong": "object", "thang": "object"}
        )
    f = f.assign(
        thang=f["ngay"].dt.to_period("M"),
        _tnv=volunteer_keys(f["tinh_nguyen_vien"]),
        _nop=f["ket_qua"] == SUBMITTED,
    )
    keys = ["xa_phuong", "thang"]
    g = f.groupby(keys, observed=True)
    table = pd.DataFrame({
        "luot_ho_tro": g.size(),
        "da_nop": g["_nop"].sum(),
        "ngay_cong": f.drop_duplicates([*keys, "_tnv", "ngay"]).groupby(keys).size(),
        "tinh_nguyen_vien": g["_tnv"].nunique(),
        "ngay_hoat_dong": g["ngay"].nunique(),
    })
    ward_ids = sorted(f["xa_phuong"].unique()) if wards is None else (
        [wards] if isinstance(wards, str) else list(wards))
    full = pd.MultiIndex.from_product([ward_ids, _months(f, start, end)], names=keys)
    table = table.reindex(full, fill_value=0).astype("int64")
    table["luot_thang_truoc"] = (
        table.groupby(level="xa_phuong")["luot_ho_tro"].shift(1, fill_value=0).astype("int64")
    )
    table["thay_doi"] = table["luot_ho_tro"] - table["luot_thang_truoc"]
    table = table.reset_index()
    table["thang"] = table["thang"].astype(str)
    return table[columns]


def procedure_table(
    frame: pd.DataFrame,
    *,
    wards: str | list[str] | None = None,
    start: date | None = None,
    end: date | None = None,
    by: str = "thu_tuc",
    choices: SupportChoices | None = None,
) -> pd.DataFrame:
    """Visits per ward × month × `by` (`thu_tuc`, `hinh_thuc`, `nhom_tuoi`, `ket_qua` or
    `to_dan_pho`), long form: columns `xa_phuong`, `thang`, `by`, `ten` (Vietnamese label,
    when `choices` is given) and `so_luot`. Only combinations that occur."""
    import pandas as pd

    f = _filter(frame, wards, start, end)
    out = (
        f.assign(thang=f["ngay"].dt.strftime("%Y-%m"))
        .groupby(["xa_phuong", "thang", by])
        .size()
        .rename("so_luot")
        .reset_index()
    )
    if out.empty:
        out = pd.DataFrame({c: pd.Series(dtype="object") for c in
                            ["xa_phuong", "thang", by, "so_luot"]})
    if choices is not None:
        choice = {
            "thu_tuc": choices.procedures, "hinh_thuc": choices.channels,
            "nhom_tuoi": choices.age_groups, "ket_qua": choices.outcomes,
        }.get(by)
        if choice is not None:
            out.insert(3, "ten", out[by].map(choice.label))
        elif by == "to_dan_pho":
            out.insert(3, "ten", [choices.groups(w).label(g)
                                  for w, g in zip(out["xa_phuong"], out[by], strict=True)])
    return out


def all_monthly_reports(frame: pd.DataFrame, *, choices: SupportChoices | None = None) -> list:
    """Every ward's monthly report for every month that has data (the benchmark's job).
    Each ward's counts are computed once (`WardAggregates`); a report is then array slices."""
    from tdp.reports.metrics import prepare
    from tdp.reports.month import Month
    from tdp.reports.monthly import WardAggregates

    if frame.empty:
        return []
    if choices is None:
        from tdp.support.choices import load_support_choices

        choices = load_support_choices()
    reports = []
    for ward, part in prepare(frame).groupby("xa_phuong", sort=True):
        aggregates = WardAggregates(part, choices)
        for index in aggregates.month_indices():
            month = Month(index // 12, index % 12 + 1)
            reports.append(aggregates.report(str(ward), month))
    return reports
