"""The Employees tab's rows, and the newest employees on their way from workers to the master."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

import gevent
import msgpack

from data.allocator import LocalAllocator
from suite.coordinator import Coordinator
from suite.employees_tab import Snapshot, rows
from suite.ledger import Ledger, LedgerRow
from suite.ledger_feed import HOST, LedgerFile, LedgerNews
from suite.tally import Tally
from suite.worker_link import PROGRESS, REPORT_DELAY_S, WorkerLink
from tests.suite.test_coordinator import PLAN
from tests.suite.test_worker_link import FakeRunner


def person(number: int, locale: str = "ru_RU") -> LedgerRow:
    return LedgerRow(
        "run-1", "t", "legacy", str(number), "", str(number), f"Name {number}",
        f"n.{number}@mail.ru", f"7909{number:07d}", locale,
    )  # fmt: skip


@dataclass
class Error:
    """What the tab reads of Locust's StatsError."""

    occurrences: int
    name: str

    def to_name(self) -> str:
        return self.name


def table(snapshot: Snapshot | None, *errors: Error) -> dict[str, list[tuple[str, str]]]:
    """The rows as what → [(value, detail)], in their order."""
    found: dict[str, list[tuple[str, str]]] = {}
    for row in rows(snapshot, errors):
        found.setdefault(row["what"], []).append((row["value"], row["detail"]))
    return found


def snapshot(tmp_path: Path) -> Snapshot:
    counters = LocalAllocator({"quota": 4, "mobile": None, "number": 700})
    counters.take("number", 64)
    counters.take("mobile", 64)
    tally = Tally(attempts=3)
    tally.created.update(ru_RU=2, en_US=1)
    ledger = tmp_path / "ledger.csv"
    ledger.write_text("")
    files = [
        LedgerFile("worker 1", "/far/l.csv", "elsewhere"),
        LedgerFile("local", str(ledger), HOST),
    ]
    return Snapshot(PLAN, tally, counters, [person(200), person(201, "en_US")], files)


def test_the_tab_shows_counts_pools_ledgers_and_the_newest_first(tmp_path: Path) -> None:
    shown = table(snapshot(tmp_path), Error(3, "POST saveRecord: HTTP 500"), Error(5, "GET x: y"))
    assert shown["created"][0][0] == "3"
    assert shown["created en_US"] == [("1", "33 %")]
    assert shown["created ru_RU"] == [("2", "67 %")]
    assert shown["failed"] == [("5", "GET x: y"), ("3", "POST saveRecord: HTTP 500")]
    assert shown["quota"] == [("3 of 4", "--employees attempts")]
    assert shown["numbers"][0][0] == "64 of 700"
    assert shown["mobiles"][0][0] == "64"
    assert shown["ledger"] == [(str(tmp_path / "ledger.csv"), shown["ledger"][0][1])]
    assert shown["ledger"][0][1].startswith("on this machine")
    assert shown["ledger, worker 1"] == [("/far/l.csv", shown["ledger, worker 1"][0][1])]
    assert "not on this machine" in shown["ledger, worker 1"][0][1]
    assert [value for value, _ in shown["last created"]] == ["201", "200"]
    assert shown["last created"][0][1] == "Name 201 · n.201@mail.ru · mobile 79090000201 · en_US"


def test_before_any_test_the_tab_says_so() -> None:
    assert list(table(None)) == ["employees"]


def test_a_template_run_has_no_pool(tmp_path: Path) -> None:
    plan = replace(PLAN, number_range=None, settings=replace(PLAN.settings, employees=0))
    shown = table(replace(snapshot(tmp_path), plan=plan))
    assert shown["numbers"][0][0] == "template"
    assert shown["quota"][0][0] == "no limit"
    assert shown["failures"] == [("none", "")]


def test_each_report_carries_the_rows_since_the_last_one(tmp_path: Path) -> None:
    ledger = Ledger(str(tmp_path / "ledger.csv"))
    news = LedgerNews(ledger, 3)
    for number in range(200, 215):
        ledger.record(person(number))
    first = news.take()
    assert [row[5] for row in first["recent"]] == [str(n) for n in range(205, 215)]
    assert first["ledger"] == [HOST, str(tmp_path / "ledger.csv"), 3]
    ledger.record(person(215))
    assert [row[5] for row in news.take()["recent"]] == ["215"]
    assert news.take()["recent"] == []
    ledger.close()


def test_the_master_gathers_the_newest_rows_and_every_ledger(tmp_path: Path) -> None:
    ledger = Ledger(str(tmp_path / "ledger.csv"))
    runner = FakeRunner()
    link = WorkerLink(runner, PLAN)
    link.news = LedgerNews(ledger, 0)
    ledger.record(person(200))
    link.report(Tally(attempts=1))
    gevent.sleep(REPORT_DELAY_S * 2)
    ((kind, report),) = runner.sent
    assert kind == PROGRESS
    books = Coordinator(PLAN, LocalAllocator({"quota": 4}), lambda: None, lambda: None)
    books.progress("node-a", msgpack.loads(msgpack.dumps(report)))  # as Locust carries it
    assert list(books.feed.recent) == [person(200)]
    assert books.feed.files["node-a"] == LedgerFile("worker 0", str(tmp_path / "ledger.csv"), HOST)
    assert books.feed.files["node-a"].here
    ledger.close()
