"""What the web UI's Employees tab shows of a test: employees, failures, pools and ledgers.

The tab is one of Locust's extended tabs: a table of text rows, three columns, that the
page fetches every two seconds while a test runs.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from data import INDEX_SPACE, LocalAllocator
from suite.coordinator import Coordinator
from suite.ledger import LedgerRow
from suite.ledger_feed import LedgerFile, local_file
from suite.plan import Plan
from suite.run import BLOCK_SIZE, Run
from suite.tally import Tally

COLUMNS = [
    {"key": "what", "title": "What"},
    {"key": "value", "title": "Value"},
    {"key": "detail", "title": "Detail"},
]
Row = dict[str, str]


@dataclass(frozen=True)
class Snapshot:
    """One test as the tab sees it: a local run's, or a master's over all its workers."""

    plan: Plan
    tally: Tally
    allocator: LocalAllocator
    """The run's counters: the numbers, mobiles and quota tickets handed out so far."""
    recent: Sequence[LedgerRow]
    """The newest employees, newest last."""
    ledgers: Sequence[LedgerFile]


def of_run(run: Run) -> Snapshot:
    return Snapshot(
        run.plan,
        run.tally,
        run.mobile_indices.allocator,
        list(run.ledger.recent),
        [local_file(run.ledger)],
    )


def of_coordinator(coordinator: Coordinator) -> Snapshot:
    feed = coordinator.feed
    return Snapshot(
        coordinator.plan,
        coordinator.whole_tally(),
        coordinator.allocator,
        list(feed.recent),
        sorted(feed.files.values(), key=lambda f: f.owner),
    )


def rows(snapshot: Snapshot | None, errors: Iterable[Any], load: Row | None = None) -> list[Row]:
    """The tab's table; `errors` are Locust's StatsErrors, a master's merged over its workers."""
    if snapshot is None:
        return [load or row("employees", "no test yet", "start one: this tab then follows it")]
    plan = snapshot.plan
    return [
        row("run", plan.run_id, f"seed {plan.run_seed}, {plan.api} API"),
        *([load] if load else []),
        *created(snapshot.tally),
        *failures(errors),
        *pools(snapshot),
        *map(ledger, snapshot.ledgers),
        *map(employee, reversed(snapshot.recent)),
    ]


def row(what: str, value: object, detail: str = "") -> Row:
    return {"what": what, "value": str(value), "detail": detail}


def users(count: int, shape: str | None) -> Row:
    """The load now, and what drives it."""
    how = f"shape {shape}" if shape else "no shape: the form's users and spawn rate (-u, -r)"
    return row("users", count, how)


def created(tally: Tally) -> list[Row]:
    total = sum(tally.created.values())
    seconds = tally.elapsed()
    rate = f"{total / seconds:.1f} employees/s"
    lines = [row("created", total, f"of {tally.attempts} attempted in {seconds:.1f} s: {rate}")]
    for locale, count in sorted(tally.created.items()):
        lines.append(row(f"created {locale}", count, f"{100 * count / total:.0f} %"))
    return lines


def failures(errors: Iterable[Any]) -> list[Row]:
    """Failures per kind, as Locust counts them (every worker's on a master)."""
    ordered = sorted(errors, key=lambda e: -e.occurrences)
    if not ordered:
        return [row("failures", "none")]
    return [row("failed", e.occurrences, e.to_name()) for e in ordered]


def pools(snapshot: Snapshot) -> list[Row]:
    """How much of the quota, the number pool and the mobile index space the test used."""
    settings, counters = snapshot.plan.settings, snapshot.allocator
    quota = (
        row("quota", f"{snapshot.tally.attempts} of {settings.employees}", "--employees attempts")
        if settings.employees
        else row("quota", "no limit", "--employees 0: the test runs until stopped")
    )
    mobiles = counters.next_index("mobile")
    lines = [quota, numbers(snapshot.plan, counters)]
    lines.append(row("mobiles", f"{mobiles:,}", f"of {INDEX_SPACE:,} indices handed out"))
    return lines


def numbers(plan: Plan, counters: LocalAllocator) -> Row:
    if plan.number_range is None:
        return row("numbers", "template", "each employee gets the number the PBX suggests")
    first, last = plan.number_range
    handed, left = counters.next_index("number"), counters.remaining("number") or 0
    return row(
        "numbers",
        f"{handed} of {handed + left}",
        f"free numbers of {first}-{last} handed out, in blocks of {BLOCK_SIZE}; {left} left",
    )


def ledger(file: LedgerFile) -> Row:
    what = "ledger" if file.owner == "local" else f"ledger, {file.owner}"
    if file.here:
        where = "on this machine: Download Data tab, or ./employees/ledger"
    else:
        where = f"on {file.host}, not on this machine: copy it from there"
    return row(what, file.path, where)


def employee(entry: LedgerRow) -> Row:
    detail = f"{entry.username} · {entry.email} · mobile {entry.mobile} · {entry.locale}"
    return row("last created", entry.number, detail)
