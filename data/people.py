"""Generated employees: names in each locale's own script, an e-mail unique by construction."""

from __future__ import annotations

import random
from bisect import bisect_right
from collections.abc import Sequence
from itertools import accumulate
from typing import NamedTuple

from data.locales import LocaleWeight
from data.names import LocaleNames, locale_names

_DIGITS36 = "0123456789abcdefghijklmnopqrstuvwxyz"


class Person(NamedTuple):
    """One generated employee."""

    locale: str
    """Faker locale the names come from, e.g. ``ru_RU``."""
    first_name: str
    """Given name, in the locale's script."""
    last_name: str
    """Family name, in the locale's script and gender."""
    username: str
    """Given and family name in the locale's usual order; no titles or suffixes."""
    email: str
    """Lower-case ASCII address whose last local-part segment encodes the person's index."""


class PeopleFactory:
    """Draws people from a weighted mix of locales; one Faker per locale per process.

    The names are a stream: after the same ``reseed(seed)`` the n-th call gives the same
    person. Only the e-mail depends on ``index``, which the caller takes from the run's
    allocator, so no two people of a run share an e-mail whatever their names.
    Not shared between processes: call ``reseed`` after a fork with a seed of the process's
    own (e.g. the run seed and the worker's number), or forked workers repeat each other.
    """

    def __init__(self, locales: Sequence[LocaleWeight], seed: int | str) -> None:
        if not locales:
            raise ValueError("PeopleFactory needs at least one locale")
        if not all(lw.weight > 0 for lw in locales):
            raise ValueError(f"locale weights must be positive: {list(locales)}")
        self._names: tuple[LocaleNames, ...] = tuple(locale_names(lw.locale) for lw in locales)
        self._bounds = list(accumulate(lw.weight for lw in locales))
        self._random = random.Random()
        self.reseed(seed)

    @property
    def locales(self) -> tuple[str, ...]:
        """The locales of the mix, in the order given."""
        return tuple(names.locale for names in self._names)

    def reseed(self, seed: int | str) -> None:
        """Restart the stream of people from ``seed`` (its own Random, each locale's Faker)."""
        self._random.seed(f"people/{seed}")
        for names in self._names:
            names.reseed(seed)

    def person(self, index: int) -> Person:
        """A new person; ``index`` must be unique within the run (it makes the e-mail unique)."""
        if index < 0:
            raise ValueError(f"person index must be 0 or more, got {index}")
        draw = self._random.random
        names = self._names[bisect_right(self._bounds, draw() * self._bounds[-1])]
        first, last, first_ascii, last_ascii = names.draw(female=draw() < 0.5)
        local = ".".join(filter(None, (first_ascii, last_ascii))) or "user"
        email = f"{local}.{base36(index)}@{names.email_domain()}"
        return Person(names.locale, first, last, names.username(first, last), email)


def base36(number: int) -> str:
    """``number`` in base 36 with lower-case digits: short, and a valid e-mail atom."""
    if number < 0:
        raise ValueError(f"base36 takes 0 or more, got {number}")
    digits = ""
    while True:
        number, digit = divmod(number, 36)
        digits = _DIGITS36[digit] + digits
        if not number:
            return digits


def index_of_email(email: str) -> int | None:
    """The index an e-mail of ours was made from (its last local-part segment), else None."""
    _, dot, token = email.partition("@")[0].rpartition(".")
    if not (dot and token) or token.strip(_DIGITS36):
        return None
    # No leading zeros: base36() never writes them, so "00a" is not one of ours.
    return int(token, 36) if token == "0" or token[0] != "0" else None
