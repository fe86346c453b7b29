"""A worker's allocator in a distributed run: blocks asked of the master, over messages.

The master keeps the run's LocalAllocator and answers each request with
``answer_request``; the transport (Locust's custom messages) is the caller's, so this
module knows nothing of Locust.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping
from typing import Any

from gevent.event import AsyncResult

from data.allocator import Allocator


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
            answer.wait(self.timeout)
            if not answer.ready():
                raise AllocatorError(
                    f"no block of {counter!r} from the master in {self.timeout:g} s: "
                    "is the master still running?"
                )
            start, stop = answer.get()
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
