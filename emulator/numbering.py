"""Next free internal number (Extensions::getNextInternalNumber), fast at any size.

The real server loads every m_Extensions.number on each call and walks up from the
lowest user SIP number. The walk is reproduced exactly, but over a sorted in-memory
list of the numeric values in use, kept in step with every committed write: finding
the first gap is a binary search instead of a scan.
"""

from __future__ import annotations

import re
import sqlite3
from bisect import bisect_left, insort

DEFAULT_START = 200
_PHP_NUMERIC = re.compile(r"[ \t\n\r\v\f]*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?[ \t\n\r\v\f]*")


def numeric_value(number: str | None) -> int | None:
    """The integer a PHP numeric string compares equal to ("0201" == "201"), else None."""
    if number is None:
        return None
    if number.isascii() and number.isdigit():
        return int(number)
    if not _PHP_NUMERIC.fullmatch(number):
        return None
    value = float(number)
    return int(value) if value.is_integer() else None


class NumberPool:
    """Multiset of the numeric values of all extension numbers, with a sorted view."""

    def __init__(self, numbers: list[str | None]) -> None:
        self._counts: dict[int, int] = {}
        for number in numbers:
            self._count(number, 1)
        self._sorted = sorted(self._counts)

    @classmethod
    def load(cls, conn: sqlite3.Connection) -> NumberPool:
        return cls([row[0] for row in conn.execute("SELECT number FROM m_Extensions")])

    def add(self, number: str | None) -> None:
        value = self._count(number, 1)
        if value is not None and self._counts[value] == 1:
            insort(self._sorted, value)

    def discard(self, number: str | None) -> None:
        value = self._count(number, -1)
        if value is not None and value not in self._counts:
            del self._sorted[bisect_left(self._sorted, value)]

    def _count(self, number: str | None, delta: int) -> int | None:
        value = numeric_value(number)
        if value is None:
            return None
        count = self._counts.get(value, 0) + delta
        if count > 0:
            self._counts[value] = count
        else:
            self._counts.pop(value, None)
        return value

    def first_free(self, start: int, stop: int) -> int | None:
        """Smallest value in [start, stop] not in use."""
        values = self._sorted
        i = bisect_left(values, start)
        if i == len(values) or values[i] != start:
            return start if start <= stop else None
        # values[i..k] is a run of consecutive numbers: find its end by bisection.
        lo, hi = i, len(values) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if values[mid] - values[i] == mid - i:
                lo = mid
            else:
                hi = mid - 1
        free = values[lo] + 1
        return free if free <= stop else None


def next_free_number(conn: sqlite3.Connection, pool: NumberPool, length: int) -> str:
    """The number a new-employee template offers, or "" when none is free.

    The start is MIN() over a TEXT column, so "1000" sorts before "201": one 4-digit
    user number with a 3-digit length makes the start 1000 > 999 and the answer "".
    """
    row = conn.execute(
        "SELECT MIN(number) FROM m_Extensions WHERE type = 'SIP' AND userid IS NOT NULL"
    ).fetchone()
    start = DEFAULT_START if row[0] is None else numeric_value(row[0])
    if start is None:
        return ""  # PHP compares a non-numeric start as a string: the loop never runs
    free = pool.first_free(start, 10**length - 1)
    return "" if free is None else str(free)
