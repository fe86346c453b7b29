"""A stand-in for Locust's RequestStats: the attributes thresholds and JUnit read, no more.

Locust itself is not imported here: it monkey-patches the standard library on import,
which the test process, having imported requests already, must not undergo.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field


@dataclass
class Entry:
    name: str
    method: str
    times: list[float] = field(default_factory=list)
    num_failures: int = 0
    start_time: float = 1000.0
    last_request_timestamp: float | None = None

    @property
    def num_requests(self) -> int:
        return len(self.times)

    def get_response_time_percentile(self, percent: float) -> float:
        ordered = sorted(self.times)
        return ordered[max(math.ceil(percent * len(ordered)) - 1, 0)] if ordered else 0.0


@dataclass
class Error:
    method: str
    name: str
    error: str
    occurrences: int = 0


@dataclass
class Stats:
    entries: dict[tuple[str, str], Entry] = field(default_factory=dict)
    errors: dict[tuple[str, str, str], Error] = field(default_factory=dict)
    total: Entry = field(default_factory=lambda: Entry("Aggregated", ""))

    def log(self, method: str, name: str, ms: float, error: str = "") -> None:
        """One request, as Locust's request event records it."""
        entry = self.entries.setdefault((name, method), Entry(name, method))
        for row in (entry, self.total):
            row.times.append(ms)
            row.num_failures += bool(error)
            row.last_request_timestamp = self.total.start_time + len(self.total.times) / 100
        if error:
            self.errors.setdefault(
                (method, name, error), Error(method, name, error)
            ).occurrences += 1
