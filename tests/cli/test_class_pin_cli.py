"""`tdp class pin TEN_HOAC_MA [--dat-lai]`: the trainer sees whether a trainee set the PIN of
the "Bài tập" app and resets it; only the PIN goes, an unknown name is one Vietnamese line."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tdp.classlist import Trainee, write_trainees
from tdp.screens import drafts
from tdp.screens.exercise_pin import has_pin, pin_matches, set_pin

TDP = Path(sys.executable).with_name("tdp")


def tdp(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(TDP), *args], cwd=cwd, capture_output=True, text=True,
                          timeout=120)


def _class_list(tmp_path: Path, monkeypatch, trainees: list[Trainee]) -> None:
    path = tmp_path / "trainees.csv"
    write_trainees(path, trainees)
    monkeypatch.setenv("TDP_TRAINEES_CSV", str(path))  # the `tdp` run here reads it


def test_the_trainer_resets_a_forgotten_pin(store, db_url, tmp_path, monkeypatch):
    _class_list(tmp_path, monkeypatch, [Trainee("hv01", "Nguyễn Thị Thu", "thong_nhat"),
                                           Trainee("hv02", "Rơ Mah Hải", "pleiku")])
    set_pin("hv01", "2468", store)
    set_pin("hv02", "1357", store)
    drafts.save_draft("hv01", "bai_tap:bai1", {"viet_1": "Bản nháp"}, store)

    shown = tdp("class", "pin", "Nguyễn Thị Thu", cwd=tmp_path)
    assert shown.returncode == 0, shown.stderr
    assert "Nguyễn Thị Thu (hv01) đã đặt mã PIN lúc" in shown.stdout
    assert has_pin("hv01", store)  # without --dat-lai nothing changes

    done = tdp("class", "pin", "nguyễn thị thu", "--dat-lai", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Đã đặt lại mã PIN của Nguyễn Thị Thu (hv01).")
    assert not has_pin("hv01", store)
    assert drafts.load_draft("hv01", "bai_tap:bai1", store) == {"viet_1": "Bản nháp"}
    assert pin_matches("hv02", "1357", store)
    assert "chưa đặt mã PIN" in tdp("class", "pin", "hv01", cwd=tmp_path).stdout
    again = tdp("class", "pin", "hv01", "--dat-lai", cwd=tmp_path)
    assert again.returncode == 0 and "không có gì để đặt lại" in again.stdout


def test_an_unknown_name_is_one_vietnamese_line_and_exit_2(db_url, tmp_path, monkeypatch):
    _class_list(tmp_path, monkeypatch, [Trainee("hv01", "Nguyễn Thị Thu")])
    done = tdp("class", "pin", "Trần Văn Không", "--dat-lai", cwd=tmp_path)
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.startswith("tdp: Không có học viên 'Trần Văn Không' trong danh sách lớp")
    assert len(done.stderr.strip().splitlines()) == 1
    helped = tdp("class", "pin", "--help", cwd=tmp_path)
    assert "--dat-lai" in helped.stdout and "TEN_HOAC_MA" in helped.stdout
    assert "họ và tên hoặc mã học viên" in helped.stdout
