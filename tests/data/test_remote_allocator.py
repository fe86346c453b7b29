"""A worker's RemoteAllocator against a master's allocator, over a transport with delays."""

from __future__ import annotations

import random
import time

import gevent
import pytest

from data.allocator import BlockCursor, LocalAllocator
from data.remote_allocator import AllocatorError, RemoteAllocator, answer_request


class Master:
    """The master's side: answers each request after a random delay, like a busy network."""

    def __init__(
        self, allocator: LocalAllocator, seed: int = 0, delay: tuple[float, float] = (0, 0.002)
    ) -> None:
        self.allocator = allocator
        self.random = random.Random(seed)
        self.delay = delay
        """Seconds between a request and its answer: drawn from this range."""
        self.silent = False

    def link(self, **options) -> RemoteAllocator:
        """A worker's allocator whose requests reach this master."""

        def send(request: dict) -> None:
            if not self.silent:
                answer = answer_request(self.allocator, request)
                gevent.spawn_later(self.random.uniform(*self.delay), remote.deliver, answer)

        remote = RemoteAllocator(send, **options)
        return remote


def drain(cursor: BlockCursor, into: list[int]) -> None:
    while (index := cursor.next()) is not None:
        into.append(index)


@pytest.mark.parametrize("block", [1, 7, 64], ids=lambda size: f"blocks of {size}")
def test_workers_never_share_an_index(block: int) -> None:
    master = Master(LocalAllocator({"mobile": 5000}))
    taken: list[int] = []
    greenlets = []
    for _worker in range(4):
        cursor = BlockCursor(master.link(), "mobile", block)  # one cursor a worker, 5 users
        greenlets += [gevent.spawn(drain, cursor, taken) for _user in range(5)]
    gevent.joinall(greenlets, timeout=30, raise_error=True)
    assert sorted(taken) == list(range(5000))


def test_quota_is_exact_over_all_workers() -> None:
    master = Master(LocalAllocator({"quota": 777}), seed=3)
    tickets: list[int] = []
    cursors = [BlockCursor(master.link(), "quota", 1) for _worker in range(3)]
    greenlets = [gevent.spawn(drain, c, tickets) for c in cursors for _user in range(10)]
    gevent.joinall(greenlets, timeout=30, raise_error=True)
    assert sorted(tickets) == list(range(777))


def test_a_pending_take_lets_other_greenlets_run() -> None:
    master = Master(LocalAllocator({"quota": 5}), delay=(0.3, 0.3))  # a slow master
    beats: list[float] = []

    def heartbeat() -> None:  # as Locust's heartbeat greenlets, only faster
        while True:
            gevent.sleep(0.01)
            beats.append(time.monotonic())

    beating = gevent.spawn(heartbeat)
    try:
        assert master.link().take("quota", 2) == range(2)
        assert len(beats) >= 10
    finally:
        beating.kill()


def test_no_answer_fails_clearly_after_the_timeout() -> None:
    master = Master(LocalAllocator({"quota": 5}))
    master.silent = True
    with pytest.raises(AllocatorError, match=r"no block of 'quota' from the master in 0.05 s"):
        master.link(timeout=0.05).take("quota")


def test_a_refused_request_names_the_reason() -> None:
    master = Master(LocalAllocator({"quota": 5}))
    with pytest.raises(AllocatorError, match="unknown counter 'mobiles'"):
        master.link().take("mobiles", 3)


def test_a_block_after_its_taker_gave_up_is_an_orphan() -> None:
    orphans = []
    sent = []
    remote = RemoteAllocator(sent.append, timeout=0.01, on_orphan=lambda *o: orphans.append(o))
    with pytest.raises(AllocatorError):
        remote.take("quota", 1)
    remote.deliver({"id": sent[0]["id"], "start": 4, "stop": 5})
    assert orphans == [("quota", range(4, 5))]
    assert remote.waiting == 0


def test_stray_answers_are_ignored() -> None:
    remote = RemoteAllocator(lambda request: None)
    remote.deliver({"id": 99, "start": 0, "stop": 3})  # never asked for
    assert remote.waiting == 0


def test_answer_request_reports_bad_requests() -> None:
    allocator = LocalAllocator({"quota": 5})
    assert answer_request(allocator, {"id": 1, "counter": "quota", "count": 2}) == {
        "id": 1,
        "start": 0,
        "stop": 2,
    }
    assert (
        "cannot take -1"
        in answer_request(allocator, {"id": 2, "counter": "quota", "count": -1})["error"]
    )
