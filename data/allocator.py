"""The run's index allocator: unique indices from named counters, handed out in blocks.

Counters are e.g. "mobile" (positions in the mobile pool), "number" (positions in the
number pool) and "quota" (how many employees the run may still create). A local run uses
one LocalAllocator in its process. A distributed run keeps it on the master, which answers
the workers' requests; each worker takes through a RemoteAllocator (data.remote_allocator).
So a worker must never assume that its blocks follow one another.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Mapping
from typing import Protocol


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
