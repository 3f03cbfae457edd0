"""The grades tab's "who has handed in what": nbgrader's submitted folder, before grading."""

from __future__ import annotations

from tdp.classlist import Trainee
from tdp.dashboard import grades as gr


def _hand_in(root, trainee, assignment, stamp):
    folder = root / trainee / assignment
    folder.mkdir(parents=True)
    (folder / f"{assignment}.ipynb").write_text("{}", encoding="utf-8")
    (folder / "timestamp.txt").write_text(stamp, encoding="utf-8")


def test_who_handed_in_which_assignment(tmp_path):
    _hand_in(tmp_path, "hv01", "bai1", "2027-02-23 09:15:00.000001")
    _hand_in(tmp_path, "hv01", "bai2", "2027-02-24 10:00:00.5")
    _hand_in(tmp_path, "hv02", "bai1", "2027-02-23 11:30:00")
    trainees = [Trainee("hv01", "Nguyễn Thị Thu"), Trainee("hv02", "Rơ Mah Hải"),
                Trainee("hv03", "Lê Văn Tám")]
    frame = gr.read_submissions(tmp_path, trainees)
    assert len(frame) == 3
    wide = gr.submissions_table(frame, trainees)
    rows = {r.ma_hoc_vien: r for r in wide.itertuples()}
    assert rows["hv01"].bai1 == "23/02/2027 09:15" and rows["hv01"].so_bai_nop == 2
    assert rows["hv02"].bai2 == "" and rows["hv02"].ho_ten == "Rơ Mah Hải"
    assert rows["hv03"].so_bai_nop == 0 and rows["hv03"].bai1 == ""


def test_nothing_handed_in(tmp_path):
    assert gr.read_submissions(tmp_path / "none").empty
    wide = gr.submissions_table(gr.read_submissions(tmp_path), [Trainee("hv01", "A")])
    assert list(wide["so_bai_nop"]) == [0]
