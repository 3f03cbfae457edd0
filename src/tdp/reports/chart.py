"""Charts of the support log, drawn with matplotlib's Agg canvas (no display, no pyplot
global state: safe in a server, a notebook or a loop of 800 reports)."""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import TYPE_CHECKING

from tdp.errors import InputError

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.figure import Figure

    from tdp.reports.monthly import MonthlyReport

_COLOURS = ["#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f"]


def _figure(width: float, height: float) -> Figure:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height), dpi=100, layout="constrained")
    FigureCanvasAgg(fig)
    return fig


def report_figure(report: MonthlyReport) -> Figure:
    """Left: this month's visits per procedure, stacked by channel. Right: visits and
    submitted filings over the last six months."""
    from tdp.reports.month import Month

    c = report.choices
    fig = _figure(12, 5.2)
    left, right = fig.subplots(1, 2, width_ratios=[3, 2])
    table = report.by_procedure
    labels = [textwrap.fill(c.procedures.label(str(i)), 30) for i in table.index]
    positions = list(range(len(labels)))[::-1]
    base = [0] * len(labels)
    for n, ch in enumerate(report.by_channel.index):
        values = [int(v) for v in table[ch]]
        left.barh(positions, values, left=base, color=_COLOURS[n % len(_COLOURS)],
                  label=c.channels.label(str(ch)))
        base = [b + v for b, v in zip(base, values, strict=True)]
    for y, total in zip(positions, base, strict=True):
        if total:
            left.text(total, y, f" {total}", va="center", fontsize=9)
    left.set_xlim(0, max([*base, 1]) * 1.15)
    left.set_yticks(positions, labels, fontsize=8)
    left.set_xlabel("Số lượt hỗ trợ")
    left.set_title(f"Theo thủ tục — tháng {report.month.label}", fontsize=11)
    left.legend(fontsize=8, loc="best")
    left.xaxis.get_major_locator().set_params(integer=True)

    trend = report.trend
    months = [Month.parse(m).label for m in trend.index]
    xs = range(len(months))
    bars = right.bar([x - 0.2 for x in xs], trend["luot_ho_tro"], width=0.4,
                     color="#1f77b4", label="Lượt hỗ trợ")
    right.bar([x + 0.2 for x in xs], trend["da_nop"], width=0.4, color="#2ca02c",
              label="Hồ sơ đã nộp")
    bars[-1].set_edgecolor("black")
    right.set_xticks(list(xs), months, fontsize=8, rotation=30)
    right.set_title("6 tháng gần nhất", fontsize=11)
    right.legend(fontsize=8)
    right.yaxis.get_major_locator().set_params(integer=True)
    fig.suptitle(f"Hỗ trợ người dân dùng dịch vụ công trực tuyến — {report.title}", fontsize=12)
    return fig


def activity_figure(table: pd.DataFrame, *, value: str = "luot_ho_tro",
                    names: dict[str, str] | None = None) -> Figure:
    """A line per ward over the months of `tdp.reports.monthly_table(...)` (dashboard)."""
    from tdp.reports.metrics import METRICS

    fig = _figure(10, 4.5)
    ax = fig.subplots()
    for ward, part in table.groupby("xa_phuong"):
        ax.plot(part["thang"], part[value], marker="o", label=(names or {}).get(ward, ward))
    ax.set_ylabel(METRICS.get(value, value))
    ax.tick_params(axis="x", labelrotation=45, labelsize=8)
    if table["xa_phuong"].nunique() <= 12:
        ax.legend(fontsize=8)
    return fig


def save_png(fig: Figure, path: str | Path) -> Path:
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fig.savefig(path, format="png")
    except OSError as exc:
        raise InputError(f"Không ghi được tệp '{path}' ({exc.strerror or exc})") from None
    return path


def write_png(report: MonthlyReport, path: str | Path) -> Path:
    """The report's chart as a PNG file."""
    return save_png(report_figure(report), path)


def png_bytes(report: MonthlyReport) -> bytes:
    from io import BytesIO

    buffer = BytesIO()
    report_figure(report).savefig(buffer, format="png")
    return buffer.getvalue()


def bar_figure(labels: list[str], values: list[float], title: str, xlabel: str) -> Figure:
    """A horizontal bar chart, biggest on top (the dashboard's totals per procedure)."""
    import textwrap

    fig = _figure(7, 0.5 * len(labels) + 1.4)
    ax = fig.subplots()
    ys = list(range(len(labels)))[::-1]
    ax.barh(ys, values, color="#1d70b8")
    ax.set_yticks(ys, [textwrap.fill(str(x), 28) for x in labels], fontsize=9)
    for y, v in zip(ys, values, strict=True):
        ax.text(v, y, f" {v:g}", va="center", fontsize=9)
    ax.set_xlim(0, max([*values, 1]) * 1.2)
    ax.set_xlabel(xlabel)
    ax.set_title(title, fontsize=11)
    return fig
