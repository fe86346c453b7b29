"""Which extension ids to read, most likely first, to find employees listed without ids.

`getForSelect` names numbers but no ids, and `getRecord` takes an id: an employee the
PBX created without confirming it is found by reading ids. A run's employees get
neighbouring ids (each takes two: its SIP extension, then its mobile), so the likely
ids are read first: those between and just around the run's confirmed ones, except
the ones right after a confirmed employee (its mobile). Then those, then ids ever
further out: down to the first id, up until a long stretch holds no employee at all.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator

PAST_END_MISSES = 256
"""Ids in a row above the run's without an employee, after which the table is taken to end."""


class IdScan:
    """Iterate for the ids; tell `record` what each held, so the scan knows where the table ends."""

    def __init__(self, known: Collection[int], margin: int = 0) -> None:
        """`margin`: ids on each side of the run's span that are as likely as its gaps."""
        self.known = set(known)
        self.low = max(min(self.known, default=1) - margin, 1)
        self.high = max(self.known, default=0) + margin
        self._misses_above = 0

    def __iter__(self) -> Iterator[int]:
        window = [i for i in range(self.low, self.high + 1) if i not in self.known]
        yield from (i for i in window if i - 1 not in self.known)
        yield from (i for i in window if i - 1 in self.known)
        down, up = self.low - 1, self.high + 1
        while down >= 1 or self._misses_above < PAST_END_MISSES:
            if down >= 1:
                yield down
                down -= 1
            if self._misses_above < PAST_END_MISSES:
                yield up
                up += 1

    def record(self, ext_id: int, employee_found: bool) -> None:
        if ext_id > self.high:
            self._misses_above = 0 if employee_found else self._misses_above + 1
