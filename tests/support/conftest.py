"""Fixtures of the support-log tests: the course's choices."""

from __future__ import annotations

import pytest

from tdp.support import SupportChoices, load_support_choices


@pytest.fixture(scope="session")
def choices() -> SupportChoices:
    return load_support_choices()
