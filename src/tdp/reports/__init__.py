"""Reports over the support log (issue 7), with pandas; charts with matplotlib (Agg).

For the secretary's monthly report::

    from tdp.support import records_frame
    from tdp.reports import monthly_report, write_xlsx, write_png
    report = monthly_report(records_frame(ward="thong_nhat"), "thong_nhat", "2025-03")
    print(report.to_text()); write_xlsx(report, "bao_cao.xlsx"); write_png(report, "bd.png")

For the dashboard (many wards and months; filters by ward and period)::

    frame = records_frame(ward=[...], start=..., end=...)
    monthly_table(frame)            # ward × month: the headline figures and the change
    procedure_table(frame, by="thu_tuc", choices=load_support_choices())
    activity_figure(monthly_table(frame))   # a matplotlib Figure
"""

from tdp.reports.activity import all_monthly_reports, monthly_table, procedure_table
from tdp.reports.chart import activity_figure, bar_figure, report_figure, write_png
from tdp.reports.excel import write_xlsx
from tdp.reports.metrics import DEFINITIONS, METRICS, format_change, volunteer_keys
from tdp.reports.month import Month
from tdp.reports.monthly import MonthlyReport, monthly_report

__all__ = [
    "DEFINITIONS", "METRICS", "Month", "MonthlyReport", "activity_figure", "bar_figure",
    "all_monthly_reports", "format_change", "monthly_report", "monthly_table",
    "procedure_table", "report_figure", "volunteer_keys", "write_png", "write_xlsx",
]
