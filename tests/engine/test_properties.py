"""Properties of `check` over generated input (hypothesis): it never crashes, every error is a
well-formed Vietnamese message at a field of the procedure, and the appointment date behaves."""

from __future__ import annotations

import copy
import unicodedata
from datetime import date, datetime, time, timedelta

from builders import (
    VALID,
    assert_well_formed,
    birthday_of,
    chung_thuc,
    khai_sinh,
    khai_tu,
    marriage,
    partner_for,
    turning,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tdp.catalog import load_catalog
from tdp.catalog.models import FieldSpec
from tdp.engine import check, submit

CATALOG = load_catalog()
CALENDAR = CATALOG.calendar
PROCEDURES = sorted(CATALOG.procedures)
ALL_DOCUMENTS = sorted({d.id for p in CATALOG.procedures.values() for d in p.documents})
COMMUNES = [c.id for c in CATALOG.wards.communes]



def examples(n: int) -> settings:
    """Moderate sizes, no deadline (a check touches SQLite); the store fixture is reused
    across examples (`check` records nothing; the one submit test compares on shared state)."""
    return settings(deadline=None, max_examples=n,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])

# --- strategies ----------------------------------------------------------------------------

json_scalars = (st.none() | st.booleans() | st.integers() | st.floats()
                | st.text(max_size=20))
json_values = st.recursive(
    json_scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                max_size=4),
    max_leaves=10,
)
datetimes = st.datetimes(min_value=datetime(2025, 1, 1), max_value=datetime(2028, 12, 31))
iso_dates = st.dates(min_value=date(1900, 1, 1), max_value=date(2030, 12, 31)).map(
    date.isoformat)


def typed_value(spec: FieldSpec, people: list[dict]) -> st.SearchStrategy:
    """Values of the kind a field expects (often right, sometimes nearly), or anything."""
    numbers = [p["so_dinh_danh"] for p in people]
    names = [p["ho_ten"] for p in people]
    by_type = {
        "text": st.text(max_size=30) | st.sampled_from(COMMUNES),
        "person_name": st.sampled_from(names) | st.sampled_from(names).map(str.upper)
        | st.sampled_from(names).map(lambda s: unicodedata.normalize("NFD", s))
        | st.text(max_size=30),
        "identity_number": st.sampled_from(numbers) | st.from_regex(r"\A[0-9 ]{10,14}\Z")
        | st.text(max_size=14),
        "phone": st.from_regex(r"\A(\+84|0)[0-9 .]{8,12}\Z") | st.text(max_size=14),
        "date": iso_dates | st.sampled_from(["2026-02-29", "2026-13-01", "1/2/2026", ""]),
        "choice": st.sampled_from([c.value for c in spec.choices] or [""])
        | st.text(max_size=10),
        "integer": st.integers(-5, 20_000) | st.sampled_from(["3", " 2 ", "²", "１", "1e3"])
        | st.floats(),
        "documents": st.lists(st.sampled_from(ALL_DOCUMENTS) | json_scalars, max_size=5),
        "yes_no": st.booleans() | st.sampled_from(["có", "Không", "true", "yes", ""]),
    }
    if spec.type == "group":
        inner = st.fixed_dictionaries({}, optional={f.id: typed_value(f, people)
                                                    for f in spec.fields})
        return inner | json_values
    if spec.type == "list":
        item = st.fixed_dictionaries({}, optional={f.id: typed_value(f, people)
                                                   for f in spec.fields})
        return st.lists(item | json_scalars, max_size=4) | json_values
    return by_type[spec.type] | json_values


_STRATEGIES: dict[str, st.SearchStrategy] = {}  # built once: the registry is the same


def shaped_filing(procedure: str, people: list[dict]) -> st.SearchStrategy:
    if procedure not in _STRATEGIES:
        proc = CATALOG.procedure(procedure)
        _STRATEGIES[procedure] = st.fixed_dictionaries({}, optional={
            f.id: typed_value(f, people) for f in proc.fields})
    return _STRATEGIES[procedure]


def value_for(procedure: str, path: str, people: list[dict]) -> st.SearchStrategy:
    key = f"{procedure}:{path}"
    if key not in _STRATEGIES:
        _STRATEGIES[key] = typed_value(CATALOG.procedure(procedure).field(path), people)
    return _STRATEGIES[key]


_BUILT: dict[tuple, object] = {}


def once(builder, people: list[dict], *args):
    """A builder's result, computed once per module (scanning the registry is the slow part),
    returned as a fresh deep copy so an example may change it."""
    key = (builder.__name__, *args)
    if key not in _BUILT:
        _BUILT[key] = builder(people, *args)
    return copy.deepcopy(_BUILT[key])


def leaf_paths(specs: list[FieldSpec], prefix: str = "") -> list[str]:
    paths = []
    for spec in specs:
        path = prefix + spec.id
        paths.append(path)
        if spec.type == "group":
            paths += leaf_paths(spec.fields, path + ".")
        elif spec.type == "list":
            paths += leaf_paths(spec.fields, path + ".0.")
    return paths


def set_path(filing: dict, path: str, value) -> None:
    """Put `value` at `path` when the path can be reached (an earlier change may have replaced
    a group by something else, or emptied a list)."""
    node = filing
    *parents, last = path.split(".")
    for part in parents:
        if isinstance(node, list) and part.isdigit() and int(part) < len(node):
            node = node[int(part)]
        elif isinstance(node, dict):
            node = node.setdefault(part, {})
        else:
            return
    if isinstance(node, dict):
        node[last] = value


def assert_sane(procedure: str, result, at: datetime) -> None:
    assert_well_formed(procedure, result)
    assert isinstance(result.fee, int) and result.fee >= 0
    assert isinstance(result.late, bool)
    assert CALENDAR.is_working_day(result.appointment)
    assert result.appointment >= at.date()


# --- never crashes; errors are well formed -------------------------------------------------


@examples(100)
@given(procedure=st.sampled_from(PROCEDURES),
       filing=st.dictionaries(st.text(max_size=12) | st.sampled_from(
           ["co_quan", "giay_to", "nguoi_yeu_cau", "tre", "me", "cha", "nguoi_mat", "ben_nam",
            "ben_nu", "muc_dich", "ket_hon_voi", "giay_to_chung_thuc", "so_ban_sao"]),
           json_values, max_size=8),
       at=datetimes)
def test_random_json_objects_never_crash(store, procedure, filing, at) -> None:
    assert_sane(procedure, check(procedure, filing, at, store), at)


@examples(120)
@given(data=st.data(), procedure=st.sampled_from(PROCEDURES), at=datetimes)
def test_filings_of_the_right_shape_never_crash(people, store, data, procedure, at) -> None:
    filing = data.draw(shaped_filing(procedure, people))
    assert_sane(procedure, check(procedure, filing, at, store), at)


@examples(120)
@given(data=st.data(), procedure=st.sampled_from(PROCEDURES))
def test_one_field_changed_to_anything_never_crashes(people, store, data, procedure) -> None:
    at = datetime(2026, 11, 27, 10, 0)
    filing = once(VALID[procedure], people)
    proc = CATALOG.procedure(procedure)
    for _ in range(data.draw(st.integers(1, 3))):
        path = data.draw(st.sampled_from(leaf_paths(proc.fields)))
        set_path(filing, path, data.draw(value_for(procedure, path, people)))
    assert_sane(procedure, check(procedure, filing, at, store), at)


# --- names, fees and deadlines over their whole range --------------------------------------


@examples(80)
@given(data=st.data())
def test_a_name_matches_in_any_case_spacing_and_normal_form(people, store, data) -> None:
    filing = once(chung_thuc, people)
    words = filing["nguoi_yeu_cau"]["ho_ten"].split()
    typed = []
    for word in words:
        word = data.draw(st.sampled_from([str.upper, str.lower, str.title, str]))(word)
        word = unicodedata.normalize(data.draw(st.sampled_from(["NFC", "NFD"])), word)
        typed.append(word)
    gaps = data.draw(st.lists(st.sampled_from([" ", "  ", "\t", "\u00a0"]),
                              min_size=len(words) + 1, max_size=len(words) + 1))
    name = gaps[0] + "".join(w + g for w, g in zip(typed, gaps[1:], strict=True))
    filing["nguoi_yeu_cau"]["ho_ten"] = name
    result = check("chung_thuc_ban_sao_dien_tu", filing, datetime(2026, 11, 27, 10), store)
    assert result.valid, (name, result.errors)


def reference_copy_fee(pages: int) -> int:
    return min(2_000 * min(pages, 2) + 1_000 * max(pages - 2, 0), 200_000)


@examples(80)
@given(items=st.lists(st.tuples(st.integers(1, 10_000), st.integers(1, 100)),
                      min_size=1, max_size=5))
def test_copy_fee_is_per_page_capped_per_copy_times_copies(people, store, items) -> None:
    filing = once(chung_thuc, people)
    filing["giay_to_chung_thuc"] = [{"ten": f"Giấy tờ {i}", "so_trang": p, "so_ban": c}
                                    for i, (p, c) in enumerate(items)]
    result = check("chung_thuc_ban_sao_dien_tu", filing, datetime(2026, 11, 27, 10), store)
    assert result.valid
    assert result.fee == sum(reference_copy_fee(p) * c for p, c in items)


def last_day(event: date, days: int) -> date:
    """BLDS Điều 147–148: day `days` after the event, or the next working day after it."""
    day = event + timedelta(days=days)
    while not CATALOG.calendar.is_working_day(day):
        day += timedelta(days=1)
    return day


@examples(60)
@given(days=st.integers(0, 800), moment=st.times())
def test_birth_is_late_exactly_after_sixty_days(people, store, days, moment) -> None:
    born = date(2026, 9, 1)
    at = datetime.combine(born + timedelta(days=days), moment)
    result = check("khai_sinh", once(khai_sinh, people, born.isoformat()), at, store)
    fee = CATALOG.wards.province("gia_lai").fees["khai_sinh_qua_han"]
    assert result.valid
    late = at.date() > last_day(born, 60)
    assert (result.late, result.fee) == ((True, fee) if late else (False, 0))
    if days <= 60:
        assert not result.late  # the 60 days themselves are always on time


@examples(60)
@given(days=st.integers(-3, 400), moment=st.times())
def test_death_is_late_exactly_after_fifteen_days(people, store, days, moment) -> None:
    died = date(2026, 10, 20)
    at = datetime.combine(died + timedelta(days=days), moment)
    result = check("khai_tu", once(khai_tu, people, died.isoformat()), at, store)
    fee = CATALOG.wards.province("gia_lai").fees["khai_tu_qua_han"]
    if days < 0:
        assert [(e.field, e.code) for e in result.errors] == [
            ("nguoi_mat.ngay_mat", "ngay_trong_tuong_lai")]
        return
    assert result.valid
    late = at.date() > last_day(died, 15)
    assert (result.late, result.fee) == ((True, fee) if late else (False, 0))
    if days <= 15:
        assert not result.late


def young_couple(people: list[dict]) -> dict:
    """A man who turns 20 after the registry's reference date, and a partner of age."""
    man = turning(people, "nam", 20, after=date(2026, 7, 1))
    woman = partner_for(people, man, birthday_of(man, 20), min_age=19, max_age=30)
    return marriage(man, woman)


@examples(60)
@given(offset=st.integers(-400, 400), moment=st.times())
def test_a_man_may_marry_from_his_twentieth_birthday(people, store, offset, moment) -> None:
    filing = once(young_couple, people)
    day = birthday_of(filing["ben_nam"], 20)
    at = datetime.combine(day + timedelta(days=offset), moment)
    result = check("ket_hon", filing, at, store)
    assert result.valid is (at.date() >= day), result.errors


# --- the appointment date ------------------------------------------------------------------


def day_zero(at: datetime) -> date:
    if CALENDAR.is_working_day(at.date()) and at.time() < time(15, 0):
        return at.date()
    d = at.date() + timedelta(days=1)
    while not CALENDAR.is_working_day(d):
        d += timedelta(days=1)
    return d


@examples(100)
@given(procedure=st.sampled_from(PROCEDURES), at=datetimes)
def test_appointment_is_a_working_day_n_working_days_from_day_zero(
    people, store, procedure, at
) -> None:
    result = check(procedure, once(VALID[procedure], people), at, store)
    zero = day_zero(at)
    n = CATALOG.procedure(procedure).working_days
    assert CALENDAR.is_working_day(result.appointment)
    assert result.appointment >= zero >= at.date()
    assert CALENDAR.working_days_between(zero, result.appointment) == n


@examples(100)
@given(procedure=st.sampled_from(PROCEDURES), a=datetimes, b=datetimes)
def test_appointment_never_moves_backwards_when_time_moves_forward(
    people, store, procedure, a, b
) -> None:
    early, late = sorted((a, b))
    filing = once(VALID[procedure], people)
    first = check(procedure, filing, early, store).appointment
    second = check(procedure, filing, late, store).appointment
    assert first <= second


@examples(80)
@given(procedure=st.sampled_from(PROCEDURES), day=st.dates(date(2025, 1, 1), date(2028, 12, 31)),
       minute=st.integers(0, 24 * 60 - 1))
def test_within_one_day_the_appointment_changes_at_most_once_at_15h(
    people, store, procedure, day, minute
) -> None:
    at = datetime.combine(day, time(minute // 60, minute % 60))
    filing = once(VALID[procedure], people)
    morning = check(procedure, filing, datetime.combine(day, time(0, 0)), store).appointment
    evening = check(procedure, filing, datetime.combine(day, time(23, 59)), store).appointment
    expected = morning if at.time() < time(15, 0) else evening
    assert check(procedure, filing, at, store).appointment == expected


# --- check and submit agree ----------------------------------------------------------------


@examples(25)
@given(procedure=st.sampled_from(PROCEDURES), at=datetimes, copies=st.integers(0, 3))
def test_submit_accepts_exactly_what_check_accepts(people, store, procedure, at, copies) -> None:
    filing = once(VALID[procedure], people)
    if procedure == "khai_sinh":
        filing["so_ban_sao"] = copies
    before = check(procedure, filing, at, store)
    result = submit(procedure, filing, at, store)
    assert result.valid == before.valid
    assert (result.fee, result.late, result.appointment) == (
        before.fee, before.late, before.appointment)
    assert (result.receipt is not None) == result.valid
