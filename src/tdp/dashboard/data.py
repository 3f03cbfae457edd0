"""What the dashboard shows, read once from the store, the gradebook and the course (and
again on "Tải lại dữ liệu"); each source that fails is logged and shown empty, so the other
tabs still work."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from tdp.dashboard import grades as gr
from tdp.dashboard import practice as pr
from tdp.widgets import log_problem

if TYPE_CHECKING:
    from tdp.store import Store


def month_label(key: str) -> str:
    year, month = key.split("-")
    return f"{month}/{year}"


def month_bounds(first: str | None, last: str | None) -> tuple[date | None, date | None]:
    start = date(int(first[:4]), int(first[5:7]), 1) if first else None
    end = None
    if last:
        y, m = int(last[:4]), int(last[5:7])
        end = date(y, m, calendar.monthrange(y, m)[1])
    return start, end


@dataclass
class Data:
    """Everything the dashboard shows, read once (and again on "Tải lại dữ liệu")."""

    support: Any
    attempts: Any
    grades: Any
    scenarios: list[Any]
    modules: list[Any]
    trainees: list[Any]
    choices: Any

    @classmethod
    def load(cls, store: Store | None = None, gradebook_url: str | None = None,
             trainees_csv: Any = None) -> Data:
        from tdp.classlist import read_trainees
        from tdp.support import empty_frame, load_support_choices, records_frame

        choices = load_support_choices()
        try:
            support = records_frame(store=store)
        except Exception:  # noqa: BLE001 - the tab says so; the others still work
            log_problem("dashboard: support records")
            support = empty_frame()
        try:
            attempts = pr.read_attempts(store)
        except Exception:  # noqa: BLE001
            log_problem("dashboard: attempts")
            attempts = pr.empty_attempts()
        try:
            from tdp.practice import list_scenarios, load_modules

            scenarios = list_scenarios()
            modules = list(load_modules().modules)
        except Exception:  # noqa: BLE001
            log_problem("dashboard: scenarios")
            scenarios, modules = [], []
        trainees = read_trainees(trainees_csv)
        try:
            grades = gr.read_gradebook(gradebook_url, trainees)
        except Exception:  # noqa: BLE001
            log_problem("dashboard: gradebook")
            grades = gr.empty_grades()
        return cls(support, attempts, grades, scenarios, modules, trainees, choices)

    def months(self) -> list[str]:
        """'YYYY-MM' from the first to the last month with support records or attempts."""
        import pandas as pd

        stamps = [s for s in (self.support["ngay"].min(), self.support["ngay"].max(),
                              self.attempts["started_at"].min(),
                              self.attempts["started_at"].max()) if not pd.isna(s)]
        if not stamps:
            today = pd.Timestamp(date.today())
            return [today.strftime("%Y-%m")]
        first, last = min(stamps).to_period("M"), max(stamps).to_period("M")
        return [str(p) for p in pd.period_range(first, last, freq="M")]
