"""The next free internal number a template offers (Extensions::getNextInternalNumber)."""

from __future__ import annotations

import pytest

from emulator.numbering import NumberPool, numeric_value
from tests.emulator.client import Api


@pytest.mark.parametrize(
    ("numbers", "start", "stop", "free"),
    [
        ([], 200, 999, 200),
        (["200", "201", "202"], 200, 999, 203),
        (["200", "202"], 200, 999, 201),
        (["201"], 200, 999, 200),
        (["0200", "201"], 200, 999, 202),  # PHP compares numeric strings as numbers
        (["998", "999"], 998, 999, None),
        (["hangup", "voicemail"], 200, 999, 200),
        ([str(n) for n in range(200, 5000)], 200, 9999, 5000),
    ],
    ids=["empty", "run", "gap", "start-free", "leading-zero", "full", "words", "long-run"],
)
def test_first_free(numbers, start, stop, free) -> None:
    assert NumberPool(numbers).first_free(start, stop) == free


def test_pool_follows_adds_and_discards() -> None:
    pool = NumberPool(["200", "201", "202"])
    pool.discard("201")
    assert pool.first_free(200, 999) == 201
    pool.add("201")
    pool.add("203")
    assert pool.first_free(200, 999) == 204


def test_pool_counts_duplicates_of_one_value() -> None:
    pool = NumberPool(["200", "0200"])
    pool.discard("0200")
    assert pool.first_free(200, 999) == 201


@pytest.mark.parametrize(
    ("text", "value"),
    [("201", 201), ("0201", 201), (" 201", 201), ("2.01e2", 201), ("20a", None), ("", None)],
)
def test_numeric_value(text, value) -> None:
    assert numeric_value(text) == value


def test_fresh_pbx_offers_204_after_the_demo_employees(api: Api) -> None:
    assert api.template()["number"] == "204"


def test_without_users_the_walk_starts_at_200(emulator_factory) -> None:
    api = Api(emulator_factory("--no-model", "--no-demo"))
    assert api.template()["number"] == "200"


def test_parking_slots_are_skipped(emulator_factory) -> None:
    api = Api(emulator_factory("--no-model", "--no-demo"))
    api.create(number="799")  # the lowest user number is now 799; 800-820 are parking
    assert api.template()["number"] == "821"


def test_mobile_numbers_are_skipped(emulator_factory) -> None:
    api = Api(emulator_factory("--no-model", "--no-demo"))
    api.create(number="200", mobile_number="201")
    assert api.template()["number"] == "202"


def test_any_extension_type_is_skipped(emulator_factory) -> None:
    # Queues 2001-2003 and the conference 1111 of a fresh PBX block 4-digit numbers.
    api = Api(emulator_factory("--no-model", "--extension-length", "4"))
    api.create(number="1110")
    assert api.create(number="x")["number"] == "1112"  # no digits: the next free number


def test_four_digit_user_number_ends_the_walk(api: Api) -> None:
    # MIN() over a TEXT column: "1000" < "201", and 1000 > 999, so nothing is offered.
    api.create(number="1000")
    assert api.template()["number"] == ""


@pytest.mark.parametrize(
    ("length", "first", "last"),
    [("2", "98", "99"), ("4", "9998", "9999")],
    ids=["length-2", "length-4"],
)
def test_extension_length_bounds_the_walk(emulator_factory, length, first, last) -> None:
    api = Api(emulator_factory("--no-model", "--no-demo", "--extension-length", length))
    api.create(number=first)
    assert api.template()["number"] == last
    api.create(number=last)
    assert api.template()["number"] == ""


def test_length_2_without_users_offers_nothing(emulator_factory) -> None:
    # The walk starts at 200, already above 99.
    api = Api(emulator_factory("--no-model", "--no-demo", "--extension-length", "2"))
    assert api.template()["number"] == ""


def test_deleted_number_is_offered_again(api: Api) -> None:
    first = api.create()
    api.create()
    api.post("deleteRecord", id=first["id"])
    assert api.template()["number"] == first["number"] == "204"
