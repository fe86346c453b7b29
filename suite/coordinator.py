"""The master's books of one distributed test: blocks handed out, quota tickets settled.

Quota tickets go out one at a time, each just before an attempt, so the quota is exact over
all workers and a worker that dies takes at most the tickets of its attempts in flight.
The quota is done when every ticket is handed out and every live worker has settled the
tickets it got: used them in an attempt, or returned them unused.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Collection, Mapping
from typing import Any

from data.allocator import LocalAllocator
from data.remote_allocator import answer_request
from suite.ledger_feed import LedgerFeed
from suite.plan import Plan
from suite.tally import Tally


class Coordinator:
    """Owns the run's allocator on the master and tells when the whole test is done."""

    def __init__(
        self,
        plan: Plan,
        allocator: LocalAllocator,
        on_quota_done: Callable[[], None],
        on_pool_exhausted: Callable[[], None],
    ) -> None:
        self.plan = plan
        self.allocator = allocator
        self.open = True
        """False once the test's end is decided."""
        self.tally = Tally()
        self.handed: Counter[str] = Counter()
        """Worker → quota tickets handed to it."""
        self.settled: Counter[str] = Counter()
        """Worker → quota tickets it used or returned, as it last reported."""
        self.attempts: Counter[str] = Counter()
        self.created: dict[str, Counter[str]] = {}
        """Worker → employees it created, per locale, as it last reported."""
        self.feed = LedgerFeed()
        """The newest employees of all workers, and each worker's ledger."""
        self._on_quota_done = on_quota_done
        self._on_pool_exhausted = on_pool_exhausted

    def answer(self, worker: str, request: Mapping[str, Any]) -> dict[str, Any]:
        """A block for one worker's request; an empty one for a request of another test.

        Blocks are still handed out once the end is decided: a worker the master took for
        dead may yet be finishing an attempt, and an index more costs nothing.
        """
        if request.get("run_id") != self.plan.run_id:
            answer: dict[str, Any] = {"id": request.get("id"), "start": 0, "stop": 0}
        else:
            answer = answer_request(self.allocator, request)
            if request.get("counter") == "quota" and "start" in answer:
                self.handed[worker] += answer["stop"] - answer["start"]
        answer["run_id"] = request.get("run_id")
        return answer

    def progress(self, worker: str, report: Mapping[str, Any]) -> None:
        """A worker's totals: each report replaces the one before."""
        if report.get("run_id") != self.plan.run_id:
            return
        self.settled[worker] = max(self.settled[worker], int(report["settled"]))
        self.attempts[worker] = max(self.attempts[worker], int(report["attempts"]))
        self.created[worker] = Counter(report["created"])
        self.feed.take(worker, report)

    def quota_done(self, live: Collection[str]) -> bool:
        """Every ticket handed out, and every live worker done with its own."""
        if not self.plan.settings.employees or self.allocator.remaining("quota"):
            return False
        return all(self.settled[w] >= self.handed[w] for w in self.handed if w in live)

    def check_quota(self, live: Collection[str]) -> None:
        if self.open and self.quota_done(live):
            self._end(self._on_quota_done)

    def pool_exhausted(self) -> None:
        """A worker found no free number left: no worker can create more employees."""
        if self.open:
            self._end(self._on_pool_exhausted)

    def close(self) -> None:
        if self.open:
            self.open = False
            self.tally.stop()

    def whole_tally(self) -> Tally:
        """The counts of all workers together, for the closing summary."""
        tally = Tally(started=self.tally.started, ended=self.tally.ended)
        for created in self.created.values():
            tally.created.update(created)
        tally.attempts = sum(self.attempts.values())
        return tally

    def _end(self, callback: Callable[[], None]) -> None:
        self.close()
        callback()
