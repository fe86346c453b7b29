"""One test in one process: turns PBX templates into employees and records what happened."""

from __future__ import annotations

import logging
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from gevent.event import Event

from data.allocator import Allocator, BlockCursor
from data.mobiles import MobilePool
from data.numbers import NumberPool
from data.people import PeopleFactory, Person
from pbx.form import filled_template
from pbx.outcome import Outcome
from suite.console import EmployeeConsole
from suite.ledger import Ledger, LedgerRow, ledger_path, utc_now
from suite.plan import Plan
from suite.tally import Tally

log = logging.getLogger("employees")
BLOCK_SIZE = 64
"""Indices a process takes at a time: one allocator call per 64 employees."""
MAX_INTERNAL_DIGITS = 8
"""Extension numbers have at most 8 digits; longer taken numbers are mobiles."""


@dataclass(frozen=True)
class Draft:
    """An employee about to be saved: the person, their numbers and the form to send."""

    person: Person
    number: str
    mobile: str
    form: dict[str, Any]


class Run:
    """The generators, cursors, ledger and counts of one test in this process."""

    def __init__(
        self,
        plan: Plan,
        allocator: Allocator,
        process_seed: int,
        on_quota_done: Callable[[], None],
        on_pool_exhausted: Callable[[], None],
        worker: int | None = None,
        report: Callable[[Tally], None] | None = None,
    ) -> None:
        """``worker`` is the Locust worker's index (None in a local run). ``report`` is given
        in a distributed run: the master counts the quota over all workers, so each finished
        attempt is reported to it rather than compared with the quota here."""
        self.plan = plan
        settings = plan.settings
        # A string seed keeps (run seed, process) pairs apart: forked processes draw other names.
        self.people = PeopleFactory(settings.locales, seed=f"{plan.run_seed}/{process_seed}")
        self.mobiles = MobilePool(plan.run_seed)
        self.pool = (
            NumberPool(*plan.number_range, plan.taken_numbers) if plan.number_range else None
        )
        self.held_mobiles = {n for n in plan.taken_numbers if len(n) > MAX_INTERNAL_DIGITS}
        self.quota = BlockCursor(allocator, "quota", 1) if settings.employees else None
        self.mobile_indices = BlockCursor(allocator, "mobile", BLOCK_SIZE)
        self.number_indices = BlockCursor(allocator, "number", BLOCK_SIZE)
        self.ledger = Ledger(ledger_path(settings.ledger, plan.run_id, worker))
        self.console = EmployeeConsole(settings.employee_log)
        self.tally = Tally()
        self._on_quota_done = on_quota_done
        self._on_pool_exhausted = on_pool_exhausted
        self._report = report
        self._ending = False
        self._rate_limit_told = False
        self._sign_in_told = False

    def take_ticket(self) -> bool:
        """One creation attempt of the quota; False once the whole test's quota is handed out."""
        return self.quota is None or self.quota.next() is not None

    def draft(self, template: dict[str, Any]) -> Draft | None:
        """Fill a fresh template; None when the number pool is used up."""
        person, mobile = self._next_person()
        number = self._next_number(template)
        if number is None:
            return None
        return Draft(person, number, mobile, filled_template(template, person, number, mobile))

    def confirmed(self, draft: Draft, data: dict[str, Any]) -> None:
        """The PBX created the employee: ledger first, then the console and the counts."""
        number = str(data.get("number", draft.number))
        self.ledger.record(
            LedgerRow(
                run_id=self.plan.run_id,
                time=utc_now(),
                api=self.plan.api,
                extension_id=str(data.get("id", "")),
                user_id=str(data.get("user_id", "")),
                number=number,
                username=draft.person.username,
                email=draft.person.email,
                mobile=draft.mobile,
                locale=draft.person.locale,
            )
        )
        self.tally.add_created(draft.person.locale)
        self.console.created(number, draft.person, draft.mobile)

    def refused(self, request_name: str, outcome: Outcome, draft: Draft | None) -> None:
        self.tally.add_failure(request_name, outcome.kind)
        if draft is None:
            self.console.no_template(request_name, outcome.kind, outcome.detail)
        else:
            self.console.not_created(
                draft.number, draft.person, draft.mobile, outcome.kind, outcome.detail
            )

    def rate_limited(self) -> None:
        """Say once per run how to lift the limit; the users back off meanwhile."""
        if not self._rate_limit_told:
            self._rate_limit_told = True
            log.warning(
                "the PBX rate-limits this address (HTTP 429): users back off; on a staging PBX "
                "turn the limit off with PBX_RATE_LIMIT_ENABLED='0' and restart its nginx"
            )

    def cannot_sign_in(self, reason: str) -> None:
        """This process's login was refused: its users stop, each after one look."""
        if not self._sign_in_told:
            self._sign_in_told = True
            log.error("%s", reason)

    def pool_exhausted(self) -> None:
        """Every free number of the range is used: the test cannot create more employees."""
        self._end(self._on_pool_exhausted)

    def attempt_done(self) -> None:
        self.tally.attempts += 1
        if self._report is not None:
            self._report(self.tally)
        elif self.plan.settings.employees and self.tally.attempts == self.plan.settings.employees:
            self._end(self._on_quota_done)

    def _end(self, callback: Callable[[], None]) -> None:
        """Ask for the end of the test once, however many users notice the reason."""
        if not self._ending:
            self._ending = True
            callback()

    def close(self) -> None:
        self.tally.stop()
        self.ledger.close()

    def _next_person(self) -> tuple[Person, str]:
        """A person and their mobile, skipping mobiles the PBX held before the test."""
        while True:
            index = self.mobile_indices.next()
            if index is None:
                raise RuntimeError("the mobile index space of this run is used up")
            person = self.people.person(index)
            mobile = self.mobiles.mobile(index, person.locale)
            if mobile not in self.held_mobiles:
                return person, mobile

    def _next_number(self, template: dict[str, Any]) -> str | None:
        if self.pool is None:
            return str(template.get("number", ""))
        index = self.number_indices.next()
        return None if index is None else self.pool.number(index)


_RUNS: weakref.WeakKeyDictionary[Any, Run] = weakref.WeakKeyDictionary()
_PENDING: weakref.WeakKeyDictionary[Any, Event] = weakref.WeakKeyDictionary()
"""Environments whose run is being made: their users wait for it rather than stop."""
WAIT_FOR_RUN_S = 30.0


def expect(environment: Any) -> None:
    """A run is coming for this environment (a worker still setting up): users wait for it."""
    _PENDING.setdefault(environment, Event())


def attach(environment: Any, run: Run | None) -> None:
    """This environment's run, or None when the awaited one will not come."""
    if run is not None:
        _RUNS[environment] = run
    pending = _PENDING.pop(environment, None)
    if pending is not None:
        pending.set()


def current(environment: Any) -> Run | None:
    """The run of this environment's current test, or None before the test is ready."""
    return _RUNS.get(environment)


def awaited(environment: Any) -> Run | None:
    """The current run, waiting (and yielding) while one is still being made."""
    pending = _PENDING.get(environment)
    if environment not in _RUNS and pending is not None:
        pending.wait(WAIT_FOR_RUN_S)
    return _RUNS.get(environment)


def detach(environment: Any) -> None:
    _RUNS.pop(environment, None)
