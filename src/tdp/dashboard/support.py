"""Support activity for the dashboard, through the reports API (`tdp.reports`): the ward ×
month table with Vietnamese names, totals per procedure, and the charts as PNG bytes."""

from __future__ import annotations

from datetime import date
from io import BytesIO
from typing import TYPE_CHECKING

from tdp.reports import (
    METRICS,
    activity_figure,
    bar_figure,
    monthly_table,
    procedure_table,
    volunteer_keys,
)

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.figure import Figure

    from tdp.support.choices import SupportChoices


def totals(frame: pd.DataFrame, *, wards: str | list[str] | None = None,
           start: date | None = None, end: date | None = None) -> dict[str, int]:
    """The headline figures (`METRICS` keys) over the whole selection: visits, submitted and
    volunteer days are the sums of the monthly table; volunteers are counted once over the
    period, and active days are distinct (ward, day) pairs."""
    table = monthly_table(frame, wards=wards, start=start, end=end)
    out = {k: int(table[k].sum()) for k in ("luot_ho_tro", "da_nop", "ngay_cong",
                                            "ngay_hoat_dong")}
    f = frame
    if wards is not None:
        f = f.loc[f["xa_phuong"].isin([wards] if isinstance(wards, str) else list(wards))]
    if start is not None:
        f = f.loc[f["ngay"] >= pd_timestamp(start)]
    if end is not None:
        f = f.loc[f["ngay"] <= pd_timestamp(end)]
    out["tinh_nguyen_vien"] = int(volunteer_keys(f["tinh_nguyen_vien"]).nunique()) if len(f) else 0
    return out


def pd_timestamp(day: date):  # noqa: ANN201 - pandas Timestamp
    import pandas as pd

    return pd.Timestamp(day)


def ward_months(frame: pd.DataFrame, choices: SupportChoices, *,
                wards: str | list[str] | None = None, start: date | None = None,
                end: date | None = None) -> pd.DataFrame:
    """`monthly_table(...)` with the ward's name in `ten_xa_phuong` (second column)."""
    table = monthly_table(frame, wards=wards, start=start, end=end)
    table.insert(1, "ten_xa_phuong", [choices.communes.label(w) for w in table["xa_phuong"]])
    return table


def procedure_totals(frame: pd.DataFrame, choices: SupportChoices, *,
                     wards: str | list[str] | None = None, start: date | None = None,
                     end: date | None = None, by: str = "thu_tuc") -> pd.DataFrame:
    """Visits per `by` over the whole selection: `by`, `ten`, `so_luot`, most first."""
    import pandas as pd

    long = procedure_table(frame, wards=wards, start=start, end=end, by=by, choices=choices)
    if long.empty:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in [by, "ten", "so_luot"]})
    out = long.groupby([by, "ten"], as_index=False)["so_luot"].sum()
    out["so_luot"] = out["so_luot"].astype("int64")
    return out.sort_values(["so_luot", by], ascending=[False, True]).reset_index(drop=True)


def png(fig: Figure) -> bytes:
    buffer = BytesIO()
    fig.savefig(buffer, format="png")
    return buffer.getvalue()


def activity_png(table: pd.DataFrame, choices: SupportChoices) -> bytes:
    """The ward × month line chart of `tdp.reports.activity_figure`, as PNG."""
    names = {w: choices.communes.label(w) for w in table["xa_phuong"].unique()}
    fig = activity_figure(table, names=names)
    fig.axes[0].set_title(METRICS["luot_ho_tro"] + " theo tháng", fontsize=11)
    return png(fig)


def bar_png(labels: list[str], values: list[float], title: str, xlabel: str) -> bytes:
    """A horizontal bar chart (`tdp.reports.bar_figure`), as PNG."""
    return png(bar_figure(labels, values, title, xlabel))
