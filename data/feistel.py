"""A keyed permutation of range(10**8): a balanced Feistel network over 10**4 x 10**4.

An index is split into two 4-digit halves (L, R); each round maps (L, R) to
(R, (L + F_k(R)) mod 10**4). Whatever the round functions F_k, every round is invertible,
so the whole network is a bijection: distinct indices give distinct values by construction,
and no set of values used so far is needed. The round functions are tables of 10**4
random values drawn from the seed, so one round costs an index and an addition.
"""

from __future__ import annotations

import random

HALF = 10**4
"""Size of each half of the index; the permutation acts on ``HALF * HALF`` values."""

INDEX_SPACE = HALF * HALF
"""Indices and values are ``0 <= n < INDEX_SPACE`` (10**8: eight decimal digits)."""

ROUNDS = 8
"""Luby and Rackoff: four rounds of random functions already give a pseudo-random permutation."""


class FeistelPermutation:
    """A bijection of ``range(INDEX_SPACE)`` keyed by a seed, with its inverse."""

    def __init__(self, seed: int | str, rounds: int = ROUNDS) -> None:
        rng = random.Random(f"feistel/{seed}")
        values = list(range(HALF))  # shared int objects keep the tables at ≈1 MB in all
        self._tables = tuple(tuple(rng.choices(values, k=HALF)) for _ in range(rounds))

    def forward(self, index: int) -> int:
        """The value ``index`` maps to."""
        if not 0 <= index < INDEX_SPACE:
            raise ValueError(f"index {index} is outside the index space 0..{INDEX_SPACE - 1}")
        left, right = divmod(index, HALF)
        for table in self._tables:
            left, right = right, (left + table[right]) % HALF
        return left * HALF + right

    def inverse(self, value: int) -> int:
        """The index that maps to ``value``."""
        if not 0 <= value < INDEX_SPACE:
            raise ValueError(f"value {value} is outside the index space 0..{INDEX_SPACE - 1}")
        left, right = divmod(value, HALF)
        for table in reversed(self._tables):
            left, right = (right - table[left]) % HALF, left
        return left * HALF + right
