"""The status codes the one-stop systems share (domain.md), and the simulated officer's path."""

from __future__ import annotations

from collections.abc import Mapping

from tdp.catalog import STATUS_NAMES

STATUSES: Mapping[int, str] = STATUS_NAMES
"""Code → name of each status (1–10), from course/vocabulary.vi.yaml."""

# The usual path of an accepted file (fees are paid online when it is submitted). A file the
# officer sent to 5 (papers to add) or 6 (a fee to pay) with `--to` goes on to 4 from there.
NEXT_STATUS: dict[int, int] = {1: 2, 2: 4, 6: 4, 5: 4, 4: 9, 9: 10}
FINAL = frozenset({3, 7, 8, 10})
