"""The trainers' dashboard (issue 7), a Voilà app: practice, grades and support activity.

    from tdp.dashboard import show
    show()          # in notebooks/app/bang_dieu_khien.ipynb

The figures are pure pandas functions (`tdp.dashboard.practice`, `.grades`, `.support`);
`tdp.dashboard.view` only lays them out.
"""

from tdp.dashboard.grades import assignment_summary, grades_table, read_gradebook
from tdp.dashboard.practice import (
    attempts_per_trainee,
    filter_attempts,
    missed_items,
    module_scores,
    not_practised,
    read_attempts,
    scenario_scores,
)


def show(**kwargs):  # noqa: ANN201 - Dashboard
    from tdp.dashboard.view import show as _show

    return _show(**kwargs)


__all__ = [
    "assignment_summary", "attempts_per_trainee", "filter_attempts", "grades_table",
    "missed_items", "module_scores", "not_practised", "read_attempts", "read_gradebook",
    "scenario_scores", "show",
]
