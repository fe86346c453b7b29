"""The master's books: quota tickets handed out and settled, and the plan sent to workers."""

from __future__ import annotations

import msgpack
import pytest

from data.allocator import LocalAllocator
from data.locales import parse_locales
from suite.coordinator import Coordinator
from suite.ledger import ledger_path
from suite.options import Settings
from suite.plan import Plan, plan_from_wire, plan_to_wire

SETTINGS = Settings(
    employees=4,
    locales=parse_locales("ru_RU:3,en_US", "--locales"),
    run_seed=None,
    number_source="pool",
    number_range=(200, 999),
    reserved_numbers=((800, 820),),
    ledger="reports/ledger-{run_id}.csv",
    employee_log="all",
)
PLAN = Plan("run-1", 7, SETTINGS, (200, 999), ("201", "79161234567"), "legacy")


@pytest.fixture
def ends() -> list[str]:
    return []


@pytest.fixture
def books(ends: list[str]) -> Coordinator:
    allocator = LocalAllocator({"quota": 4, "mobile": None, "number": 700})
    return Coordinator(PLAN, allocator, lambda: ends.append("quota"), lambda: ends.append("pool"))


def ticket(books: Coordinator, worker: str, request_id: int = 1) -> dict:
    return books.answer(
        worker, {"id": request_id, "run_id": "run-1", "counter": "quota", "count": 1}
    )


def report(books: Coordinator, worker: str, settled: int, created: dict | None = None) -> None:
    books.progress(
        worker,
        {"run_id": "run-1", "settled": settled, "attempts": settled, "created": created or {}},
    )


def test_quota_is_done_when_every_ticket_is_settled(books: Coordinator, ends: list) -> None:
    handed = [ticket(books, worker)["start"] for worker in ("a", "a", "b", "b")]
    assert handed == [0, 1, 2, 3]
    assert ticket(books, "b") == {"id": 1, "start": 4, "stop": 4, "run_id": "run-1"}
    report(books, "a", 2)
    books.check_quota({"a", "b"})
    assert ends == [] and books.open
    report(books, "b", 2)
    books.check_quota({"a", "b"})
    assert ends == ["quota"] and not books.open


def test_a_dead_worker_does_not_hold_up_the_quota(books: Coordinator, ends: list) -> None:
    for worker in ("a", "a", "a", "dead"):
        ticket(books, worker)
    report(books, "a", 3)
    books.check_quota({"a", "dead"})
    assert ends == []
    books.check_quota({"a"})  # "dead" stopped sending heartbeats
    assert ends == ["quota"]


def test_quota_is_not_done_while_tickets_remain(books: Coordinator, ends: list) -> None:
    ticket(books, "a")
    report(books, "a", 1)
    books.check_quota({"a"})
    assert ends == []


def test_blocks_of_another_run_are_empty(books: Coordinator) -> None:
    other = books.answer("a", {"id": 5, "run_id": "run-0", "counter": "number", "count": 64})
    assert (other["start"], other["stop"], other["run_id"]) == (0, 0, "run-0")
    assert books.handed == {}


def test_an_attempt_still_in_flight_gets_its_block_after_the_end(books: Coordinator) -> None:
    books.close()  # e.g. its worker was taken for dead, but is only slow
    late = books.answer("a", {"id": 6, "run_id": "run-1", "counter": "mobile", "count": 64})
    assert (late["start"], late["stop"]) == (0, 64)


def test_pool_exhaustion_ends_the_test_once(books: Coordinator, ends: list) -> None:
    books.pool_exhausted()
    books.pool_exhausted()
    assert ends == ["pool"]


def test_summary_counts_every_workers_last_report(books: Coordinator) -> None:
    report(books, "a", 1, {"ru_RU": 1})
    report(books, "a", 3, {"ru_RU": 2, "en_US": 1})
    report(books, "b", 1, {"ru_RU": 1})
    books.progress("b", {"run_id": "run-0", "settled": 9, "attempts": 9, "created": {"x": 9}})
    tally = books.whole_tally()
    assert tally.attempts == 4
    assert dict(tally.created) == {"ru_RU": 3, "en_US": 1}


def test_plan_survives_locusts_message_encoding() -> None:
    wire = msgpack.loads(msgpack.dumps(plan_to_wire(PLAN)))
    assert plan_from_wire(wire) == PLAN


@pytest.mark.parametrize(
    ("template", "worker", "path"),
    [
        ("r/ledger-{run_id}.csv", None, "r/ledger-R.csv"),
        ("r/ledger-{run_id}-{worker}.csv", None, "r/ledger-R-local.csv"),
        ("r/ledger-{run_id}-{worker}.csv", 2, "r/ledger-R-worker2.csv"),
        ("r/ledger-{run_id}.csv", 0, "r/ledger-R-worker0.csv"),
        ("r/ledger", 3, "r/ledger-worker3"),
    ],
    ids=["local", "local {worker}", "worker {worker}", "worker suffix", "no extension"],
)
def test_each_worker_has_a_ledger_of_its_own(template: str, worker, path: str) -> None:
    assert ledger_path(template, "R", worker) == path
