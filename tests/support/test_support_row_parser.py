"""Property tests of the row parser: any way of writing a valid row reads back the same record;
any cell values whatsoever give a good record or Vietnamese errors, with exact row numbers."""

from __future__ import annotations

import unicodedata
from datetime import date, datetime, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tdp.dates import format_screen_date
from tdp.support import FIELDS, LABELS, load_support_choices, parse_rows

TODAY = date(2025, 6, 30)
CHOICES = load_support_choices()
HEADER = tuple(LABELS[f] for f in FIELDS)


@st.composite
def spelling(draw, option_id: str, label: str) -> str:
    """The id or the label, maybe decomposed, re-cased, padded."""
    text = draw(st.sampled_from([option_id, label, label.upper(), label.lower()]))
    if draw(st.booleans()):
        text = unicodedata.normalize("NFD", text)
    pad = draw(st.sampled_from(["", " ", "  ", "\t"]))
    return pad + text.replace(" ", draw(st.sampled_from([" ", "  "]))) + pad


@st.composite
def valid_rows(draw):
    day = draw(st.dates(min_value=date(2022, 9, 1), max_value=TODAY))
    written_day = draw(st.sampled_from([
        day, datetime(day.year, day.month, day.day), format_screen_date(day), day.isoformat(),
        f"{day.day}/{day.month}/{day.year}", (day - date(1899, 12, 30)).days,
    ]))
    commune = draw(st.sampled_from(CHOICES.communes.options))
    group = draw(st.sampled_from(CHOICES.groups(commune.id).options))
    picks = {}
    cells = [written_day, draw(spelling(commune.id, commune.label)),
             draw(spelling(group.id, group.label))]
    for field, choice in (("thu_tuc", CHOICES.procedures), ("hinh_thuc", CHOICES.channels),
                          ("nhom_tuoi", CHOICES.age_groups), ("ket_qua", CHOICES.outcomes)):
        opt = draw(st.sampled_from(choice.options))
        picks[field] = opt.id
        cells.append(draw(spelling(opt.id, opt.label)))
    name = draw(st.sampled_from(["Nguyễn Văn An", "Ksor H'Hoa", "Rơ Mah Blih", "Lê Thị Út"]))
    cells.append("  " + unicodedata.normalize("NFD", name) + " ")
    expected = {"ngay": day, "xa_phuong": commune.id, "to_dan_pho": group.id, **picks,
                "tinh_nguyen_vien": name}
    return tuple(cells), expected


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(valid_rows(), min_size=1, max_size=4))
def test_any_spelling_of_a_valid_row_reads_back(rows):
    good, bad = parse_rows([HEADER, *(cells for cells, _ in rows)], CHOICES, today=TODAY)
    assert bad == []
    assert [n for n, _ in good] == list(range(2, len(rows) + 2))
    for (_, record), (_, expected) in zip(good, rows, strict=True):
        assert record.model_dump(exclude={"id"}) == expected


cell_values = st.one_of(
    st.none(),
    st.text(max_size=30),
    st.integers(min_value=-10**6, max_value=10**6),
    st.floats(allow_nan=True, allow_infinity=True),
    st.dates(min_value=date(1900, 1, 1), max_value=TODAY + timedelta(days=400)),
    st.sampled_from(["thong_nhat", "to_1", "khai_sinh", "tai_nha", "tu_60", "da_nop",
                     "31/02/2025"]),
)


@settings(max_examples=120, deadline=None)
@given(st.lists(st.lists(cell_values, min_size=0, max_size=10), max_size=8))
def test_any_cells_give_records_or_vietnamese_errors(rows):
    good, bad = parse_rows([HEADER, *map(tuple, rows)], CHOICES, today=TODAY)
    numbers = [n for n, _ in good] + [e.row for e in bad]
    assert len(numbers) == len(set(numbers))
    assert all(2 <= n <= len(rows) + 1 for n in numbers)
    for error in bad:
        assert error.errors
        for e in error.errors:
            assert e.field in FIELDS and e.message and "Input should" not in e.message
    blank = {i + 2 for i, r in enumerate(rows)
             if all(v is None or (isinstance(v, str) and not v.strip()) for v in r[:8])}
    assert set(numbers) == set(range(2, len(rows) + 2)) - blank
