"""The run's index allocator and the per-process block cursors."""

import random

import gevent
import pytest

from data.allocator import BlockCursor, LocalAllocator


def test_blocks_are_disjoint() -> None:
    allocator = LocalAllocator({"mobile": None})
    rng = random.Random(1)
    blocks = [allocator.take("mobile", rng.randrange(1, 50)) for _ in range(500)]
    indices = [index for block in blocks for index in block]
    assert len(indices) == len(set(indices)) == sum(len(block) for block in blocks)


def test_counters_are_independent() -> None:
    allocator = LocalAllocator({"mobile": None, "number": 100})
    assert allocator.take("mobile", 10) == range(10)
    assert allocator.take("number", 3) == range(3)
    assert allocator.take("mobile", 1) == range(10, 11)


@pytest.mark.parametrize("block", [1, 3, 4, 10, 11], ids=lambda size: f"blocks of {size}")
def test_limit_gives_the_exact_quota(block: int) -> None:
    allocator = LocalAllocator({"quota": 10})
    sizes = [len(allocator.take("quota", block)) for _ in range(12)]
    sizes = sizes[: sizes.index(0)] if 0 in sizes else sizes
    assert sum(sizes) == 10
    assert all(size == block for size in sizes[:-1])
    assert allocator.take("quota", block) == range(10, 10)
    assert allocator.next_index("quota") == 10


def test_start_continues_a_previous_run() -> None:
    allocator = LocalAllocator({"mobile": 100}, starts={"mobile": 95})
    assert allocator.take("mobile", 10) == range(95, 100)
    assert not allocator.take("mobile", 10)


def test_start_past_the_limit_is_exhausted() -> None:
    allocator = LocalAllocator({"number": 5}, starts={"number": 7})
    assert not allocator.take("number", 1)


def test_take_nothing() -> None:
    assert LocalAllocator({"quota": 5}).take("quota", 0) == range(0)


def test_unknown_counter_raises() -> None:
    with pytest.raises(KeyError, match="unknown counter 'mobiles'; this allocator has: mobile"):
        LocalAllocator({"mobile": None}).take("mobiles")


@pytest.mark.parametrize(
    ("limits", "starts"), [({}, {"quota": 1}), ({"quota": 3}, {"quota": -1})], ids=["unknown", "<0"]
)
def test_bad_start_raises(limits: dict, starts: dict) -> None:
    with pytest.raises((KeyError, ValueError)):
        LocalAllocator(limits, starts)


def test_negative_count_raises() -> None:
    with pytest.raises(ValueError, match="cannot take -1"):
        LocalAllocator({"quota": 5}).take("quota", -1)


@pytest.mark.parametrize("limit", [0, 1, 999, 1000, 4321], ids=lambda limit: f"limit {limit}")
def test_cursors_of_several_workers_never_repeat(limit: int) -> None:
    allocator = LocalAllocator({"mobile": limit})
    cursors = [BlockCursor(allocator, "mobile", size) for size in (1, 7, 50, 100, 333)]
    rng = random.Random(limit)
    seen: list[int] = []
    for _ in range(limit + len(cursors)):  # each step hands out an index or ends a cursor
        cursor = rng.choice(cursors)
        index = cursor.next()
        if index is None:
            cursors.remove(cursor)
        else:
            seen.append(index)
    assert not cursors
    assert sorted(seen) == list(range(limit))


class YieldingAllocator:
    """An allocator that yields to other greenlets in take(), like a request to the master."""

    def __init__(self, limit: int) -> None:
        self.local = LocalAllocator({"quota": limit})
        self.calls = 0

    def take(self, counter: str, count: int = 1) -> range:
        self.calls += 1
        gevent.sleep(0)
        return self.local.take(counter, count)


def test_cursor_shared_by_greenlets_loses_and_repeats_nothing() -> None:
    allocator = YieldingAllocator(limit=1000)
    cursor = BlockCursor(allocator, "quota", block_size=16)
    seen: list[int] = []

    def user() -> None:
        while (index := cursor.next()) is not None and len(seen) <= 1000:
            seen.append(index)
            gevent.sleep(0)

    gevent.joinall([gevent.spawn(user) for _ in range(25)], raise_error=True)
    assert sorted(seen) == list(range(1000))


def test_exhausted_cursor_stops_asking() -> None:
    allocator = YieldingAllocator(limit=3)
    cursor = BlockCursor(allocator, "quota", block_size=2)
    assert [cursor.next() for _ in range(5)] == [0, 1, 2, None, None]
    assert allocator.calls == 3  # two blocks, then one empty answer


def test_cursor_takes_blocks_that_do_not_follow_each_other() -> None:
    class Scattered:
        def __init__(self) -> None:
            self.blocks = [range(100, 103), range(7, 9), range(50, 51), range(0)]

        def take(self, counter: str, count: int = 1) -> range:
            return self.blocks.pop(0)

    cursor = BlockCursor(Scattered(), "mobile", block_size=3)
    assert [cursor.next() for _ in range(7)] == [100, 101, 102, 7, 8, 50, None]


def test_block_size_must_be_positive() -> None:
    with pytest.raises(ValueError, match="block size must be 1 or more"):
        BlockCursor(LocalAllocator({"quota": 1}), "quota", 0)
