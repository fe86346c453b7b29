"""A worker's side of a distributed run: the master's plan, its blocks, reports to it.

The messages between master and workers are named here. Every answer and report carries
the run id, so a message of an earlier test is never taken for one of this test.
"""

from __future__ import annotations

import logging
import time
import weakref
from typing import Any

import gevent

from data.remote_allocator import RemoteAllocator
from suite.ledger_feed import LedgerNews
from suite.plan import Plan, plan_from_wire
from suite.run import WAIT_FOR_RUN_S, Run, attach, expect
from suite.tally import Tally

log = logging.getLogger("employees")

PLAN_OPTION = "employees_plan"
"""The parsed option that carries the plan (as plain data) from the master to the workers."""
BLOCK_REQUEST = "employees_block_request"
BLOCK = "employees_block"
PROGRESS = "employees_progress"
POOL_EXHAUSTED = "employees_pool_exhausted"
REPORT_DELAY_S = 0.05
"""Longest a worker's report waits for a block request to ride on."""

_links: weakref.WeakKeyDictionary[Any, WorkerLink] = weakref.WeakKeyDictionary()
_ready: weakref.WeakSet[Any] = weakref.WeakSet()
"""Worker environments whose init has run: runner in place, handlers installed."""


def register(environment: Any) -> None:
    """Install the worker's handler of the master's answers (from the init listener)."""
    environment.runner.register_message(BLOCK, _on_block)
    _ready.add(environment)


def start_worker(environment: Any) -> None:
    """Run the master's plan on this worker, once the worker is set up.

    Locust may start a worker's test before that worker's init: a worker joining a running
    test gets its spawn message while still connecting. Its run is then made as soon as
    init is done; its users wait for it meanwhile.
    """
    expect(environment)
    if environment in _ready:
        _make_run(environment)
    else:
        gevent.spawn(_make_run_when_ready, environment)


def stop_worker(environment: Any) -> None:
    """The test ended on this worker: its last counts go to the master now."""
    link = _links.get(environment)
    if link is not None:
        link.flush()


class WorkerLink:
    """One test on one worker: its remote allocator and its reports to the master."""

    def __init__(self, runner: Any, plan: Plan) -> None:
        self.runner = runner
        self.run_id = plan.run_id
        self.allocator = RemoteAllocator(self._request, on_orphan=self._orphan)
        self.tally = Tally()
        self.returned = 0
        """Quota tickets that reached this worker after their user had stopped waiting."""
        self.news: LedgerNews | None = None
        """This worker's ledger, once its run is made: its newest rows ride on the reports."""
        self._unreported = False
        self._flush: gevent.Greenlet | None = None

    def report(self, tally: Tally) -> None:
        """Tell the master how far this worker is, soon: on the next block request if one
        goes within REPORT_DELAY_S (one message fewer per employee), else on its own."""
        self.tally = tally
        self._unreported = True
        if self._flush is None:
            self._flush = gevent.spawn_later(REPORT_DELAY_S, self._send_report)

    def flush(self) -> None:
        """Send what is not reported yet, without waiting for a request to ride on."""
        if self._flush is not None:
            self._flush.kill(block=False)
        self._send_report()

    def pool_exhausted(self) -> None:
        self.runner.send_message(POOL_EXHAUSTED, {"run_id": self.run_id})

    def _send_report(self) -> None:
        self._flush = None
        if self._unreported:
            self.runner.send_message(PROGRESS, self._totals())

    def _totals(self) -> dict[str, Any]:
        """This worker's totals: a lost or late report costs nothing, the next one has all."""
        self._unreported = False
        return {
            "run_id": self.run_id,
            "settled": self.tally.attempts + self.returned,
            "attempts": self.tally.attempts,
            "created": dict(self.tally.created),
            **(self.news.take() if self.news else {}),
        }

    def _request(self, request: dict[str, Any]) -> None:
        message = {**request, "run_id": self.run_id}
        if self._unreported:
            message["progress"] = self._totals()
        self.runner.send_message(BLOCK_REQUEST, message)

    def _orphan(self, counter: str, block: range) -> None:
        # An unused ticket is settled too, or the master would wait for it forever.
        if counter == "quota":
            self.returned += len(block)
            self.report(self.tally)


def _make_run_when_ready(environment: Any) -> None:
    deadline = time.monotonic() + WAIT_FOR_RUN_S
    while environment not in _ready and time.monotonic() < deadline:
        gevent.sleep(0.01)
    if environment in _ready:
        _make_run(environment)
    else:
        log.error("this worker's setup did not end in %g s: it creates nobody", WAIT_FOR_RUN_S)
        attach(environment, None)


def _make_run(environment: Any) -> None:
    """This worker's run of the master's plan, its indices taken from the master."""
    wire = getattr(environment.parsed_options, PLAN_OPTION, None)
    if not wire:
        log.error("the master sent no plan (its pre-flight failed?): this worker creates nobody")
        attach(environment, None)
        return
    plan = plan_from_wire(wire)
    runner = environment.runner
    link = WorkerLink(runner, plan)
    run = Run(
        plan,
        link.allocator,
        process_seed=runner.worker_index + 1,  # 0 is a local run's: names differ per process
        on_quota_done=lambda: None,  # the master judges the quota
        on_pool_exhausted=link.pool_exhausted,
        worker=runner.worker_index,
        report=link.report,
    )
    link.tally = run.tally
    link.news = LedgerNews(run.ledger, runner.worker_index)
    _links[environment] = link
    attach(environment, run)
    log.info("run %s: this worker's ledger %s", plan.run_id, run.ledger.path)


def _on_block(environment: Any, msg: Any, **_: Any) -> None:
    link = _links.get(environment)
    if link is not None and (msg.data or {}).get("run_id") == link.run_id:
        link.allocator.deliver(msg.data)
