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
DOMAIN_PERSON_KEYS = {
    "so_dinh_danh", "ho_ten", "ngay_sinh", "gioi_tinh", "dan_toc", "quoc_tich", "noi_cu_tru",
    "tinh_trang_hon_nhan", "vneid_muc", "so_dien_thoai",
    # issue 2 adds these
    "ma_ho", "quan_he_chu_ho", "con_song", "so_dinh_danh_cha", "so_dinh_danh_me",
}
AGENCY = {"thong_nhat": "000.31.25.H21", "pleiku": "000.32.25.H21"}

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
    for _ in range(2):  # a check never registers the child, so the second is as valid
        proc = tdp("check", "khai_sinh", path, "--at", AT)
        assert proc.returncode == 0, proc.stdout
        assert "receipt" not in json_out(proc)
    assert registry() == people


# --- tdp submit ------------------------------------------------------------------------------


def test_submit_birth_issues_receipt_and_identity_number(
    db_url: str, people: list[dict], tmp_path: Path
) -> None:
    filing = builders.khai_sinh(people)
    path = write_json(tmp_path / "f.json", filing)
    proc = tdp("submit", "khai_sinh", path, "--at", AT)
    assert proc.returncode == 0, (proc.stdout, proc.stderr)
    data = json_out(proc)
    assert set(data) == CHECK_KEYS | {"receipt", "so_dinh_danh"}
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
    assert set(data) == CHECK_KEYS | {"receipt"}
    assert data["receipt"] == f"{AGENCY['thong_nhat']}-{DAY}-0001"
    assert data["fee"] == 7_000


def test_refused_submit_records_nothing(db_url: str, people: list[dict],
                                        tmp_path: Path) -> None:
    filing = builders.khai_sinh(people)
    filing["tre"]["ngay_sinh"] = "2026-12-25"  # after the submission: refused
    proc = tdp("submit", "khai_sinh", write_json(tmp_path / "bad.json", filing), "--at", AT)
    assert proc.returncode == 1, proc.stdout
    data = json_out(proc)
    assert_check_shape(data)
    assert data["valid"] is False and "tre.ngay_sinh" in {e["field"] for e in data["errors"]}
    assert registry() == people
    # No receipt number was used up either: the next accepted filing of that agency is 0001.
    good = builders.khai_sinh(people)
    proc = tdp("submit", "khai_sinh", write_json(tmp_path / "good.json", good), "--at", AT)
    assert json_out(proc)["receipt"] == f"{AGENCY[good['co_quan']]}-{DAY}-0001"


def test_registry_reflects_a_death_and_a_marriage(
    db_url: str, people: list[dict], tmp_path: Path
) -> None:
    death = builders.khai_tu(people)
    marriage = builders.ket_hon(people)
    number = death["nguoi_mat"]["so_dinh_danh"]
    spouse = death["nguoi_yeu_cau"]["so_dinh_danh"]
    man, woman = marriage["ben_nam"]["so_dinh_danh"], marriage["ben_nu"]["so_dinh_danh"]
    before = {p["so_dinh_danh"]: p for p in people}
    assert before[number]["con_song"] is True
    assert before[man]["tinh_trang_hon_nhan"] == before[woman]["tinh_trang_hon_nhan"] == "doc_than"

    proc = tdp("submit", "khai_tu", write_json(tmp_path / "d.json", death), "--at", AT)
    assert proc.returncode == 0, proc.stdout
    assert re.fullmatch(rf"{re.escape(AGENCY[death['co_quan']])}-{DAY}-\d{{4}}",
                        json_out(proc)["receipt"])
    # A second death filing for the same person is refused.
    again = tdp("submit", "khai_tu", str(tmp_path / "d.json"), "--at", AT)
    assert again.returncode == 1 and json_out(again)["valid"] is False
    proc = tdp("submit", "ket_hon", write_json(tmp_path / "m.json", marriage), "--at", AT)
    assert proc.returncode == 0, proc.stdout

    after = {p["so_dinh_danh"]: p for p in registry()}
    assert after[number]["con_song"] is False
    assert after[number]["ngay_mat"] == death["nguoi_mat"]["ngay_mat"]
    assert after[spouse]["tinh_trang_hon_nhan"] == "goa"
    assert after[man]["tinh_trang_hon_nhan"] == after[woman]["tinh_trang_hon_nhan"] == "da_ket_hon"
    changed = {n for n in before if before[n] != after[n]}
    assert changed == {number, spouse, man, woman}


# --- unusable input: exit 2, one Vietnamese line ---------------------------------------------

PROC = "chung_thuc_ban_sao_dien_tu"
SUBMIT = "submit"
UNUSABLE: dict[str, tuple[list[str], str | None]] = {
    "unknown procedure": (["check", "khai_sinh_x", "{good}"], None),
    "missing file": (["check", PROC, "{missing}"], None),
    "a directory": (["check", PROC, "{dir}"], None),
    "not JSON": (["check", PROC, "{not_json}"], None),
    "empty file": (["check", PROC, "{empty}"], None),
    "JSON array": (["check", PROC, "{array}"], None),
    "not UTF-8": (["check", PROC, "{latin1}"], None),
    "not JSON on stdin": (["check", PROC, "-"], "this is not json"),
    "JSON string on stdin": (["check", PROC, "-"], '"khai_sinh"'),
    "bad --at month": (["check", PROC, "{good}", "--at", "2026-13-01T09:00"], None),
    "bad --at format": (["check", PROC, "{good}", "--at", "27/11/2026 9:00"], None),
    "--at in year 9999": (["check", PROC, "{good}", "--at", "9999-12-31T16:00"], None),
    "check without arguments": (["check"], None),
    "check without a file": (["check", PROC], None),
    "unknown option": (["check", PROC, "{good}", "--bogus"], None),
    "--at without a value": (["check", PROC, "{good}", "--at"], None),
    "submit: unknown procedure": ([SUBMIT, "khai_tu_x", "{good}", "--at", AT], None),
    "submit: not JSON": ([SUBMIT, "khai_tu", "{not_json}", "--at", AT], None),
    "submit: JSON array": ([SUBMIT, "khai_tu", "{array}", "--at", AT], None),
    "submit: JSON array on stdin": ([SUBMIT, "khai_tu", "-", "--at", AT], "[{}]"),
    "submit: bad --at": ([SUBMIT, PROC, "{good}", "--at", "2026-11-27"], None),
    "submit without a file": ([SUBMIT, PROC], None),
    "--db without a value": (["check", PROC, "{good}", "--db"], None),
    "no command": ([], None),
    "unknown command": (["nope"], None),
    "registry without action": (["registry"], None),
    "--ward without a value": (["registry", "list", "--ward"], None),
    "unknown catalog action": (["catalog", "nope"], None),
    "catalog check of a missing dir": (["catalog", "check", "--dir", "{missing}"], None),
}


def make_inputs(where: Path, people: list[dict]) -> dict[str, str]:
    (where / "adir").mkdir()
    (where / "not.json").write_text("{ khai_sinh: oops", encoding="utf-8")
    (where / "array.json").write_text("[1, 2, 3]", encoding="utf-8")
    (where / "latin1.json").write_bytes(b'{"ho_ten": "Nguy\xean"}')
    (where / "empty.json").write_text("", encoding="utf-8")
    return {
        "good": write_json(where / "good.json", builders.chung_thuc(people)),
        "missing": str(where / "no-such-file.json"),
        "dir": str(where / "adir"),
        "not_json": str(where / "not.json"),
        "array": str(where / "array.json"),
        "latin1": str(where / "latin1.json"),
        "empty": str(where / "empty.json"),
    }


@pytest.fixture(scope="module")
def unusable_runs(
    template_db: Path, people: list[dict], tmp_path_factory: pytest.TempPathFactory
) -> tuple[dict[str, subprocess.CompletedProcess[str]], dict[str, str]]:
    """Every case of UNUSABLE, run once against one store copy, a few at a time."""
    from concurrent.futures import ThreadPoolExecutor

    where = tmp_path_factory.mktemp("unusable")
    shutil.copy(template_db, where / "tdp.sqlite")
    env = {"TDP_DATABASE_URL": f"sqlite:///{where / 'tdp.sqlite'}",
           "TDP_VAR_DIR": str(where / "var")}
    inputs = make_inputs(where, people)

    def run(case: str) -> subprocess.CompletedProcess[str]:
        args, stdin = UNUSABLE[case]
        return tdp(*(a.format(**inputs) for a in args), stdin=stdin, env=env)

    with ThreadPoolExecutor(max_workers=max(2, os.cpu_count() or 2)) as pool:
        runs = dict(zip(UNUSABLE, pool.map(run, UNUSABLE), strict=True))
    return runs, env


@pytest.mark.parametrize("case", list(UNUSABLE))
def test_unusable_input_exits_2_with_one_vietnamese_line(
    case: str, unusable_runs: tuple[dict[str, subprocess.CompletedProcess[str]], dict]
) -> None:
    assert_one_vietnamese_line(unusable_runs[0][case])


def test_unusable_submit_records_nothing(
    unusable_runs: tuple[dict[str, subprocess.CompletedProcess[str]], dict[str, str]],
    people: list[dict],
) -> None:
    proc = tdp("registry", "list", "--json", env=unusable_runs[1])
    assert proc.returncode == 0, proc.stderr
    assert json_out(proc) == people


@pytest.fixture
def inputs(tmp_path: Path, people: list[dict]) -> dict[str, str]:
    where = tmp_path / "inputs"
    where.mkdir()
    return make_inputs(where, people)


# --- the registry ----------------------------------------------------------------------------


def test_registry_list_json_is_one_array_with_the_contract_keys(
    db_url: str, people: list[dict]
) -> None:
    proc = tdp("registry", "list", "--json")
    assert proc.returncode == 0 and proc.stderr == ""
    data = json.loads(proc.stdout)
    assert isinstance(data, list) and len(data) == len(people) > 1000
    for person in data:
        assert set(person) >= DOMAIN_PERSON_KEYS, DOMAIN_PERSON_KEYS - set(person)
        assert isinstance(person["noi_cu_tru"], dict)
        assert person["noi_cu_tru"]["co_quan"] in AGENCY
        assert re.fullmatch(r"\d{12}", person["so_dinh_danh"])
        assert person["gioi_tinh"] in ("nam", "nu")
        assert person["tinh_trang_hon_nhan"] in ("doc_than", "da_ket_hon", "ly_hon", "goa")
        assert isinstance(person["con_song"], bool)
        assert person["vneid_muc"] in (0, 1, 2)
    assert len({p["so_dinh_danh"] for p in data}) == len(data)
    assert data == people


def test_registry_list_ward_filters(db_url: str, people: list[dict]) -> None:
    thong_nhat = registry("thong_nhat")
    assert thong_nhat and all(p["noi_cu_tru"]["co_quan"] == "thong_nhat" for p in thong_nhat)
    assert thong_nhat == [p for p in people if p["noi_cu_tru"]["co_quan"] == "thong_nhat"]
    assert len(thong_nhat) < len(people)


def test_registry_list_unknown_ward_exits_2(db_url: str) -> None:
    line = assert_one_vietnamese_line(tdp("registry", "list", "--ward", "kon_tum", "--json"))
    assert "kon_tum" in line


def test_registry_show(db_url: str, people: list[dict]) -> None:
    person = people[0]
    proc = tdp("registry", "show", person["so_dinh_danh"])
    assert proc.returncode == 0, proc.stderr
    assert person["ho_ten"] in proc.stdout and person["so_dinh_danh"] in proc.stdout
    assert_one_vietnamese_line(tdp("registry", "show", "064099999999"))


# --- unexpected errors: no traceback, the log's path -----------------------------------------


def test_unexpected_error_names_the_log_and_shows_no_traceback(
    db_url: str, inputs: dict[str, str], tmp_path: Path
) -> None:
    log = tmp_path / "var" / "tdp.log"  # TDP_VAR_DIR of the `db_url` fixture
    broken = tmp_path / "hong.sqlite"  # a store file that is no database: nobody expects it
    broken.write_bytes(b"khong phai co so du lieu " * 100)
    proc = tdp("check", PROC, inputs["good"], "--at", AT,
               env={"TDP_DATABASE_URL": f"sqlite:///{broken}"})
    assert proc.returncode not in (0, 1, 2), (proc.returncode, proc.stderr)
    assert "Traceback" not in proc.stderr and proc.stdout == ""
    assert str(log) in proc.stderr
    assert VIETNAMESE.search(proc.stderr)
    assert "Traceback" in log.read_text(encoding="utf-8")  # the details went to the log


def test_db_option_overrides_the_environment(db_url: str, inputs: dict[str, str],
                                             tmp_path: Path) -> None:
    proc = tdp("--db", "sqlite:////proc/nope/x.sqlite", "check", PROC, inputs["good"],
               "--at", AT)
    # the --db store, not the environment's: its folder is missing (one line, exit 2)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert "/proc/nope" in proc.stderr and len(proc.stderr.strip().splitlines()) == 1


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


def test_json_flag_is_accepted_where_the_output_is_json_anyway(db_url, people, tmp_path) -> None:
    """`--json` (as `tdp registry` takes it) changes nothing on the commands that always print
    JSON: the same object, the same exit code, instead of a usage error."""
    good = write_json(tmp_path / "good.json", builders.chung_thuc(people))
    plain = tdp("check", "chung_thuc_ban_sao_dien_tu", good, "--at", AT)
    flagged = tdp("check", "chung_thuc_ban_sao_dien_tu", good, "--at", AT, "--json")
    assert (flagged.returncode, json_out(flagged)) == (plain.returncode, json_out(plain)) == (
        0, json_out(plain))
    submitted = tdp("submit", "chung_thuc_ban_sao_dien_tu", good, "--json", "--at", AT)
    assert submitted.returncode == 0
    receipt = json_out(submitted)["receipt"]
    assert receipt == f"{AGENCY['thong_nhat']}-{DAY}-0001"
    status = tdp("status", receipt, "--json")
    assert status.returncode == 0 and json_out(status)["status"] == 1
    moved = tdp("officer", "process", receipt, "--json", "--at", AT)
    assert moved.returncode == 0 and json_out(moved)[0]["status"] == 2
    assert_one_vietnamese_line(tdp("check", "chung_thuc_ban_sao_dien_tu", good, "--jsonx"))
