"""Every builder makes a filing the engine accepts: the base the rule tests break."""

from datetime import datetime

import pytest
from builders import VALID

from tdp.engine import check

AT = datetime(2026, 11, 27, 10, 0)  # a Friday, before 15:00


@pytest.mark.parametrize("procedure", sorted(VALID))
def test_builder_filing_is_valid(procedure: str, people: list[dict], store) -> None:
    result = check(procedure, VALID[procedure](people), AT, store)
    assert result.errors == []
    assert result.valid
