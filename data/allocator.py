"""The run's index allocator: unique indices from named counters, handed out in blocks.

Counters are e.g. "mobile" (positions in the mobile pool), "number" (positions in the
number pool) and "quota" (how many employees the run may still create). A local run uses
one LocalAllocator in its process. A distributed run keeps it on the master, which answers
the workers' requests with ``answer_request``; each worker takes through a RemoteAllocator.
So a worker must never assume that its blocks follow one another.
"""

from __future__ import annotations

import itertools
from collections import deque
from collections.abc import Callable, Mapping
from typing import Any, Protocol

import gevent
from gevent.event import AsyncResult


class Allocator(Protocol):
    """Hands out indices of named counters, each index once per run."""

    def take(self, counter: str, count: int = 1) -> range:
        """Up to ``count`` new indices of ``counter``; shorter, or empty, at the counter's limit."""
        ...


class LocalAllocator:
    """An in-process allocator; gevent-safe because ``take`` never yields."""

    def __init__(
        self, limits: Mapping[str, int | None], starts: Mapping[str, int] | None = None
    ) -> None:
        self._limits = dict(limits)
        """Counter → the index it stops before (None: no limit)."""
        self._next = {counter: 0 for counter in self._limits}
        """Counter → the next index to hand out."""
        for counter, start in (starts or {}).items():
            self._check(counter)
            if start < 0:
                raise ValueError(f"counter {counter!r} cannot start at {start}")
            self._next[counter] = start

    def take(self, counter: str, count: int = 1) -> range:
        """Up to ``count`` new indices of ``counter``; shorter, or empty, at the counter's limit."""
        if count < 0:
            raise ValueError(f"cannot take {count} indices of {counter!r}")
        self._check(counter)
        start = self._next[counter]
        limit = self._limits[counter]
        stop = start + count if limit is None else max(start, min(start + count, limit))
        self._next[counter] = stop
        return range(start, stop)

    def next_index(self, counter: str) -> int:
        """The index ``counter`` would hand out next, were it not at its limit."""
        self._check(counter)
        return self._next[counter]

    def remaining(self, counter: str) -> int | None:
        """Indices ``counter`` has left to hand out (None: no limit)."""
        self._check(counter)
        limit = self._limits[counter]
        return None if limit is None else max(limit - self._next[counter], 0)

    def _check(self, counter: str) -> None:
        if counter not in self._limits:
            known = ", ".join(sorted(self._limits)) or "none"
            raise KeyError(f"unknown counter {counter!r}; this allocator has: {known}")


class BlockCursor:
    """One process's view of a counter: takes a block at a time and hands out its indices."""

    def __init__(self, allocator: Allocator, counter: str, block_size: int) -> None:
        if block_size < 1:
            raise ValueError(f"block size must be 1 or more, got {block_size}")
        self.allocator = allocator
        self.counter = counter
        self.block_size = block_size
        self._blocks: deque[range] = deque()
        self._exhausted = False

    def next(self) -> int | None:
        """The next index of this process, or None once the counter is exhausted."""
        while True:
            while self._blocks:
                block = self._blocks[0]
                if block:
                    self._blocks[0] = block[1:]
                    return block[0]
                self._blocks.popleft()
            if self._exhausted:
                return None
            self._refill()

    def _refill(self) -> None:
        # A remote take() may yield to other greenlets, which then refill too: their blocks
        # queue up behind this one rather than replace it, so no index is dropped.
        block = self.allocator.take(self.counter, self.block_size)
        if block:
            self._blocks.append(block)
        else:
            self._exhausted = True


class AllocatorError(RuntimeError):
    """No block came: the master refused the request, or did not answer in time."""


_ABANDONED = object()
"""Marks a request whose taker stopped waiting: its block, should it come, is an orphan."""


class RemoteAllocator:
    """A worker's allocator: each ``take`` asks the master for a block and waits for the answer.

    The wait is a gevent AsyncResult, so it yields: the worker's other users and Locust's
    heartbeats run on while a request is in flight. ``send`` carries a request to the master;
    its answer comes back through ``deliver``. A block that arrives after its taker gave up
    (timed out, or its user was stopped) goes to ``on_orphan``: nobody uses those indices.
    """

    def __init__(
        self,
        send: Callable[[dict[str, Any]], None],
        timeout: float = 30.0,
        on_orphan: Callable[[str, range], None] | None = None,
    ) -> None:
        self._send = send
        self.timeout = timeout
        """Seconds to wait for an answer before the take fails."""
        self._on_orphan = on_orphan
        self._ids = itertools.count(1)
        self._pending: dict[int, tuple[str, Any]] = {}
        """Request id → (counter, the AsyncResult its taker waits on, or _ABANDONED)."""

    def take(self, counter: str, count: int = 1) -> range:
        """Up to ``count`` new indices of ``counter`` from the master; empty at its limit."""
        if count < 0:
            raise ValueError(f"cannot take {count} indices of {counter!r}")
        request_id = next(self._ids)
        answer = AsyncResult()
        self._pending[request_id] = (counter, answer)
        try:
            self._send({"id": request_id, "counter": counter, "count": count})
            start, stop = answer.get(timeout=self.timeout)
        except gevent.Timeout:
            raise AllocatorError(
                f"no block of {counter!r} from the master in {self.timeout:g} s: "
                "is the master still running?"
            ) from None
        finally:
            if request_id in self._pending:  # no answer yet: whatever comes later is an orphan
                self._pending[request_id] = (counter, _ABANDONED)
        return range(start, stop)

    def deliver(self, answer: Mapping[str, Any]) -> None:
        """Hand the master's answer to the take waiting for it."""
        counter, waiter = self._pending.pop(answer["id"], (None, None))
        if waiter is None:
            return  # an answer to a request this allocator never made, or a duplicate
        if waiter is _ABANDONED:
            if "error" not in answer and self._on_orphan is not None:
                self._on_orphan(counter, range(answer["start"], answer["stop"]))
        elif "error" in answer:
            waiter.set_exception(
                AllocatorError(f"the master refused a block of {counter!r}: {answer['error']}")
            )
        else:
            waiter.set((answer["start"], answer["stop"]))

    @property
    def waiting(self) -> int:
        """Requests sent and not answered yet (abandoned ones included)."""
        return len(self._pending)


def answer_request(allocator: Allocator, request: Mapping[str, Any]) -> dict[str, Any]:
    """The master's answer to one block request: the block, or why there is none."""
    try:
        block = allocator.take(request["counter"], request["count"])
    except (KeyError, ValueError, TypeError) as error:
        return {"id": request.get("id"), "error": str(error.args[0] if error.args else error)}
    return {"id": request["id"], "start": block.start, "stop": block.stop}
