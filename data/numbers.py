"""Internal extension numbers: the i-th number of a range that the PBX does not use yet.

Every process of a run must build the pool from the same ``taken`` list (fetched once,
before the first index is handed out): the allocator hands out positions in the pool, and
only identical pools turn distinct positions into distinct numbers.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable

MIN_NUMBER = 10
MAX_NUMBER = 99_999_999
"""MikoPBX's REST API takes internal numbers of 2 to 8 digits (``^[0-9]{2,8}$``)."""


class NumberPool:
    """The free numbers of ``first..last`` (inclusive), found by position without a free list."""

    def __init__(self, first: int, last: int, taken: Iterable[int | str] = ()) -> None:
        if not MIN_NUMBER <= first <= last <= MAX_NUMBER:
            raise ValueError(
                f"number range {first}-{last} must have first <= last, "
                f"both of 2 to 8 digits ({MIN_NUMBER}-{MAX_NUMBER})"
            )
        self.first = first
        """Lowest number of the range."""
        self.last = last
        """Highest number of the range."""
        used = sorted({n for n in map(_as_number, taken) if n is not None and first <= n <= last})
        # _free_below[k]: how many free numbers lie below the k-th used one (non-decreasing).
        self._free_below = [number - first - k for k, number in enumerate(used)]
        self.free_count = last - first + 1 - len(used)
        """How many numbers of the range the PBX does not use."""

    def number(self, i: int) -> str:
        """The i-th free number (from 0), in O(log taken); IndexError past the end."""
        if not 0 <= i < self.free_count:
            raise IndexError(
                f"free number {i} is past the end: {self.first}-{self.last} "
                f"has {self.free_count} free numbers"
            )
        return str(self.first + i + bisect_right(self._free_below, i))


def _as_number(value: int | str) -> int | None:
    """A number as the PBX would store it, or None for what cannot be one of ours."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    text = str(value).strip()
    # "0201" is a different extension from "201", and we never hand out leading zeros.
    if not _is_digits(text) or (text[0] == "0" and text != "0"):
        return None
    return int(text)


def _is_digits(text: str) -> bool:
    return text.isascii() and text.isdigit()


def parse_number_range(spec: str, option: str = "--numbers") -> tuple[int, int]:
    """Parse ``200-999`` into (200, 999); raise ValueError with one line saying the fix."""
    first_text, dash, last_text = (part.strip() for part in spec.partition("-"))
    if not (dash and _is_digits(first_text) and _is_digits(last_text)):
        raise ValueError(f"{option} {spec!r} is not a range; write FIRST-LAST, e.g. 200-999")
    if first_text.startswith("0") or last_text.startswith("0"):
        raise ValueError(
            f"{option} {spec!r}: write the numbers without leading zeros "
            f"(the PBX treats 0201 and 201 as different numbers)"
        )
    first, last = int(first_text), int(last_text)
    if first > last:
        raise ValueError(
            f"{option} {spec!r} is reversed; write the lower number first: {last}-{first}"
        )
    if first < MIN_NUMBER or last > MAX_NUMBER:
        raise ValueError(f"{option} {spec!r}: MikoPBX internal numbers have 2 to 8 digits")
    return first, last


def default_range(extension_length: int) -> tuple[int, int]:
    """The numbers an empty PBX would give users: from 2 followed by zeros up to all nines.

    MikoPBX numbers its first user 200 with the default length 3, leaving 100-199 free
    (emergency and service codes such as 101-104 and 112 begin with 1). Longer lengths keep
    the same rule: 4 digits give 2000-9999, 5 give 20000-99999.
    """
    if not 2 <= extension_length <= 8:
        raise ValueError(
            f"extension length {extension_length} is not supported; use 2 to 8 "
            f"(MikoPBX's REST API takes internal numbers of at most 8 digits)"
        )
    return 2 * 10 ** (extension_length - 1), 10**extension_length - 1
