"""The exception tree of `tdp.errors`: lessons and exercises raise from it."""

from __future__ import annotations

import pytest

from tdp.errors import CourseUsageError, TdpError
from tdp.lessons import questions, tables, tet


@pytest.mark.parametrize("ask", [
    lambda: tables.procedure("khong_co"),
    lambda: questions.late_fee_question("ket_hon", 3),
    lambda: tet.window(1800),
])
def test_lessons_raise_from_the_tree(ask) -> None:
    with pytest.raises(CourseUsageError) as caught:
        ask()
    assert isinstance(caught.value, TdpError)
    assert str(caught.value)[:1].isupper()  # the message itself, not KeyError's quoted repr
