"""Grades for the dashboard: the nbgrader gradebook as a long frame, and per assignment ×
trainee tables (pure pandas).

The gradebook is `var/nbgrader/gradebook.db` (see nbgrader_config.py); `TDP_GRADEBOOK_URL`
points the dashboard elsewhere (tests, another course). A missing file is "no data": it is
never created here.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

GRADE_COLUMNS = ("ma_hoc_vien", "ho_ten", "bai", "diem", "diem_toi_da", "da_nop")


def gradebook_url() -> str:
    from tdp import paths

    env = paths.gradebook_url()
    if env:
        return env
    from tdp.grading.course import Course

    return Course().db_url


def _sqlite_missing(url: str) -> bool:
    if not url.startswith("sqlite:///"):
        return False
    return not Path(url.removeprefix("sqlite:///")).is_file()


def empty_grades() -> pd.DataFrame:
    import pandas as pd

    return pd.DataFrame({c: pd.Series(dtype="object") for c in GRADE_COLUMNS}).astype(
        {"diem": "float64", "diem_toi_da": "float64", "da_nop": "bool"})


def read_gradebook(url: str | None = None, trainees: Sequence[Any] = ()) -> pd.DataFrame:
    """One row per assignment × student of the gradebook: `ma_hoc_vien`, `ho_ten` (from the
    class list, else the gradebook's name, else the id), `bai`, `diem` (0 when nothing was
    submitted), `diem_toi_da`, `da_nop`."""
    import pandas as pd

    url = url or gradebook_url()
    if _sqlite_missing(url):
        return empty_grades()
    from nbgrader.api import Gradebook, MissingEntry

    from tdp.grading.course import ensure_tools_on_path

    ensure_tools_on_path()  # nbgrader runs `alembic` from PATH
    names = {t.id: t.name for t in trainees}
    rows = []
    with Gradebook(url) as gb:
        students = sorted(gb.students, key=lambda s: s.id)
        for assignment in sorted(gb.assignments, key=lambda a: a.name):
            for s in students:
                gb_name = " ".join(p for p in (s.last_name, s.first_name) if p)
                row = {"ma_hoc_vien": s.id, "ho_ten": names.get(s.id) or gb_name or s.id,
                       "bai": assignment.name, "diem": 0.0,
                       "diem_toi_da": float(assignment.max_score or 0), "da_nop": False}
                try:
                    sub = gb.find_submission(assignment.name, s.id)
                    row.update(diem=float(sub.score or 0), da_nop=True)
                except MissingEntry:
                    pass
                rows.append(row)
    if not rows:
        return empty_grades()
    return pd.DataFrame(rows, columns=list(GRADE_COLUMNS))


def grades_table(frame: pd.DataFrame) -> pd.DataFrame:
    """Trainee × assignment: columns `ma_hoc_vien`, `ho_ten`, one per assignment (score, or
    NaN when not submitted), `tong` (sum of scores) and `so_bai_nop`."""
    import pandas as pd

    if frame.empty:
        return pd.DataFrame(columns=["ma_hoc_vien", "ho_ten", "tong", "so_bai_nop"])
    scores = frame.assign(_d=frame["diem"].where(frame["da_nop"]))
    wide = scores.drop_duplicates(["ma_hoc_vien", "ho_ten", "bai"]).set_index(
        ["ma_hoc_vien", "ho_ten", "bai"])["_d"].unstack("bai")
    wide = wide.reindex(sorted(frame["bai"].unique()), axis=1)
    wide["tong"] = wide.sum(axis=1, min_count=0)
    wide["so_bai_nop"] = frame.groupby(["ma_hoc_vien", "ho_ten"])["da_nop"].sum().astype("int64")
    wide.columns.name = None
    return wide.reset_index()


def assignment_summary(frame: pd.DataFrame) -> pd.DataFrame:
    """One row per assignment: `bai`, `diem_toi_da`, `so_nop`, `so_hoc_vien`, `diem_tb`
    (mean over the submitted ones, 2 decimals; NaN when none)."""
    import pandas as pd

    columns = ["bai", "diem_toi_da", "so_nop", "so_hoc_vien", "diem_tb"]
    if frame.empty:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in columns})
    g = frame.groupby("bai")
    out = pd.DataFrame({
        "diem_toi_da": g["diem_toi_da"].max(),
        "so_nop": g["da_nop"].sum().astype("int64"),
        "so_hoc_vien": g.size().astype("int64"),
        "diem_tb": frame.loc[frame["da_nop"]].groupby("bai")["diem"].mean().round(2),
    }).reset_index()
    return out[columns]


# --- submissions (before grading) -----------------------------------------------------------

SUBMISSION_COLUMNS = ("ma_hoc_vien", "ho_ten", "bai", "nop_luc")


def submitted_dir() -> Path:
    """nbgrader's submitted folder (where the phone app and `tdp grade collect` put work)."""
    from tdp.grading.course import Course

    return Course().submitted


def read_submissions(folder: Path | None = None, trainees: Sequence[Any] = ()) -> pd.DataFrame:
    """One row per trainee × assignment handed in, graded or not: `nop_luc` is nbgrader's
    timestamp.txt ("YYYY-MM-DD HH:MM:SS…"), as a pandas Timestamp."""
    import pandas as pd

    folder = folder or submitted_dir()
    names = {t.id: t.name for t in trainees}
    rows = []
    for stamp in sorted(folder.glob("*/*/timestamp.txt")) if folder.is_dir() else []:
        trainee, assignment = stamp.parent.parent.name, stamp.parent.name
        when = pd.to_datetime(stamp.read_text(encoding="utf-8").strip()[:19], errors="coerce")
        rows.append({"ma_hoc_vien": trainee, "ho_ten": names.get(trainee, trainee),
                     "bai": assignment, "nop_luc": when})
    if not rows:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in SUBMISSION_COLUMNS})
    return pd.DataFrame(rows, columns=list(SUBMISSION_COLUMNS))


def submissions_table(frame: pd.DataFrame, trainees: Sequence[Any] = ()) -> pd.DataFrame:
    """Trainee × assignment: when each was handed in ("dd/mm/yyyy HH:MM"), "" when not; every
    trainee of the class list has a row, also one who handed in nothing."""
    import pandas as pd

    class_list = pd.DataFrame([(t.id, t.name) for t in trainees],
                              columns=["ma_hoc_vien", "ho_ten"])
    if frame.empty:
        return class_list.assign(so_bai_nop=0)
    shown = frame.assign(_t=frame["nop_luc"].dt.strftime("%d/%m/%Y %H:%M").fillna("đã nộp"))
    wide = shown.set_index(["ma_hoc_vien", "ho_ten", "bai"])["_t"].unstack("bai")
    wide.columns.name = None
    wide = wide.reset_index()
    missing = class_list[~class_list["ma_hoc_vien"].isin(wide["ma_hoc_vien"])]
    wide = pd.concat([wide, missing], ignore_index=True)
    bai = sorted(frame["bai"].unique())
    wide["so_bai_nop"] = wide[bai].notna().sum(axis=1).astype("int64")
    wide[bai] = wide[bai].fillna("")
    return wide.sort_values("ma_hoc_vien").reset_index(drop=True)
