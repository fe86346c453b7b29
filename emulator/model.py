"""The PBX model: service times, a fixed pool of backend workers and the 10 s timeout.

On the real PBX the REST layer puts each request on a beanstalk queue served by four
worker processes and waits up to 10 s for the answer. A job nobody answered in time
stays queued and still runs: the client saw a 500, yet the employee may exist.
Here each job is a greenlet that waits for one of `workers` slots, sleeps its
service time, then does the real work; the request waits for it with a timeout.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import TypeVar

import gevent
from gevent.lock import BoundedSemaphore

from emulator.config import ModelSettings

T = TypeVar("T")
WRITE_ACTIONS = frozenset({"saveRecord", "deleteRecord"})
V3_WRITE_ACTIONS = frozenset(
    {
        "employees.create",
        "employees.update",
        "employees.patch",
        "employees.delete",
        "employees:batchCreate",
    }
)


class PbxModel:
    def __init__(self, settings: ModelSettings) -> None:
        self.settings = settings
        self._slots = BoundedSemaphore(max(settings.workers, 1))
        self._jitter = random.Random(settings.seed)
        self.waiting = 0
        """Jobs queued for a worker (the v3 REST layer refuses work when too many wait)."""

    def service_time(self, action: str) -> float:
        """Seconds of work for `action`, jittered; drawn in arrival order, so it repeats."""
        s = self.settings
        writes = action in WRITE_ACTIONS or action in V3_WRITE_ACTIONS
        base = s.save_ms if writes else s.get_ms
        factor = 1 + self._jitter.uniform(-s.jitter, s.jitter) if s.jitter else 1.0
        return max(base * factor, 0.0) / 1000

    def run(
        self,
        action: str,
        job: Callable[[], T],
        on_late: Callable[[T], None],
        timeout_s: float | None = None,
    ) -> T | None:
        """Run `job` on a worker; None if it did not finish within the timeout.

        A late job carries on and hands its result to `on_late` when it is done.
        """
        self.waiting += 1
        worker = gevent.spawn(self._work, self.service_time(action), job)
        try:
            return worker.get(timeout=self.settings.timeout_s if timeout_s is None else timeout_s)
        except gevent.Timeout:
            worker.link_value(lambda done: on_late(done.value))
            return None

    def _work(self, seconds: float, job: Callable[[], T]) -> T:
        with self._slots:
            self.waiting -= 1
            begin = getattr(job, "begin", None)
            if begin is not None:
                begin()  # v3 saves check here, before the service time, as the PBX does
            gevent.sleep(seconds)
            return job()
