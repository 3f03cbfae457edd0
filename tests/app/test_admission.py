"""Phones load the front end a few at a time, in arrival order (`tdp.app.admission`)."""

from __future__ import annotations

import asyncio

from hypothesis import given, settings
from hypothesis import strategies as st

from tdp.app.admission import Admission


def test_phones_beyond_the_line_wait_and_go_in_arrival_order() -> None:
    async def scenario() -> list[str]:
        line = Admission(loading=2, hold_s=60)
        order: list[str] = []

        async def phone(name: str) -> None:
            line.arrived(name)
            await line.wait_turn(name)
            order.append(name)

        tasks = [asyncio.create_task(phone(n)) for n in "abcde"]
        await asyncio.sleep(0)
        await asyncio.sleep(0)
        assert order == ["a", "b"]  # two at a time; c, d, e wait
        for done in ("b", "a", "c", "d"):
            line.loaded(done)
            await asyncio.sleep(0)
            await asyncio.sleep(0)
        await asyncio.gather(*tasks)
        return order

    assert asyncio.run(scenario()) == ["a", "b", "c", "d", "e"]


def test_a_phone_that_never_loads_gives_its_turn_up() -> None:
    async def scenario() -> bool:
        line = Admission(loading=1, hold_s=0.05)
        line.arrived("gone")  # its page came, then the phone left
        line.arrived("next")
        await asyncio.wait_for(line.wait_turn("next"), 5)  # after the hold, not never
        return "next" in line.loading

    assert asyncio.run(scenario())


def test_a_phone_with_no_cookie_and_a_second_arrival_never_queue_twice() -> None:
    async def scenario() -> None:
        line = Admission(loading=1, hold_s=60)
        line.arrived("")  # no cookie: not in the line at all
        assert not line.loading and not line.waiting
        line.arrived("a")
        line.arrived("a")  # a reload while loading
        line.arrived("b")
        line.arrived("b")
        assert list(line.loading) == ["a"] and list(line.waiting) == ["b"]
        await asyncio.wait_for(line.wait_turn(""), 1)  # never held back
        await asyncio.wait_for(line.wait_turn("a"), 1)  # its turn already

    asyncio.run(scenario())


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 5), st.lists(st.sampled_from("abcdefgh"), min_size=1, max_size=30))
def test_never_more_loading_than_the_line_allows_and_everyone_gets_a_turn(
        size: int, events: list[str]) -> None:
    async def scenario() -> None:
        line = Admission(loading=size, hold_s=60)
        arrived: list[str] = []
        for phone in events:  # an arrival, or if loading already, its websocket opening
            if phone in line.loading:
                line.loaded(phone)
            else:
                line.arrived(phone)
                if phone not in arrived:
                    arrived.append(phone)
            assert len(line.loading) <= size
            assert not (set(line.loading) & set(line.waiting))
        while line.loading:  # every phone that loads lets the next one in
            line.loaded(next(iter(line.loading)))
        assert not line.waiting

    asyncio.run(scenario())
