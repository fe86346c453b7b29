"""Counts of one test in one process: employees created per locale, failures per kind."""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field


@dataclass
class Tally:
    """What the users of this process did; summed over processes in a distributed run."""

    created: Counter[str] = field(default_factory=Counter)
    """Employees the PBX confirmed, per Faker locale."""
    failures: Counter[str] = field(default_factory=Counter)
    """Failed requests per `request name: failure kind`."""
    attempts: int = 0
    """Employees whose creation was attempted (a template was asked for)."""
    started: float = field(default_factory=time.monotonic)
    ended: float | None = None
    """When the test stopped; until then, elapsed() runs on."""

    def elapsed(self) -> float:
        end = time.monotonic() if self.ended is None else self.ended
        return max(end - self.started, 1e-9)

    def stop(self) -> None:
        """Fix the elapsed time: a summary printed later still gives the test's own rate."""
        if self.ended is None:
            self.ended = time.monotonic()

    def add_created(self, locale: str) -> None:
        self.created[locale] += 1

    def add_failure(self, request_name: str, kind: str) -> None:
        self.failures[f"{request_name}: {kind}"] += 1
