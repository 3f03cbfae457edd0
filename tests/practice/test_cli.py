"""`tdp practice ...` and `tdp catalog check` run as the real command (the venv's `tdp`)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import VENV_TDP

from tdp.paths import course_dir

FILED = "m3_khai_sinh_qua_han"


def tdp(env, *args, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([str(VENV_TDP), *args], env=env, input=stdin, capture_output=True,
                          text=True, encoding="utf-8", timeout=120)


def test_show_then_score_as_a_process(cli_env) -> None:
    shown = tdp(cli_env, "practice", "show", FILED, "--json")
    assert shown.returncode == 0, shown.stderr
    view = json.loads(shown.stdout)
    assert view["expected"]["procedure"] == "khai_sinh"
    assert view["resident"]["mat_khau_tap_huan"]

    scored = tdp(cli_env, "practice", "score", FILED, "-", "--json", "--trainee", "Lê Văn Cường",
                 stdin=json.dumps(view["expected"], ensure_ascii=False))
    assert scored.returncode == 0, scored.stderr
    result = json.loads(scored.stdout)
    assert result["score"] == result["max"] == view["max_score"]
    assert {"criterion", "ok", "points", "feedback"} <= result["items"][0].keys()


def test_list_score_text_and_history_in_process(cli_env, tmp_path, monkeypatch, capsys) -> None:
    from tdp.cli import main

    for key in ("TDP_DATABASE_URL", "TDP_PRACTICE_DATABASE_URL", "TDP_VAR_DIR"):
        monkeypatch.setenv(key, cli_env[key])
    assert main(["practice", "list", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert len(listed) >= 24 and {"id", "title", "level", "module"} <= listed[0].keys()

    answer = tmp_path / "answer.json"
    answer.write_text('{"procedure": "khai_sinh"}', encoding="utf-8")
    assert main(["practice", "score", FILED, str(answer), "--trainee", "lê  văn cường"]) == 0
    out = capsys.readouterr().out
    assert "điểm" in out and "✗" in out and "✓" in out
    assert main(["practice", "score", FILED, str(answer), "--trainee", "LÊ VĂN CƯỜNG"]) == 0
    capsys.readouterr()
    assert main(["practice", "history", "Lê Văn Cường", "--json"]) == 0
    history = json.loads(capsys.readouterr().out)
    assert [h["score"] for h in history] == [1, 1]
    assert all(h["scenario"] == FILED and h["started_at"] <= h["ended_at"] for h in history)


def test_unusable_input_exits_2_with_one_vietnamese_line(cli_env, tmp_path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    run = tdp(cli_env, "practice", "score", FILED, str(bad))
    assert run.returncode == 2, (run.stdout, run.stderr)
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("tdp: ") and "JSON" in lines[0]


@pytest.mark.parametrize("args,stdin", [
    (("practice", "score", FILED, "-"), "[1, 2]"),
    (("practice", "score", FILED, "-"), '{"decisions": {"qua_han": "zzz"}}'),
    (("practice", "score", FILED, "-"), '{"file": "có"}'),
    (("practice", "score", FILED, "khong_co_tep.json"), None),
    (("practice", "score", "khong_co", "-"), "{}"),
    (("practice", "show", "khong_co"), None),
    (("practice", "history", "  "), None),
])
def test_unusable_input_in_process(args, stdin, cli_env, monkeypatch, capsys) -> None:
    """The same contract, through `tdp.cli.main` (no process start: fast)."""
    import io

    from tdp.cli import main

    for key in ("TDP_DATABASE_URL", "TDP_PRACTICE_DATABASE_URL", "TDP_VAR_DIR"):
        monkeypatch.setenv(key, cli_env[key])
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO((stdin or "").encode())))
    assert main(list(args)) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("tdp: ")


def test_list_by_module_in_process(cli_env, monkeypatch, capsys) -> None:
    from tdp.cli import main

    monkeypatch.setenv("TDP_PRACTICE_DATABASE_URL", cli_env["TDP_PRACTICE_DATABASE_URL"])
    assert main(["practice", "list", "--module", "3", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert listed and all(s["module"] == 3 for s in listed)
    assert main(["practice", "list"]) == 0
    assert "Buổi 1" in capsys.readouterr().out


def test_catalog_check_reports_scenario_problems(cli_env, tmp_path) -> None:
    course = tmp_path / "course"
    shutil.copytree(course_dir(), course, ignore=lambda folder, names: [
        n for n in names if folder.endswith("scenarios") and n.startswith("m")])
    src = course_dir() / "scenarios" / f"{FILED}.yaml"
    text = src.read_text(encoding="utf-8").replace("max_score:", "max_score: 1\nold_max:")
    Path(course / "scenarios" / f"{FILED}.yaml").write_text(text, encoding="utf-8")
    run = tdp(cli_env, "catalog", "check", "--dir", str(course))
    assert run.returncode == 1, run.stdout + run.stderr
    assert f"{FILED}.yaml" in run.stdout and "old_max" in run.stdout


def test_the_role_card_as_a_process(cli_env) -> None:
    shown = tdp(cli_env, "practice", "card", FILED, "--json")
    assert shown.returncode == 0, shown.stderr
    card = json.loads(shown.stdout)
    assert card["opening"] and card["facts"] and card["resident"]["mat_khau_tap_huan"]
    assert all("defect" not in p for p in card["papers"])
    text = tdp(cli_env, "practice", "card", FILED)
    assert text.returncode == 0 and "Chỉ nói khi được hỏi" in text.stdout
