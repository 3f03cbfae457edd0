"""The guard's pure parts: tokens, redaction, the address without its token."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tdp.app.guards import check_token, redact, without_token
from tdp.errors import InputError


@pytest.mark.parametrize("token", ["abc", "1234567", "có dấu cách"])
def test_short_or_spaced_tokens_are_refused(token: str) -> None:
    with pytest.raises(InputError, match="ít nhất 8 ký tự"):
        check_token(token)


def test_a_long_token_is_kept() -> None:
    assert check_token("ma-tap-huan-123") == "ma-tap-huan-123"


TOKEN_CHARS = st.characters(blacklist_categories=("Cs", "Zs", "Zl", "Zp", "Cc"),
                            blacklist_characters="&\"'")


@given(st.text(alphabet=TOKEN_CHARS, min_size=1))
def test_no_token_survives_redaction(secret: str) -> None:
    line = f"200 GET /cong?a=1&token={secret}&b=2 (10.0.0.5)"
    assert f"token={secret}" not in redact(line) or secret == "…"
    assert redact(line).startswith("200 GET /cong?a=1&token=…&b=2")


def test_the_token_leaves_the_address() -> None:
    assert without_token("/cong", "token=abcdefgh") == "/cong"
    assert without_token("/bai-hoc/1", "x=1&token=abcdefgh") == "/bai-hoc/1?x=1"
