"""Extension numbers: the free numbers of a range, by position."""

import random

import pytest

from data.numbers import NumberPool, default_range, parse_number_range


def free_numbers(pool: NumberPool) -> list[str]:
    return [pool.number(i) for i in range(pool.free_count)]


def test_free_numbers_skip_taken_ones() -> None:
    taken = [201, "203", " 204 ", "abc", "", 150, "0205", 210, "210", "2O6", True]
    pool = NumberPool(200, 210, taken)
    assert free_numbers(pool) == ["200", "202", "205", "206", "207", "208", "209"]
    assert pool.free_count == 7


@pytest.mark.parametrize("seed", range(5), ids=lambda seed: f"seed {seed}")
def test_matches_a_plain_scan(seed: int) -> None:
    rng = random.Random(seed)
    first, last = 200, 200 + rng.randrange(50, 500)
    taken = rng.sample(range(100, last + 100), rng.randrange(0, 300))
    pool = NumberPool(first, last, taken)
    expected = [str(n) for n in range(first, last + 1) if n not in set(taken)]
    assert free_numbers(pool) == expected


@pytest.mark.parametrize("taken", [[], [200], [999], [200, 201, 202], list(range(500, 600))])
def test_ends_of_the_range(taken: list[int]) -> None:
    pool = NumberPool(200, 999, taken)
    free = [n for n in range(200, 1000) if n not in taken]
    assert pool.number(0) == str(free[0])
    assert pool.number(pool.free_count - 1) == str(free[-1])


@pytest.mark.parametrize("position", [-1, 7, 100], ids=["negative", "just past", "far past"])
def test_position_past_the_end_raises(position: int) -> None:
    pool = NumberPool(200, 209, [203, 205, 207])
    with pytest.raises(IndexError, match="200-209 has 7 free numbers"):
        pool.number(position)


def test_full_range_has_no_free_number() -> None:
    pool = NumberPool(200, 202, ["200", "201", "202"])
    assert pool.free_count == 0
    with pytest.raises(IndexError):
        pool.number(0)


def test_large_pool_is_exact_at_its_ends() -> None:
    taken = range(20_000_000, 99_999_999, 70)  # 1.1 million numbers the PBX uses
    pool = NumberPool(20_000_000, 99_999_999, taken)
    assert pool.free_count == 80_000_000 - len(taken)
    assert pool.number(0) == "20000001"
    assert pool.number(68) == "20000069" and pool.number(69) == "20000071"
    assert pool.number(pool.free_count - 1) == "99999999"


@pytest.mark.parametrize(
    ("first", "last"), [(300, 200), (9, 99), (200, 100_000_000)], ids=["reversed", "low", "high"]
)
def test_bad_range_raises(first: int, last: int) -> None:
    with pytest.raises(ValueError, match="both of 2 to 8 digits"):
        NumberPool(first, last)


@pytest.mark.parametrize(
    ("spec", "expected"),
    [("200-999", (200, 999)), (" 200 - 999 ", (200, 999)), ("10-99999999", (10, 99_999_999))],
    ids=["plain", "spaces", "widest"],
)
def test_parse_number_range(spec: str, expected: tuple[int, int]) -> None:
    assert parse_number_range(spec) == expected


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("200", "--numbers '200' is not a range; write FIRST-LAST, e.g. 200-999"),
        ("200-", "--numbers '200-' is not a range; write FIRST-LAST, e.g. 200-999"),
        ("a-b", "--numbers 'a-b' is not a range; write FIRST-LAST, e.g. 200-999"),
        ("２００-999", "--numbers '２００-999' is not a range; write FIRST-LAST, e.g. 200-999"),
        ("999-200", "--numbers '999-200' is reversed; write the lower number first: 200-999"),
        (
            "0200-0999",
            "--numbers '0200-0999': write the numbers without leading zeros "
            "(the PBX treats 0201 and 201 as different numbers)",
        ),
        ("5-99", "--numbers '5-99': MikoPBX internal numbers have 2 to 8 digits"),
        ("200-123456789", "--numbers '200-123456789': MikoPBX internal numbers have 2 to 8 digits"),
    ],
    ids=["one number", "no end", "letters", "wide digits", "reversed", "zeros", "short", "long"],
)
def test_bad_number_range_gives_one_clear_line(spec: str, message: str) -> None:
    with pytest.raises(ValueError) as error:
        parse_number_range(spec)
    assert str(error.value) == message


@pytest.mark.parametrize(
    ("length", "expected"),
    [(2, (20, 99)), (3, (200, 999)), (4, (2000, 9999)), (8, (20_000_000, 99_999_999))],
    ids=["2 digits", "3 digits", "4 digits", "8 digits"],
)
def test_default_range(length: int, expected: tuple[int, int]) -> None:
    assert default_range(length) == expected


@pytest.mark.parametrize("length", [0, 1, 9, 11])
def test_unsupported_extension_length_raises(length: int) -> None:
    with pytest.raises(
        ValueError, match=f"^extension length {length} is not supported; use 2 to 8"
    ):
        default_range(length)
