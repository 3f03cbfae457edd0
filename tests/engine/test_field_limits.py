"""Field lengths come from the field types, and the store's columns take them: whatever
`check` accepts, `submit` can write, on PostgreSQL too (VARCHAR(n) is enforced there)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from datetime import datetime

import pytest
from builders import error_at, khai_sinh

from tdp.catalog import load_catalog
from tdp.engine import check, max_length
from tdp.store.schema import FilingRow, PersonRow

AT = datetime(2026, 11, 27, 10, 0)


def _column_length(table: type, name: str) -> int | None:
    column = table.__table__.columns.get(name)
    return getattr(column.type, "length", None) if column is not None else None


def test_every_text_a_filing_copies_into_a_column_fits_it() -> None:
    checked = 0
    for proc in load_catalog().procedures.values():
        for effect in proc.effects:
            if effect.kind != "register_child":
                continue
            child = proc.field((effect.model_extra or {})["child"])
            for spec in child.fields:
                limit = max_length(spec)
                column = _column_length(PersonRow, spec.id)
                if limit is not None and column is not None:
                    assert limit <= column, (proc.id, spec.id, limit, column)
                    checked += 1
        co_quan = proc.field("co_quan")
        assert max_length(co_quan) is not None
        checked += 1
    assert checked >= 8  # ho_ten, dan_toc, quoc_tich of the child, and each co_quan
    # co_quan is a commune id: any longer text is refused as an unknown commune, and the
    # column is wider than every id
    ids = [c.id for c in load_catalog().wards.communes]
    assert max(map(len, ids)) <= _column_length(FilingRow, "co_quan")


@pytest.mark.parametrize(("path", "value"), [
    ("tre.ho_ten", " ".join(["Nguyễn"] * 44)),  # 307 characters: a valid-looking name
    ("tre.dan_toc", "Kinh" * 13),  # 52 > VARCHAR(50)
    ("tre.noi_sinh", "Bệnh viện " * 40),
])
def test_too_long_is_refused_by_check_with_a_coded_message(people, store, path, value) -> None:
    filing = khai_sinh(people)
    group, key = path.split(".")
    filing[group][key] = value
    result = check("khai_sinh", filing, AT, store)
    error = error_at(result, path)
    assert error.code == "van_ban_qua_dai" and "tối đa" in error.message
    assert not result.valid


def test_control_characters_in_free_text_are_refused(people, store) -> None:
    filing = khai_sinh(people)
    filing["tre"]["noi_sinh"] = "Bệnh viện\x1b[2J Pleiku"
    assert error_at(check("khai_sinh", filing, AT, store), "tre.noi_sinh").code == (
        "ky_tu_khong_hop_le")


def test_a_5000_digit_integer_in_the_json_is_a_coded_error(db_url, tmp_path, people) -> None:
    filing = khai_sinh(people)
    text = re.sub(r'"so_ban_sao": \d+', '"so_ban_sao": ' + "9" * 5000, json.dumps(filing))
    assert "9" * 5000 in text
    path = tmp_path / "ho_so.json"
    path.write_text(text, encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "tdp.cli", "check", "khai_sinh", str(path),
                          "--at", "2026-11-27T10:00"],
                         capture_output=True, text=True, timeout=300)
    assert out.returncode == 1, out.stderr
    errors = json.loads(out.stdout)["errors"]
    assert [e["code"] for e in errors if e["field"] == "so_ban_sao"] == ["so_qua_lon"]
