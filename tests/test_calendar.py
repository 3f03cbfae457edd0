"""Working days and the appointment date (domain.md, "Working days and the appointment date").

Holiday dates below are what `holidays` 0.109 gives for VN; where they rest on a Government
decision the test says which.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tdp.calendar import WorkCalendar, load_calendar
from tdp.errors import CatalogError

CAL = WorkCalendar()  # the package's holidays only


def d(s: str) -> date:
    return date.fromisoformat(s)


def at(s: str) -> datetime:
    return datetime.fromisoformat(s)


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "calendar.yaml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


# --- Working days -------------------------------------------------------------------------


def test_weekends_are_not_working_days() -> None:
    assert CAL.is_working_day(d("2026-11-27"))  # Friday
    assert not CAL.is_working_day(d("2026-11-28"))  # Saturday
    assert not CAL.is_working_day(d("2026-11-29"))  # Sunday
    assert CAL.is_working_day(d("2026-11-30"))  # Monday
    assert CAL.holiday_name(d("2026-11-28")) is None  # a weekend is not a holiday


def test_tet_2026_is_16_to_20_february() -> None:
    # Tết Bính Ngọ: mùng 1 = Tuesday 17/2/2026. Government decision: off Saturday 14/2 to
    # Sunday 22/2 (9 days), i.e. the 5 Tết days Monday 16/2 (29 Tết) – Friday 20/2 (mùng 4).
    tet = [d("2026-02-16") + timedelta(days=i) for i in range(5)]
    assert all(not CAL.is_working_day(x) for x in tet)
    assert CAL.holiday_name(d("2026-02-17")) == "Tết Nguyên Đán"
    assert CAL.holiday_name(d("2026-02-16")) == "Giao thừa Tết Nguyên Đán"
    assert CAL.is_working_day(d("2026-02-13"))
    assert CAL.is_working_day(d("2026-02-23"))
    closed = [d("2026-02-14") + timedelta(days=i) for i in range(9)]
    assert not any(CAL.is_working_day(x) for x in closed)


def test_tet_2027_gives_two_compensation_days() -> None:
    # Tết Đinh Mùi: mùng 1 = Saturday 6/2/2027. The 5 days (giao thừa 5/2 … mùng 4 9/2) include
    # a Saturday and a Sunday, so the package adds 29 Tết (Thu 4/2) and mùng 5 (Wed 10/2).
    # That is the package's estimate: the Government has not yet decided 2027.
    for x in ("2027-02-04", "2027-02-05", "2027-02-08", "2027-02-09", "2027-02-10"):
        assert not CAL.is_working_day(d(x)), x
    assert CAL.holiday_name(d("2027-02-06")) == "Tết Nguyên Đán"
    assert CAL.holiday_name(d("2027-02-04")) == "29 Tết"
    assert CAL.holiday_name(d("2027-02-10")) == "Mùng năm Tết Nguyên Đán"
    assert CAL.is_working_day(d("2027-02-03"))
    assert CAL.is_working_day(d("2027-02-11"))


@pytest.mark.parametrize("year", range(2024, 2031))
def test_tet_is_five_working_days_off(year: int) -> None:
    """Bộ luật Lao động 2019, Điều 112: Tết Âm lịch 5 days, weekend days made up."""
    jan1 = date(year, 1, 1)
    days = [jan1 + timedelta(days=i) for i in range(75)]
    tet = [
        x
        for x in days
        if (name := CAL.holiday_name(x)) and "Tết" in name and "Dương lịch" not in name
    ]
    assert sum(x.weekday() < 5 for x in tet) == 5


def test_30_april_and_1_may() -> None:
    assert CAL.holiday_name(d("2026-04-30")) == "Ngày Chiến thắng"
    assert CAL.holiday_name(d("2026-05-01")) == "Ngày Quốc tế Lao động"
    assert not CAL.is_working_day(d("2026-04-30"))
    assert not CAL.is_working_day(d("2026-05-01"))
    assert CAL.is_working_day(d("2026-05-04"))


def test_2_september_and_an_adjacent_day() -> None:
    # 2026: 2/9 is a Wednesday, the adjacent day is Tuesday 1/9; 2027: Thursday 2/9 + Friday 3/9.
    assert CAL.holiday_name(d("2026-09-01")) == "Quốc khánh"
    assert CAL.holiday_name(d("2026-09-02")) == "Quốc khánh"
    assert CAL.holiday_name(d("2027-09-02")) == "Quốc khánh"
    assert CAL.holiday_name(d("2027-09-03")) == "Quốc khánh"
    assert CAL.is_working_day(d("2027-09-01"))
    assert CAL.is_working_day(d("2027-09-06"))


def test_observed_day_when_a_holiday_falls_on_a_weekend() -> None:
    # Giỗ Tổ Hùng Vương 2026 (10/3 âm lịch) is Sunday 26/4: Monday 27/4 is off instead.
    assert d("2026-04-26").weekday() == 6
    assert CAL.holiday_name(d("2026-04-27")) == "Ngày Giỗ Tổ Hùng Vương (nghỉ bù)"
    assert not CAL.is_working_day(d("2026-04-27"))
    # 1/5/2027 is a Saturday: Monday 3/5/2027 is off.
    assert not CAL.is_working_day(d("2027-05-03"))
    # 1/1/2028 is a Saturday: Monday 3/1/2028 is off.
    assert CAL.holiday_name(d("2028-01-03")) == "Tết Dương lịch (nghỉ bù)"


def test_swaps_the_package_knows() -> None:
    # 2025: Friday 2/5 off, Saturday 26/4 worked (Văn bản 8726/VPCP-KGVX).
    assert not CAL.is_working_day(d("2025-05-02"))
    assert CAL.is_working_day(d("2025-04-26"))
    assert CAL.holiday_name(d("2025-04-26")) is None
    # 2026: Monday 31/8 off, Saturday 22/8 worked.
    assert not CAL.is_working_day(d("2026-08-31"))
    assert CAL.is_working_day(d("2026-08-22"))


def test_datetime_is_taken_as_its_calendar_day() -> None:
    assert not CAL.is_working_day(at("2026-02-17T10:00"))
    assert CAL.next_working_day(at("2026-02-13T23:00")) == d("2026-02-23")


# --- The course file ------------------------------------------------------------------------

EXTRAS = """\
    extra_days_off:
      - ngay: 2027-04-29
        ghi_chu: "Nghỉ thứ Năm 29/4/2027 (hoán đổi, mẫu cho bài kiểm thử)"
    extra_working_days:
      - ngay: "2027-04-24"
        ghi_chu: "Làm bù thứ Bảy 24/4/2027 (mẫu)"
"""


def test_extra_day_off_and_extra_working_saturday(tmp_path: Path) -> None:
    cal = load_calendar(write(tmp_path, EXTRAS))
    assert cal.extra_days_off == {d("2027-04-29")}
    assert cal.extra_working_days == {d("2027-04-24")}
    assert not cal.is_working_day(d("2027-04-29"))
    assert (
        cal.holiday_name(d("2027-04-29"))
        == "Nghỉ thứ Năm 29/4/2027 (hoán đổi, mẫu cho bài kiểm thử)"
    )
    assert cal.is_working_day(d("2027-04-24"))
    assert cal.holiday_name(d("2027-04-24")) is None
    # Without the file both are ordinary days.
    assert CAL.is_working_day(d("2027-04-29"))
    assert not CAL.is_working_day(d("2027-04-24"))
    # Friday 23/4 after 15:00: day 0 is the working Saturday 24/4; +3 = Mon 26, Tue 27, Wed 28.
    assert cal.day_zero(at("2027-04-23T15:00")) == d("2027-04-24")
    assert cal.appointment(at("2027-04-23T15:00"), 3) == d("2027-04-28")
    # Wed 28/4 + 1: Thu 29 (off), Fri 30 (30/4), Sat 1/5, Sun 2/5, Mon 3/5 (observed 1/5) → 4/5.
    assert cal.appointment(at("2027-04-28T09:00"), 1) == d("2027-05-04")


def test_extra_working_day_can_cancel_a_package_holiday(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """\
        extra_working_days:
          - ngay: 2027-02-04
            ghi_chu: "Quyết định năm 2027 không cho nghỉ 29 Tết (mẫu)"
        """,
    )
    cal = load_calendar(path)
    assert cal.is_working_day(d("2027-02-04"))
    assert cal.holiday_name(d("2027-02-04")) is None


def test_the_real_course_file_loads(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TDP_COURSE_DIR", raising=False)
    monkeypatch.delenv("TDP_ROOT", raising=False)
    assert isinstance(load_calendar(), WorkCalendar)


def test_missing_default_file_means_package_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TDP_COURSE_DIR", str(tmp_path))
    assert load_calendar() == WorkCalendar()


def test_missing_explicit_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(CatalogError) as exc:
        load_calendar(tmp_path / "khong_co.yaml")
    assert "Không tìm thấy" in exc.value.problems[0].message


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("extra_days_off: [\n", ""),  # not YAML
        ("- 2026-01-02\n", ""),  # a list, not a mapping
        ("extra_day_off: []\n", "extra_day_off"),  # typo in a key
        ("extra_days_off: 2026-01-02\n", "extra_days_off"),  # not a list
        ("extra_days_off:\n  - 2026-01-02\n", "extra_days_off.0"),  # entry is not a mapping
        ('extra_days_off:\n  - {ngay: "2026-02-31", ghi_chu: x}\n', "extra_days_off.0.ngay"),
        ("extra_days_off:\n  - {ngay: 2026-02-31, ghi_chu: x}\n", "extra_days_off.0.ngay"),
        ("extra_days_off:\n  - {ngay: 2026-1-2, ghi_chu: x}\n", "extra_days_off.0.ngay"),
        ('extra_days_off:\n  - {ngay: "02/01/2026", ghi_chu: x}\n', "extra_days_off.0.ngay"),
        ("extra_days_off:\n  - {ngay: 2026-01-02 08:00, ghi_chu: x}\n", "extra_days_off.0.ngay"),
        ("extra_days_off:\n  - {ghi_chu: x}\n", "extra_days_off.0.ngay"),
        ("extra_days_off:\n  - {ngay: 2026-01-02}\n", "extra_days_off.0.ghi_chu"),
        ('extra_days_off:\n  - {ngay: 2026-01-02, ghi_chu: "  "}\n', "extra_days_off.0.ghi_chu"),
        (
            "extra_days_off:\n  - {ngay: 2026-01-02, ghi_chu: x, lý_do: y}\n",
            "extra_days_off.0.lý_do",
        ),
        (
            "extra_days_off:\n  - {ngay: 2026-01-02, ghi_chu: x}\n"
            "  - {ngay: 2026-01-02, ghi_chu: y}\n",
            "extra_days_off.1.ngay",
        ),
        (
            "extra_days_off:\n  - {ngay: 2026-01-10, ghi_chu: x}\n"
            "extra_working_days:\n  - {ngay: 2026-01-10, ghi_chu: y}\n",
            "extra_working_days",
        ),
        # A Friday that is already a working day: probably a typo for the Saturday.
        ("extra_working_days:\n  - {ngay: 2026-01-09, ghi_chu: x}\n", "extra_working_days.0.ngay"),
    ],
)
def test_malformed_file_raises_catalog_error(tmp_path: Path, text: str, key: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(CatalogError) as exc:
        load_calendar(path)
    problems = exc.value.problems
    assert [p.key for p in problems] == [key]
    assert problems[0].file == str(path)
    assert problems[0].message  # Vietnamese, says what to do
    assert str(path) in str(exc.value)


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "extra_days_off:\n  - {ngay: 2026-13-01}\nextra_working_days: 5\n",
    )
    with pytest.raises(CatalogError) as exc:
        load_calendar(path)
    assert {p.key for p in exc.value.problems} == {
        "extra_days_off.0.ngay",
        "extra_days_off.0.ghi_chu",
        "extra_working_days",
    }


def test_empty_file_is_an_empty_calendar(tmp_path: Path) -> None:
    assert load_calendar(write(tmp_path, "# chưa có quyết định nào\n")) == WorkCalendar()
    assert load_calendar(write(tmp_path, "extra_days_off:\nextra_working_days: []\n")) == (
        WorkCalendar()
    )


# --- Day 0 and the appointment --------------------------------------------------------------


def test_cutoff_at_15_00() -> None:
    assert CAL.day_zero(at("2026-11-26T14:59")) == d("2026-11-26")  # Thursday
    assert CAL.day_zero(at("2026-11-26T14:59:59")) == d("2026-11-26")
    assert CAL.day_zero(at("2026-11-26T15:00")) == d("2026-11-27")
    assert CAL.day_zero(at("2026-11-27T15:00")) == d("2026-11-30")  # Friday → Monday
    assert CAL.day_zero(at("2026-11-26T00:00")) == d("2026-11-26")


@pytest.mark.parametrize(
    ("submitted", "zero"),
    [
        ("2026-11-28T08:00", "2026-11-30"),  # Saturday morning
        ("2026-11-29T23:59", "2026-11-30"),  # Sunday night
        ("2026-02-17T09:00", "2026-02-23"),  # mùng 1 Tết
        ("2026-02-13T15:30", "2026-02-23"),  # Friday before Tết, after 15:00
        ("2026-04-30T10:00", "2026-05-04"),  # 30/4
        ("2026-04-26T10:00", "2026-04-28"),  # Giỗ Tổ on Sunday, Monday observed
    ],
)
def test_submission_on_a_day_off(submitted: str, zero: str) -> None:
    assert CAL.day_zero(at(submitted)) == d(zero)


def test_zero_working_days_is_day_zero() -> None:
    assert CAL.appointment(at("2026-11-26T10:00"), 0) == d("2026-11-26")
    assert CAL.appointment(at("2026-11-28T10:00"), 0) == d("2026-11-30")


def test_three_working_days_across_a_weekend() -> None:
    # Thursday 26/11 → Fri 27, Mon 30, Tue 1/12.
    assert CAL.appointment(at("2026-11-26T10:00"), 3) == d("2026-12-01")
    assert CAL.appointment(at("2026-11-26T15:00"), 3) == d("2026-12-02")


def test_three_working_days_across_tet() -> None:
    # Thursday 12/2/2026 → Fri 13, (Tết 14–22), Mon 23, Tue 24.
    assert CAL.appointment(at("2026-02-12T10:00"), 3) == d("2026-02-24")
    # Friday 13/2 after 15:00 → day 0 Mon 23 → Thu 26.
    assert CAL.appointment(at("2026-02-13T16:00"), 3) == d("2026-02-26")
    # 2027: Wednesday 3/2 → (4–10/2 off) Thu 11, Fri 12, Mon 15.
    assert CAL.appointment(at("2027-02-03T08:00"), 3) == d("2027-02-15")


def test_aware_datetime_is_converted_to_vietnam_time() -> None:
    utc = UTC
    assert CAL.day_zero(datetime(2026, 11, 26, 7, 59, tzinfo=utc)) == d("2026-11-26")  # 14:59
    assert CAL.day_zero(datetime(2026, 11, 26, 8, 0, tzinfo=utc)) == d("2026-11-27")  # 15:00
    # 20:00 UTC Sunday is 03:00 Monday in Vietnam.
    assert CAL.day_zero(datetime(2026, 11, 29, 20, 0, tzinfo=utc)) == d("2026-11-30")


def test_add_working_days_refuses_bad_arguments() -> None:
    with pytest.raises(ValueError):
        CAL.add_working_days(d("2026-11-28"), 1)  # Saturday
    with pytest.raises(ValueError):
        CAL.add_working_days(d("2026-11-26"), -1)


def test_working_days_between() -> None:
    assert CAL.working_days_between(d("2026-02-12"), d("2026-02-24")) == 3
    assert CAL.working_days_between(d("2026-02-24"), d("2026-02-12")) == 0
    assert CAL.working_days_between(d("2026-11-26"), d("2026-11-26")) == 0


def test_importing_the_module_stays_light() -> None:
    code = (
        "import sys, tdp.calendar, tdp.dates; "
        "print(sorted(m for m in ('pandas', 'ipywidgets', 'matplotlib') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


# --- Properties -----------------------------------------------------------------------------

WITH_EXTRAS = WorkCalendar(
    extra_days_off=frozenset({d("2027-04-29"), d("2026-01-02")}),
    extra_working_days=frozenset({d("2027-04-24"), d("2026-01-10")}),
)
calendars = st.sampled_from([CAL, WITH_EXTRAS])
moments = st.datetimes(min_value=datetime(2024, 1, 1), max_value=datetime(2030, 12, 31, 23, 59))
working_days = st.integers(min_value=0, max_value=15)


@settings(deadline=None)
@given(cal=calendars, moment=moments, n=working_days)
def test_appointment_is_a_working_day_not_before_day_zero(
    cal: WorkCalendar, moment: datetime, n: int
) -> None:
    zero = cal.day_zero(moment)
    due = cal.appointment(moment, n)
    assert cal.is_working_day(zero)
    assert cal.is_working_day(due)
    assert zero >= moment.date()
    assert due >= zero
    assert cal.working_days_between(zero, due) == n
    assert (due == zero) == (n == 0)


@settings(deadline=None)
@given(cal=calendars, a=moments, b=moments, n=working_days)
def test_appointment_never_moves_backwards(
    cal: WorkCalendar, a: datetime, b: datetime, n: int
) -> None:
    early, late = sorted((a, b))
    assert cal.day_zero(early) <= cal.day_zero(late)
    assert cal.appointment(early, n) <= cal.appointment(late, n)


@settings(deadline=None)
@given(cal=calendars, day=st.dates(min_value=date(2024, 1, 1), max_value=date(2030, 12, 31)))
def test_next_working_day_skips_only_days_off(cal: WorkCalendar, day: date) -> None:
    nxt = cal.next_working_day(day)
    assert nxt > day
    assert cal.is_working_day(nxt)
    gap = [day + timedelta(days=i) for i in range(1, (nxt - day).days)]
    assert not any(cal.is_working_day(x) for x in gap)
    assert len(gap) <= 9  # the longest break is Tết with its weekends
