"""Cost of the test data: microseconds per mobile number and per person, and memory.

Run from the repository root: ``.venv/bin/python -m bench.data_bench [millions of mobiles]``.
Prints figures and asserts nothing.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable

from data import (
    KNOWN_SCRIPT_LOCALES,
    BlockCursor,
    LocalAllocator,
    LocaleWeight,
    MobilePool,
    NumberPool,
    PeopleFactory,
)

PEOPLE_PER_LOCALE = 5_000
"""People per timed round; the best of three rounds is printed (other processes add noise)."""


def rss_mib() -> tuple[float, float]:
    """(current, peak) resident memory of this process in MiB, from /proc/self/status."""
    fields = {}
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            key, _, value = line.partition(":")
            fields[key] = value
    return int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024


def microseconds_each(run: Callable[[int], object], count: int, repeat: int = 1) -> float:
    """Mean wall time of ``run(i)`` over ``count`` calls, the best of ``repeat`` rounds, in µs."""
    best = float("inf")
    for round_ in range(repeat):
        started = time.perf_counter()
        for index in range(round_ * count, (round_ + 1) * count):
            run(index)
        best = min(best, time.perf_counter() - started)
    return best / count * 1e6


def bench_mobiles(count: int) -> None:
    before, _ = rss_mib()
    pool = MobilePool(seed=2024)
    locales = KNOWN_SCRIPT_LOCALES
    width = len(locales)
    cost = microseconds_each(lambda i: pool.mobile(i, locales[i % width]), count)
    after, peak = rss_mib()
    print(f"mobile numbers: {count:,} made, {cost:.2f} µs each")
    print(f"  memory: {before:.1f} MiB before, {after:.1f} MiB after (peak {peak:.1f} MiB)")
    cost = microseconds_each(lambda i: pool.index_of(pool.mobile(i, "ru_RU")), 200_000)
    print(f"  mobile + index_of round trip: {cost:.2f} µs")


def bench_people() -> None:
    print(f"people, best of 3 rounds of {PEOPLE_PER_LOCALE:,} per locale (µs per person):")
    for locale in KNOWN_SCRIPT_LOCALES:
        factory = PeopleFactory([LocaleWeight(locale, 1.0)], seed=1)
        for index in range(2000):  # fill the romanisation cache as a long run would
            factory.person(index)
        cost = microseconds_each(factory.person, PEOPLE_PER_LOCALE, repeat=3)
        print(f"  {locale}  {cost:6.2f}   e.g. {factory.person(0).username}")


def bench_indices() -> None:
    cursor = BlockCursor(LocalAllocator({"number": None}), "number", block_size=100)
    cost = microseconds_each(lambda _: cursor.next(), 1_000_000)
    print(f"block cursor: {cost:.2f} µs per index (blocks of 100)")
    pool = NumberPool(20_000_000, 99_999_999, range(20_000_000, 99_999_999, 70))
    cost = microseconds_each(lambda i: pool.number(i * 61), 200_000)
    print(f"number pool with 1.1 million taken: {cost:.2f} µs per number")


def main() -> None:
    millions = float(sys.argv[1]) if len(sys.argv) > 1 else 10
    bench_mobiles(int(millions * 1_000_000))
    bench_people()
    bench_indices()


if __name__ == "__main__":
    main()
