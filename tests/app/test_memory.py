"""Memory given back once kernels have ended (`tdp.app.memory`)."""

from __future__ import annotations

from tdp.app.memory import GiveBack


def test_memory_is_given_back_only_when_kernels_have_ended() -> None:
    counts = iter([10, 12, 12, 3, 3, 5, 0])
    give_back = GiveBack(lambda: next(counts))  # 10 at the start
    seen = []
    for _ in range(6):
        give_back()
        seen.append(give_back.given_back)
    # 12 (more), 12 (same), 3 (fewer: give back), 3, 5 (more), 0 (fewer: give back)
    assert seen == [0, 0, 1, 1, 1, 2]
    assert give_back.trim is not None  # glibc's malloc_trim found on this machine
