"""Unique mobile numbers by construction: a locale's prefix + a permuted 8-digit index.

Every process of a run must build its pool from the same run seed (unlike the people, which
are reseeded per process): the bijection is what keeps numbers of different indices apart.

Two numbers of one run never collide: the last eight digits are the permuted index, and two
indices never permute to the same eight digits, whatever the prefixes. Numbers of two runs
that use *different* seeds can collide. If one run made n numbers with a given prefix and
the other m with the same prefix, each of the m lands on one of the n with probability
n/10**8, so about n·m/10**8 collisions are expected, and the chance of at least one is
1 - exp(-n·m/10**8): 10% for n = m = 3,300, 1% for n = m = 1,000, 63% for n = m = 10,000.
Runs that reuse the seed and continue the index where the last one stopped (``index_of``
on the numbers already there gives it) cannot collide at all.
"""

from __future__ import annotations

from data.feistel import INDEX_SPACE, FeistelPermutation
from data.prefixes import KNOWN_PREFIXES, mobile_prefix

SUFFIX_DIGITS = 8
"""Digits after the prefix: the permuted index, zero-padded."""

MIN_DIGITS = 11
"""A number has at least this many digits, so it is never an internal number (at most 8)."""

MAX_DIGITS = 15
"""E.164's limit, and what MikoPBX's ``^\\+?[1-9]\\d{1,14}$`` accepts."""

__all__ = ["INDEX_SPACE", "MAX_DIGITS", "MIN_DIGITS", "MobilePool"]


class MobilePool:
    """Mobile numbers for the indices 0 .. INDEX_SPACE - 1; keeps no record of numbers used."""

    def __init__(self, seed: int | str) -> None:
        self._permutation = FeistelPermutation(f"mobiles/{seed}")

    def mobile(self, index: int, locale: str) -> str:
        """The number of ``index``, with ``locale``'s country and mobile prefix."""
        return f"{mobile_prefix(locale)}{self._permutation.forward(index):08d}"

    def index_of(self, mobile: str) -> int | None:
        """The index ``mobile`` was made from under this seed, or None if it is not ours.

        Any number with one of our prefixes and eight more digits maps to some index: which
        seed made it cannot be told from the number.
        """
        prefix, suffix = mobile[:-SUFFIX_DIGITS], mobile[-SUFFIX_DIGITS:]
        if not (mobile.isascii() and mobile.isdigit()) or prefix not in KNOWN_PREFIXES:
            return None
        return self._permutation.inverse(int(suffix))
