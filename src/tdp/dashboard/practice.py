"""Practice statistics for the dashboard: pure pandas functions of the attempts frame.

`read_attempts()` is the only function that touches the store; every other function takes
the frame it returns (columns `ATTEMPT_COLUMNS`) and returns a new one, so the figures can be
checked against hand-computed fixtures.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

    from tdp.store import Store

ATTEMPT_COLUMNS = ("id", "trainee", "trainee_key", "scenario", "score", "max_score", "items",
                   "started_at", "ended_at")


def empty_attempts() -> pd.DataFrame:
    import pandas as pd

    frame = pd.DataFrame({c: pd.Series(dtype="object") for c in ATTEMPT_COLUMNS})
    frame = frame.astype({"id": "int64", "score": "int64", "max_score": "int64"})
    frame["started_at"] = pd.to_datetime(frame["started_at"])
    frame["ended_at"] = pd.to_datetime(frame["ended_at"])
    return frame


def read_attempts(store: Store | None = None) -> pd.DataFrame:
    """Every practice attempt, one row each (no table yet: an empty frame)."""
    import pandas as pd
    from sqlalchemy import inspect, select

    from tdp.practice.attempts import AttemptRow
    from tdp.store import open_store

    store = store or open_store()
    if not inspect(store.engine).has_table(AttemptRow.__tablename__):
        return empty_attempts()
    cols = [AttemptRow.id, AttemptRow.trainee, AttemptRow.trainee_key, AttemptRow.scenario,
            AttemptRow.score, AttemptRow.max_score, AttemptRow.items, AttemptRow.started_at,
            AttemptRow.ended_at]
    with store.reading() as session:
        rows = session.execute(select(*cols).order_by(AttemptRow.started_at, AttemptRow.id)).all()
    if not rows:
        return empty_attempts()
    frame = pd.DataFrame([tuple(r) for r in rows], columns=list(ATTEMPT_COLUMNS))
    frame["started_at"] = pd.to_datetime(frame["started_at"])
    frame["ended_at"] = pd.to_datetime(frame["ended_at"])
    return frame


def filter_attempts(frame: pd.DataFrame, start: date | None = None,
                    end: date | None = None) -> pd.DataFrame:
    """Attempts started on `start` .. `end` (inclusive days)."""
    import pandas as pd

    mask = pd.Series(True, index=frame.index)
    if start is not None:
        mask &= frame["started_at"] >= pd.Timestamp(start)
    if end is not None:
        mask &= frame["started_at"] < pd.Timestamp(end) + pd.Timedelta(days=1)
    return frame.loc[mask]


def _percent(score: pd.Series, max_score: pd.Series) -> pd.Series:
    return (score / max_score.where(max_score > 0)).fillna(0) * 100


def attempts_per_trainee(frame: pd.DataFrame) -> pd.DataFrame:
    """One row per trainee (names compared by `name_key`): `hoc_vien` (the name as last
    typed), `so_luot`, `so_tinh_huong` (distinct scenarios), `ty_le_tb` (mean of each
    attempt's score / max, in %, 1 decimal), `lan_cuoi` (last start, 'YYYY-MM-DD HH:MM')."""
    import pandas as pd

    columns = ["hoc_vien", "so_luot", "so_tinh_huong", "ty_le_tb", "lan_cuoi"]
    if frame.empty:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in columns})
    f = frame.assign(_pct=_percent(frame["score"], frame["max_score"])).sort_values(
        ["started_at", "id"])
    g = f.groupby("trainee_key", sort=False)
    out = pd.DataFrame({
        "hoc_vien": g["trainee"].last(),
        "so_luot": g.size().astype("int64"),
        "so_tinh_huong": g["scenario"].nunique().astype("int64"),
        "ty_le_tb": g["_pct"].mean().round(1),
        "lan_cuoi": g["started_at"].max().dt.strftime("%Y-%m-%d %H:%M"),
    })
    return out.sort_values(["so_luot", "hoc_vien"], ascending=[False, True]).reset_index(
        drop=True)[columns]


def scenario_scores(frame: pd.DataFrame, scenarios: Iterable[Any] = ()) -> pd.DataFrame:
    """One row per scenario played: `tinh_huong` (id), `ten`, `hoc_phan` (module), `so_luot`,
    `diem_tb` (mean score, 2 decimals), `diem_toi_da`, `ty_le_tb` (mean % of max)."""
    import pandas as pd

    columns = ["tinh_huong", "ten", "hoc_phan", "so_luot", "diem_tb", "diem_toi_da", "ty_le_tb"]
    if frame.empty:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in columns})
    info = {s.id: s for s in scenarios}
    f = frame.assign(_pct=_percent(frame["score"], frame["max_score"]))
    g = f.groupby("scenario")
    out = pd.DataFrame({
        "so_luot": g.size().astype("int64"),
        "diem_tb": g["score"].mean().round(2),
        "diem_toi_da": g["max_score"].max().astype("int64"),
        "ty_le_tb": g["_pct"].mean().round(1),
    }).rename_axis("tinh_huong").reset_index()
    out["ten"] = [info[s].title if s in info else s for s in out["tinh_huong"]]
    out["hoc_phan"] = [int(info[s].module) if s in info else pd.NA for s in out["tinh_huong"]]
    return out.sort_values(["hoc_phan", "tinh_huong"], na_position="last").reset_index(
        drop=True)[columns]


def module_scores(frame: pd.DataFrame, scenarios: Iterable[Any] = (),
                  modules: Iterable[Any] = ()) -> pd.DataFrame:
    """One row per module with attempts: `hoc_phan`, `ten`, `so_luot`, `ty_le_tb` (mean % of
    max over the module's attempts). Attempts of unknown scenarios are left out."""
    import pandas as pd

    columns = ["hoc_phan", "ten", "so_luot", "ty_le_tb"]
    module_of = {s.id: int(s.module) for s in scenarios}
    titles = {int(m.id): m.title for m in modules}
    f = frame.loc[frame["scenario"].isin(list(module_of))]
    if f.empty:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in columns})
    f = f.assign(hoc_phan=f["scenario"].map(module_of),
                 _pct=_percent(f["score"], f["max_score"]))
    g = f.groupby("hoc_phan")
    out = pd.DataFrame({
        "so_luot": g.size().astype("int64"),
        "ty_le_tb": g["_pct"].mean().round(1),
    }).reset_index()
    out["ten"] = [titles.get(int(m), f"Học phần {m}") for m in out["hoc_phan"]]
    return out[columns]


def missed_items(frame: pd.DataFrame, top: int | None = 10) -> pd.DataFrame:
    """The rubric items most often missed ("what to re-teach"): one row per scenario ×
    criterion id with `tinh_huong`, `tieu_chi`, `noi_dung` (the label), `so_lan_cham` (attempts
    scored on it), `so_lan_sai`, `ty_le_sai` (%). Only items missed at least once, most
    missed first (then highest rate)."""
    import pandas as pd

    columns = ["tinh_huong", "tieu_chi", "noi_dung", "so_lan_cham", "so_lan_sai", "ty_le_sai"]
    rows = [
        (scenario, item.get("criterion"), item.get("label", ""), not item.get("ok", False))
        for scenario, items in zip(frame["scenario"], frame["items"], strict=True)
        for item in (items or [])
        if isinstance(item, dict)
    ]
    if not rows:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in columns})
    items = pd.DataFrame(rows, columns=["tinh_huong", "tieu_chi", "noi_dung", "_sai"])
    g = items.groupby(["tinh_huong", "tieu_chi"], sort=False)
    out = pd.DataFrame({
        "noi_dung": g["noi_dung"].last(),
        "so_lan_cham": g.size().astype("int64"),
        "so_lan_sai": g["_sai"].sum().astype("int64"),
    }).reset_index()
    out = out.loc[out["so_lan_sai"] > 0]
    out["ty_le_sai"] = (out["so_lan_sai"] / out["so_lan_cham"] * 100).round(1)
    out = out.sort_values(["so_lan_sai", "ty_le_sai", "tinh_huong", "tieu_chi"],
                          ascending=[False, False, True, True]).reset_index(drop=True)
    return (out.head(top) if top else out)[columns]


def not_practised(frame: pd.DataFrame, trainees: Sequence[Any]) -> pd.DataFrame:
    """Trainees of the class list (`tdp.classlist.Trainee`s, or anything with `id` and `name`)
    with no attempt in `frame`: `ma_hoc_vien`, `ho_ten`, in list order."""
    import pandas as pd

    from tdp.text import name_key

    played = set(frame["trainee_key"])
    rows = [(t.id, t.name) for t in trainees if name_key(t.name) not in played]
    return pd.DataFrame(rows, columns=["ma_hoc_vien", "ho_ten"], dtype="object")
