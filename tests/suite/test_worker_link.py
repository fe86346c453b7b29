"""A worker's side without Locust's network: its reports, and a run made after a late init."""

from __future__ import annotations

from argparse import Namespace
from dataclasses import replace
from pathlib import Path

import gevent

from suite import worker_link
from suite.plan import plan_to_wire
from suite.run import awaited, current
from suite.tally import Tally
from suite.worker_link import BLOCK_REQUEST, PLAN_OPTION, PROGRESS, REPORT_DELAY_S, WorkerLink
from tests.suite.test_coordinator import PLAN


class FakeRunner:
    """What a worker's run uses of Locust's WorkerRunner."""

    worker_index = 4

    def __init__(self) -> None:
        self.sent: list[tuple[str, dict]] = []
        self.handlers: dict = {}

    def send_message(self, msg_type: str, data: dict) -> None:
        self.sent.append((msg_type, data))

    def register_message(self, msg_type: str, listener) -> None:
        self.handlers[msg_type] = listener


class FakeEnvironment:
    def __init__(self, plan_wire: dict) -> None:
        self.runner = None  # not yet: Locust assigns it after the worker has connected
        self.parsed_options = Namespace(worker=True, **{PLAN_OPTION: plan_wire})


def tally(attempts: int, **created: int) -> Tally:
    result = Tally(attempts=attempts)
    result.created.update(created)
    return result


def test_a_report_goes_alone_when_no_request_comes() -> None:
    runner = FakeRunner()
    link = WorkerLink(runner, PLAN)
    link.report(tally(1, ru_RU=1))
    link.report(tally(2, ru_RU=2))
    assert runner.sent == []
    gevent.sleep(REPORT_DELAY_S * 2)
    assert runner.sent == [
        (PROGRESS, {"run_id": "run-1", "settled": 2, "attempts": 2, "created": {"ru_RU": 2}})
    ]


def test_a_report_rides_on_the_next_request() -> None:
    runner = FakeRunner()
    link = WorkerLink(runner, PLAN)
    link.report(tally(1, en_US=1))
    link._request({"id": 7, "counter": "quota", "count": 1})
    gevent.sleep(REPORT_DELAY_S * 2)
    assert [msg_type for msg_type, _ in runner.sent] == [BLOCK_REQUEST]
    assert runner.sent[0][1]["progress"]["settled"] == 1


def test_the_end_of_the_test_sends_the_last_counts_at_once() -> None:
    runner = FakeRunner()
    link = WorkerLink(runner, PLAN)
    link.report(tally(4))
    link.flush()
    assert [data["settled"] for _, data in runner.sent] == [4]
    gevent.sleep(REPORT_DELAY_S * 2)
    assert len(runner.sent) == 1


def test_tickets_that_came_too_late_count_as_settled() -> None:
    runner = FakeRunner()
    link = WorkerLink(runner, PLAN)
    link.report(tally(3))
    link._orphan("quota", range(10, 12))
    link._orphan("mobile", range(0, 64))  # other counters hold up nothing
    gevent.sleep(REPORT_DELAY_S * 2)
    assert runner.sent[-1][1]["settled"] == 5


def test_a_test_started_before_init_waits_for_it(tmp_path: Path) -> None:
    plan = replace(PLAN, settings=replace(PLAN.settings, ledger=f"{tmp_path}/l-{{worker}}.csv"))
    environment = FakeEnvironment(plan_to_wire(plan))
    worker_link.start_worker(environment)  # as Locust does for a worker joining late
    assert current(environment) is None
    user = gevent.spawn(awaited, environment)
    gevent.sleep(0.05)
    environment.runner = FakeRunner()
    worker_link.register(environment)  # the init listener
    run = user.get(timeout=10)
    assert run is not None and run.plan == plan
    assert run.ledger.path == f"{tmp_path}/l-worker4.csv"
    run.close()


def test_no_plan_means_no_run_and_no_wait() -> None:
    environment = FakeEnvironment({})
    environment.runner = FakeRunner()
    worker_link.register(environment)
    worker_link.start_worker(environment)
    assert awaited(environment) is None
