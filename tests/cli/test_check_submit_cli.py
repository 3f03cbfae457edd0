"""The command contract of issue 2, through the real `tdp` executable.

`tdp check` / `tdp submit` print one JSON object and exit 0 (valid) or 1 (not); unusable
input exits 2 with one Vietnamese line on stderr; no traceback ever reaches the user; the
registry (`tdp registry list --json`, `tdp registry show`) reflects what filings changed.
Every test runs against its own copy of the seeded store (`db_url`).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import builders
import pytest

AT = "2026-11-27T09:00"  # a Friday, a working day, before 15:00
DAY = "261127"
HANG_GUARD = 120  # seconds; only against a hung process, never a performance check

CHECK_KEYS = {"valid", "errors", "fee", "late", "appointment"}
ERROR_KEYS = {"field", "code", "message"}
# What `tdp submit` may print beyond the contract: the receipt's "what happens next" lines
# (issue 2, "what the receipt tells the resident"). Everything else is the contract's.
SUBMIT_EXTRAS = {"next_steps"}
DOMAIN_PERSON_KEYS = {
    "so_dinh_danh", "ho_ten", "ngay_sinh", "gioi_tinh", "dan_toc", "quoc_tich", "noi_cu_tru",
    "tinh_trang_hon_nhan", "vneid_muc", "so_dien_thoai",
    # issue 2 adds these
    "ma_ho", "quan_he_chu_ho", "con_song", "so_dinh_danh_cha", "so_dinh_danh_me",
}
AGENCY = {"yen_the": "000.31.25.H21", "hoi_thuong": "000.32.25.H21"}

# Letters only Vietnamese uses (with its diacritics): a line holding none is not Vietnamese.
VIETNAMESE = re.compile("[àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợ"
                        "ùúủũụưừứửữựỳýỷỹỵ]", re.IGNORECASE)
ARGPARSE_ENGLISH = ("usage:", "error:", "the following arguments", "invalid choice",
                    "unrecognized arguments", "expected one argument")


def tdp_executable() -> str:
    beside = Path(sys.executable).parent / "tdp"
    found = str(beside) if beside.exists() else shutil.which("tdp")
    assert found, "the `tdp` console script is not installed (pip install -e .)"
    return found


TDP = tdp_executable()


def tdp(*args: str, stdin: str | None = None, env: dict[str, str] | None = None
        ) -> subprocess.CompletedProcess[str]:
    """Run the real `tdp` command; the environment carries the test's TDP_DATABASE_URL."""
    return subprocess.run(
        [TDP, *args], input=stdin, capture_output=True, text=True, encoding="utf-8",
        env={**os.environ, **(env or {})}, timeout=HANG_GUARD, check=False,
    )


def json_out(proc: subprocess.CompletedProcess[str]) -> Any:
    """stdout must be exactly one JSON document."""
    assert "Traceback" not in proc.stderr, proc.stderr
    return json.loads(proc.stdout)


def assert_one_vietnamese_line(proc: subprocess.CompletedProcess[str], code: int = 2) -> str:
    assert proc.returncode == code, (proc.returncode, proc.stdout, proc.stderr)
    assert "Traceback" not in proc.stderr and "Traceback" not in proc.stdout
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, proc.stderr
    assert VIETNAMESE.search(lines[0]), lines[0]
    assert not any(word in lines[0].lower() for word in ARGPARSE_ENGLISH), lines[0]
    assert proc.stdout == ""
    return lines[0]


def write_json(path: Path, data: Any) -> str:
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return str(path)


def assert_check_shape(data: Any) -> None:
    assert isinstance(data, dict)
    assert set(data) == CHECK_KEYS
    assert isinstance(data["valid"], bool)
    assert isinstance(data["fee"], int) and not isinstance(data["fee"], bool)
    assert data["fee"] >= 0
    assert isinstance(data["late"], bool)
    date.fromisoformat(data["appointment"])
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", data["appointment"])
    assert isinstance(data["errors"], list)
    for err in data["errors"]:
        assert set(err) == ERROR_KEYS
        assert all(isinstance(err[k], str) and err[k] for k in ERROR_KEYS)
    assert data["valid"] == (not data["errors"])


def registry(ward: str | None = None) -> list[dict]:
    proc = tdp("registry", "list", "--json", *(["--ward", ward] if ward else []))
    assert proc.returncode == 0, proc.stderr
    data = json_out(proc)
    assert isinstance(data, list)
    return data


def show(number: str) -> dict:
    proc = tdp("registry", "show", number, "--json")
    assert proc.returncode == 0, proc.stderr
    return json_out(proc)


# --- tdp check -------------------------------------------------------------------------------


@pytest.mark.parametrize("procedure", sorted(builders.VALID))
def test_check_valid_filing_prints_the_contract_object_and_exits_0(
    procedure: str, db_url: str, people: list[dict], tmp_path: Path
) -> None:
    path = write_json(tmp_path / "filing.json", builders.VALID[procedure](people))
    proc = tdp("check", procedure, path, "--at", AT)
    assert proc.returncode == 0, (proc.stdout, proc.stderr)
    data = json_out(proc)
    assert_check_shape(data)
    assert data["valid"] is True and data["errors"] == []
    assert proc.stderr == ""


def test_check_invalid_filing_exits_1_with_field_paths_and_vietnamese_messages(
    db_url: str, people: list[dict], tmp_path: Path
) -> None:
    filing = builders.khai_sinh(people)
    del filing["tre"]["ngay_sinh"]
    filing["giay_to"] = []
    proc = tdp("check", "khai_sinh", write_json(tmp_path / "f.json", filing), "--at", AT)
    assert proc.returncode == 1, (proc.stdout, proc.stderr)
    data = json_out(proc)
    assert_check_shape(data)
    assert data["valid"] is False
    fields = {e["field"] for e in data["errors"]}
    assert "tre.ngay_sinh" in fields
    assert all(VIETNAMESE.search(e["message"]) for e in data["errors"])


def test_check_chung_thuc_fee_and_late_birth(db_url: str, people: list[dict],
                                             tmp_path: Path) -> None:
    copy = builders.chung_thuc(people, pages=(5,), copies=2)
    proc = tdp("check", "chung_thuc_ban_sao_dien_tu", write_json(tmp_path / "c.json", copy),
               "--at", AT)
    assert json_out(proc)["fee"] == 14_000
    late = builders.khai_sinh(people, born="2026-07-01")  # 149 days before AT
    proc = tdp("check", "khai_sinh", write_json(tmp_path / "k.json", late), "--at", AT)
    data = json_out(proc)
    assert proc.returncode == 0 and data["late"] is True and data["fee"] > 0


def test_check_reads_standard_input(db_url: str, people: list[dict], tmp_path: Path) -> None:
    filing = builders.ket_hon(people)
    text = json.dumps(filing, ensure_ascii=False)
    from_stdin = tdp("check", "ket_hon", "-", "--at", AT, stdin=text)
    from_file = tdp("check", "ket_hon", write_json(tmp_path / "f.json", filing), "--at", AT)
    assert from_stdin.returncode == from_file.returncode == 0, from_stdin.stderr
    assert json_out(from_stdin) == json_out(from_file)


def test_check_without_at_uses_now(db_url: str, people: list[dict], tmp_path: Path) -> None:
    path = write_json(tmp_path / "f.json", builders.chung_thuc(people))
    proc = tdp("check", "chung_thuc_ban_sao_dien_tu", path)
    assert proc.returncode == 0, proc.stderr
    data = json_out(proc)
    assert_check_shape(data)
    assert date.fromisoformat(data["appointment"]) >= date.today() - timedelta(days=2)


def test_check_records_nothing(db_url: str, people: list[dict], tmp_path: Path) -> None:
    path = write_json(tmp_path / "f.json", builders.khai_sinh(people))
    before = tdp("registry", "list", "--json").stdout
    for _ in range(2):  # a check never registers the child, so the second is as valid
        proc = tdp("check", "khai_sinh", path, "--at", AT)
        assert proc.returncode == 0, proc.stdout
        assert "receipt" not in json_out(proc)
    assert tdp("registry", "list", "--json").stdout == before


# --- tdp submit ------------------------------------------------------------------------------


def test_submit_birth_issues_receipt_and_identity_number(
    db_url: str, people: list[dict], tmp_path: Path
) -> None:
    filing = builders.khai_sinh(people)
    path = write_json(tmp_path / "f.json", filing)
    proc = tdp("submit", "khai_sinh", path, "--at", AT)
    assert proc.returncode == 0, (proc.stdout, proc.stderr)
    data = json_out(proc)
    assert set(data) - SUBMIT_EXTRAS == CHECK_KEYS | {"receipt", "so_dinh_danh"}
    assert_check_shape({k: data[k] for k in CHECK_KEYS})
    assert data["valid"] is True
    agency = AGENCY[filing["co_quan"]]
    assert data["receipt"] == f"{agency}-{DAY}-0001"
    number = data["so_dinh_danh"]
    # PPP C YY RRRRRR: Gia Lai 064, a boy born in the 2000s → 2, born 2026 → 26.
    assert re.fullmatch(r"064226\d{6}", number), number
    child = show(number)
    assert child["ho_ten"] == filing["tre"]["ho_ten"]
    assert child["ngay_sinh"] == filing["tre"]["ngay_sinh"]
    assert child["con_song"] is True
    assert child["so_dinh_danh_me"] == filing["me"]["so_dinh_danh"]
    assert child["so_dinh_danh_cha"] == filing["cha"]["so_dinh_danh"]
    assert child["noi_cu_tru"]["co_quan"] == filing["co_quan"]
    assert number in {p["so_dinh_danh"] for p in registry()}
    # The same birth again: the child is in the registry now, so it is refused.
    again = tdp("submit", "khai_sinh", path, "--at", AT)
    assert again.returncode == 1
    assert "receipt" not in json_out(again)


def test_submit_other_procedures_add_only_a_receipt(
    db_url: str, people: list[dict], tmp_path: Path
) -> None:
    filing = builders.chung_thuc(people)
    proc = tdp("submit", "chung_thuc_ban_sao_dien_tu", write_json(tmp_path / "f.json", filing),
               "--at", AT)
    assert proc.returncode == 0, proc.stderr
    data = json_out(proc)
    assert set(data) - SUBMIT_EXTRAS == CHECK_KEYS | {"receipt"}
    assert data["receipt"] == f"{AGENCY['yen_the']}-{DAY}-0001"
    assert data["fee"] == 7_000
    if "next_steps" in data:
        assert all(isinstance(s, str) and s for s in data["next_steps"])


def test_refused_submit_records_nothing(db_url: str, people: list[dict],
                                        tmp_path: Path) -> None:
    before = tdp("registry", "list", "--json").stdout
    filing = builders.khai_sinh(people)
    filing["tre"]["ngay_sinh"] = "2026-12-25"  # after the submission: refused
    proc = tdp("submit", "khai_sinh", write_json(tmp_path / "bad.json", filing), "--at", AT)
    assert proc.returncode == 1, proc.stdout
    data = json_out(proc)
    assert_check_shape(data)
    assert data["valid"] is False and "tre.ngay_sinh" in {e["field"] for e in data["errors"]}
    assert tdp("registry", "list", "--json").stdout == before
    # No receipt number was used up either: the next accepted filing of that agency is 0001.
    good = builders.khai_sinh(people)
    proc = tdp("submit", "khai_sinh", write_json(tmp_path / "good.json", good), "--at", AT)
    assert json_out(proc)["receipt"] == f"{AGENCY[good['co_quan']]}-{DAY}-0001"


def test_registry_reflects_a_death_and_a_marriage(
    db_url: str, people: list[dict], tmp_path: Path
) -> None:
    death = builders.khai_tu(people)
    number = death["nguoi_mat"]["so_dinh_danh"]
    spouse = death["nguoi_yeu_cau"]["so_dinh_danh"]
    assert show(number)["con_song"] is True
    proc = tdp("submit", "khai_tu", write_json(tmp_path / "d.json", death), "--at", AT)
    assert proc.returncode == 0, proc.stdout
    assert re.fullmatch(rf"{re.escape(AGENCY[death['co_quan']])}-{DAY}-\d{{4}}",
                        json_out(proc)["receipt"])
    dead = show(number)
    assert dead["con_song"] is False
    listed = {p["so_dinh_danh"]: p for p in registry()}
    assert listed[number]["con_song"] is False
    assert listed[spouse]["tinh_trang_hon_nhan"] == "goa"
    # A second death filing for the same person is refused.
    again = tdp("submit", "khai_tu", str(tmp_path / "d.json"), "--at", AT)
    assert again.returncode == 1 and json_out(again)["valid"] is False

    marriage = builders.ket_hon(people)
    proc = tdp("submit", "ket_hon", write_json(tmp_path / "m.json", marriage), "--at", AT)
    assert proc.returncode == 0, proc.stdout
    man, woman = marriage["ben_nam"]["so_dinh_danh"], marriage["ben_nu"]["so_dinh_danh"]
    assert show(man)["tinh_trang_hon_nhan"] == "da_ket_hon"
    assert show(woman)["tinh_trang_hon_nhan"] == "da_ket_hon"


# --- unusable input: exit 2, one Vietnamese line ---------------------------------------------


@pytest.fixture
def inputs(tmp_path: Path, people: list[dict]) -> dict[str, str]:
    (tmp_path / "adir").mkdir()
    (tmp_path / "not.json").write_text("{ khai_sinh: oops", encoding="utf-8")
    (tmp_path / "array.json").write_text("[1, 2, 3]", encoding="utf-8")
    (tmp_path / "latin1.json").write_bytes(b'{"ho_ten": "Nguy\xean"}')
    (tmp_path / "empty.json").write_text("", encoding="utf-8")
    return {
        "good": write_json(tmp_path / "good.json", builders.chung_thuc(people)),
        "missing": str(tmp_path / "no-such-file.json"),
        "dir": str(tmp_path / "adir"),
        "not_json": str(tmp_path / "not.json"),
        "array": str(tmp_path / "array.json"),
        "latin1": str(tmp_path / "latin1.json"),
        "empty": str(tmp_path / "empty.json"),
    }


PROC = "chung_thuc_ban_sao_dien_tu"
UNUSABLE = {
    "unknown procedure": (["khai_sinh_x", "{good}"], None),
    "missing file": ([PROC, "{missing}"], None),
    "a directory": ([PROC, "{dir}"], None),
    "not JSON": ([PROC, "{not_json}"], None),
    "empty file": ([PROC, "{empty}"], None),
    "JSON array": ([PROC, "{array}"], None),
    "not UTF-8": ([PROC, "{latin1}"], None),
    "not JSON on stdin": ([PROC, "-"], "this is not json"),
    "JSON string on stdin": ([PROC, "-"], '"khai_sinh"'),
    "bad --at month": ([PROC, "{good}", "--at", "2026-13-01T09:00"], None),
    "bad --at format": ([PROC, "{good}", "--at", "27/11/2026 9:00"], None),
    "--at past year 9998": ([PROC, "{good}", "--at", "9999-12-31T16:00"], None),
    "no arguments": ([], None),
    "no file": ([PROC], None),
    "unknown option": ([PROC, "{good}", "--bogus"], None),
    "--at without value": ([PROC, "{good}", "--at"], None),
}


@pytest.mark.parametrize("command", ["check", "submit"])
@pytest.mark.parametrize("case", sorted(UNUSABLE))
def test_unusable_input_exits_2_with_one_vietnamese_line(
    case: str, command: str, db_url: str, inputs: dict[str, str]
) -> None:
    if command == "submit" and case not in ("unknown procedure", "not JSON", "JSON array",
                                            "bad --at month", "no file"):
        pytest.skip("the input handling is shared with `check`; a sample is enough")
    args, stdin = UNUSABLE[case]
    proc = tdp(command, *(a.format(**inputs) for a in args), stdin=stdin)
    assert_one_vietnamese_line(proc)


def test_unusable_submit_records_nothing(db_url: str, inputs: dict[str, str]) -> None:
    before = tdp("registry", "list", "--json").stdout
    assert_one_vietnamese_line(tdp("submit", "khai_tu", inputs["array"], "--at", AT))
    assert tdp("registry", "list", "--json").stdout == before


@pytest.mark.parametrize("args", [[], ["nope"], ["registry"], ["registry", "list", "--ward"],
                                  ["catalog", "nope"]], ids=repr)
def test_bad_usage_of_other_commands_exits_2(args: list[str], db_url: str) -> None:
    assert_one_vietnamese_line(tdp(*args))


# --- the registry ----------------------------------------------------------------------------


def test_registry_list_json_is_one_array_with_the_contract_keys(
    db_url: str, people: list[dict]
) -> None:
    proc = tdp("registry", "list", "--json")
    assert proc.returncode == 0 and proc.stderr == ""
    data = json.loads(proc.stdout)
    assert isinstance(data, list) and len(data) == len(people) > 1000
    for person in data:
        assert DOMAIN_PERSON_KEYS <= set(person), DOMAIN_PERSON_KEYS - set(person)
        assert isinstance(person["noi_cu_tru"], dict)
        assert person["noi_cu_tru"]["co_quan"] in AGENCY
        assert re.fullmatch(r"\d{12}", person["so_dinh_danh"])
        assert person["gioi_tinh"] in ("nam", "nu")
        assert person["tinh_trang_hon_nhan"] in ("doc_than", "da_ket_hon", "ly_hon", "goa")
        assert isinstance(person["con_song"], bool)
        assert person["vneid_muc"] in (0, 1, 2)
    assert len({p["so_dinh_danh"] for p in data}) == len(data)
    assert {p["so_dinh_danh"] for p in data} == {p["so_dinh_danh"] for p in people}


def test_registry_list_ward_filters(db_url: str) -> None:
    everyone = registry()
    yen_the = registry("yen_the")
    assert yen_the and all(p["noi_cu_tru"]["co_quan"] == "yen_the" for p in yen_the)
    expected = {p["so_dinh_danh"] for p in everyone if p["noi_cu_tru"]["co_quan"] == "yen_the"}
    assert {p["so_dinh_danh"] for p in yen_the} == expected
    assert len(yen_the) < len(everyone)


def test_registry_list_unknown_ward_exits_2(db_url: str) -> None:
    line = assert_one_vietnamese_line(tdp("registry", "list", "--ward", "pleiku", "--json"))
    assert "pleiku" in line


def test_registry_show(db_url: str, people: list[dict]) -> None:
    person = people[0]
    proc = tdp("registry", "show", person["so_dinh_danh"])
    assert proc.returncode == 0, proc.stderr
    assert person["ho_ten"] in proc.stdout and person["so_dinh_danh"] in proc.stdout
    assert show(person["so_dinh_danh"]) == person
    assert_one_vietnamese_line(tdp("registry", "show", "064099999999"))


# --- unexpected errors: no traceback, the log's path -----------------------------------------


@pytest.mark.parametrize("url", ["sqlite:////proc/nope/x.sqlite", "nosuchdialect://x/y"])
def test_unexpected_error_names_the_log_and_shows_no_traceback(
    url: str, db_url: str, inputs: dict[str, str], tmp_path: Path
) -> None:
    log = tmp_path / "var" / "tdp.log"  # TDP_VAR_DIR of the `db_url` fixture
    proc = tdp("check", PROC, inputs["good"], "--at", AT, env={"TDP_DATABASE_URL": url})
    assert proc.returncode not in (0, 1, 2), (proc.returncode, proc.stderr)
    assert "Traceback" not in proc.stderr and proc.stdout == ""
    assert str(log) in proc.stderr
    assert VIETNAMESE.search(proc.stderr)
    assert "Traceback" in log.read_text(encoding="utf-8")  # the details went to the log


def test_db_option_overrides_the_environment(db_url: str, inputs: dict[str, str],
                                             tmp_path: Path) -> None:
    proc = tdp("--db", "sqlite:////proc/nope/x.sqlite", "check", PROC, inputs["good"],
               "--at", AT)
    assert proc.returncode not in (0, 1) and "Traceback" not in proc.stderr
    assert str(tmp_path / "var" / "tdp.log") in proc.stderr


# --- start-up cost ---------------------------------------------------------------------------


def test_check_imports_no_pandas_widgets_or_matplotlib(
    db_url: str, inputs: dict[str, str]
) -> None:
    script = textwrap.dedent(f"""
        import json, sys
        from tdp.cli import main
        code = main(["check", {PROC!r}, {inputs["good"]!r}, "--at", {AT!r}])
        heavy = sorted(m for m in sys.modules
                       if m.split(".")[0] in ("pandas", "ipywidgets", "matplotlib"))
        print(json.dumps({{"code": code, "heavy": heavy}}))
    """)
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          encoding="utf-8", env=dict(os.environ), timeout=HANG_GUARD,
                          check=False)
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout.strip().splitlines()[-1])
    assert report == {"code": 0, "heavy": []}
