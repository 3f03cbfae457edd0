"""The "Kiểm tra đầu/cuối khóa" tab: what the paper tests show (`tdp test score pre|post`),
the gain per trainee and per question. Pure pandas over `tdp.classroom.papertest`'s kept
scores; the question numbers of both forms check the same skill, so they compare."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

TAB_TITLE = "Kiểm tra đầu/cuối khóa"


def gain_per_trainee(pre: dict[str, Any] | None, post: dict[str, Any] | None) -> pd.DataFrame:
    """`ma_hoc_vien`, `ho_ten`, `dau_khoa`, `cuoi_khoa` (scores, NaN when not taken) and
    `tien_bo` (post − pre, NaN unless both were taken)."""
    import pandas as pd

    rows: dict[str, dict[str, Any]] = {}
    for column, result in (("dau_khoa", pre), ("cuoi_khoa", post)):
        for key, t in (result or {}).get("hoc_vien", {}).items():
            row = rows.setdefault(key, {"ma_hoc_vien": key, "ho_ten": t["ho_ten"]})
            row[column] = t["diem"]
    frame = pd.DataFrame(list(rows.values()),
                         columns=["ma_hoc_vien", "ho_ten", "dau_khoa", "cuoi_khoa"])
    frame[["dau_khoa", "cuoi_khoa"]] = frame[["dau_khoa", "cuoi_khoa"]].astype("float64")
    frame["tien_bo"] = frame["cuoi_khoa"] - frame["dau_khoa"]
    return frame.sort_values("ho_ten", kind="stable").reset_index(drop=True)


def _share_correct(result: dict[str, Any] | None) -> dict[int, tuple[str, float]]:
    if not result or not result.get("hoc_vien"):
        return {}
    trainees = list(result["hoc_vien"].values())
    return {q["so"]: (q["ky_nang"], 100.0 * sum(t["dung"][i] for t in trainees) / len(trainees))
            for i, q in enumerate(result["cau_hoi"])}


def gain_per_question(pre: dict[str, Any] | None, post: dict[str, Any] | None,
                      skills: dict[str, str] | None = None) -> pd.DataFrame:
    """`cau`, `ky_nang` (its words when `skills` names them), `dau_khoa`, `cuoi_khoa` (% of
    trainees right) and `tien_bo` (percentage points)."""
    import pandas as pd

    before, after = _share_correct(pre), _share_correct(post)
    rows = []
    for n in sorted(set(before) | set(after)):
        skill = (before.get(n) or after[n])[0]
        rows.append({"cau": n, "ky_nang": (skills or {}).get(skill, skill),
                     "dau_khoa": before[n][1] if n in before else float("nan"),
                     "cuoi_khoa": after[n][1] if n in after else float("nan")})
    frame = pd.DataFrame(rows, columns=["cau", "ky_nang", "dau_khoa", "cuoi_khoa"])
    frame[["dau_khoa", "cuoi_khoa"]] = frame[["dau_khoa", "cuoi_khoa"]].astype("float64").round(1)
    frame["tien_bo"] = (frame["cuoi_khoa"] - frame["dau_khoa"]).round(1)
    return frame


def tab_html() -> str:
    """The tab's HTML: both tables, or a note saying which test is still to be scored."""
    from tdp.classroom.papertest import load_bank, read_scores
    from tdp.dashboard.html import empty_note, h2, table_html

    pre, post = read_scores("pre"), read_scores("post")
    if pre is None and post is None:
        return empty_note("Chưa chấm bài kiểm tra nào (đầu khóa hoặc cuối khóa).")
    skills = {s.id: s.ky_nang for s in load_bank().ky_nang}
    return "".join([
        h2("Theo học viên"),
        table_html(gain_per_trainee(pre, post), {
            "ho_ten": "Họ và tên", "dau_khoa": "Đầu khóa", "cuoi_khoa": "Cuối khóa",
            "tien_bo": "Tiến bộ (điểm)"}, "tdp-dash-test-trainees"),
        h2("Theo câu hỏi (% học viên trả lời đúng)"),
        table_html(gain_per_question(pre, post, skills), {
            "cau": "Câu", "ky_nang": "Kỹ năng", "dau_khoa": "Đầu khóa (%)",
            "cuoi_khoa": "Cuối khóa (%)", "tien_bo": "Tiến bộ (điểm %)"},
            "tdp-dash-test-questions"),
    ])
