"""The listeners that frame a test: options, pre-flight, the run's start and its end."""

from __future__ import annotations

import logging
import sys
import weakref
from collections.abc import Callable
from functools import partial
from typing import Any

import gevent
import requests
from locust.stats import CSV_STATS_INTERVAL_SEC

from data import INDEX_SPACE, LocalAllocator, NumberPool
from pbx.auth import AuthError
from suite import access, distributed, local_pbx, options
from suite.coordinator import Coordinator
from suite.ledger import ledger_path
from suite.options import OptionError, settings_from
from suite.pbx_session import session_for
from suite.plan import Plan, make_plan
from suite.preflight import PreflightError, detect_api, read_facts
from suite.run import Run, attach, current, detach
from suite.summary import render

log = logging.getLogger("employees")
_summaries: weakref.WeakKeyDictionary[Any, Callable[[], str]] = weakref.WeakKeyDictionary()
"""The closing summary of each environment's last test, made when it is printed: a master's
then holds the workers' last reports too."""
EXIT_BAD_SETUP = 2
"""Exit code of a run stopped before its load by a wrong option or an unreadable PBX."""


def on_init_command_line_parser(parser: Any, **_: Any) -> None:
    options.register(parser)


def on_init(environment: Any, **_: Any) -> None:
    """Refuse wrong options before anything is sent; start the emulator when no host is given."""
    try:
        settings_from(environment.parsed_options)
    except OptionError as error:
        sys.stderr.write(f"error: {error}\n")
        sys.exit(EXIT_BAD_SETUP)
    if local_pbx.needs_emulator(environment) and not environment.parsed_options.worker:
        local_pbx.start_emulator(environment)
    distributed.register(environment)
    # A headless run's summary comes last, after Locust's own tables.
    environment.events.quit.add_listener(lambda **_: print_summary(environment))


def on_test_start(environment: Any, **_: Any) -> None:
    """Read the PBX, fix the plan and open the ledger; a failure stops the test before its load.

    A worker reads nothing: it runs the plan of its master, which owns the run's counters.
    """
    if distributed.is_worker(environment):
        distributed.start_worker(environment)
        return
    if distributed.is_master(environment):
        distributed.withdraw_plan(environment)
    local_pbx.keep_host(environment)
    try:
        plan = prepare(environment)
    except (OptionError, PreflightError) as error:
        abort(environment, str(error))
        return
    quota_done = partial(finish, environment, "all --employees attempted")
    pool_used = partial(finish, environment, "every free number of the pool used")
    if distributed.is_master(environment):
        coordinator = Coordinator(plan, allocator_for(plan), quota_done, pool_used)
        distributed.start_master(environment, coordinator)
        ledger = ledger_path(plan.settings.ledger, plan.run_id, "*") + " (one per worker)"
    else:
        run = Run(
            plan, allocator_for(plan), 0, on_quota_done=quota_done, on_pool_exhausted=pool_used
        )
        attach(environment, run)
        ledger = run.ledger.path
    log.info(
        "run %s: seed %s, numbers %s, ledger %s",
        plan.run_id,
        plan.run_seed,
        describe_numbers(plan),
        ledger,
    )


def on_test_stop(environment: Any, **_: Any) -> None:
    if distributed.is_master(environment):
        coordinator = distributed.stop_master(environment)
        if coordinator is None:
            return
        ledgers = ledger_path(coordinator.plan.settings.ledger, coordinator.plan.run_id, "*")
        _summaries[environment] = lambda: render(
            coordinator.whole_tally(), environment.stats, ledgers + " (one per worker)"
        )
    else:
        run = current(environment)
        if run is None:
            return
        detach(environment)
        run.close()
        if distributed.is_worker(environment):
            distributed.stop_worker(environment)
            return  # the master prints the summary of all workers
        _summaries[environment] = lambda: render(run.tally, environment.stats, run.ledger.path)
    if not environment.parsed_options.headless:
        print_summary(environment)


def print_summary(environment: Any) -> None:
    summary = _summaries.pop(environment, None)
    if summary:
        print(summary(), flush=True)


def on_quitting(environment: Any, **_: Any) -> None:
    """Give Locust's CSV writer one more turn, so the files hold the final figures.

    Locust rewrites its CSV files once a second and does not write them again at exit:
    a run shorter than a second would leave them empty, a longer one a second stale.
    """
    if environment.parsed_options and environment.parsed_options.csv_prefix:
        gevent.sleep(CSV_STATS_INTERVAL_SEC + 0.2)


def prepare(environment: Any) -> Plan:
    """Settings, the API, one sign-in and the PBX's numbers: everything the plan needs."""
    options = environment.parsed_options
    settings = settings_from(options)
    if not environment.host:
        raise OptionError("no PBX to test: give --host http://PBX:PORT (the web UI's Host field)")
    with requests.Session() as probe:
        api = detect_api(probe, environment.host.rstrip("/"), options.api)
    try:
        session = session_for(environment, api, access.credentials(options))
    except AuthError as error:
        raise PreflightError(str(error)) from None
    return make_plan(settings, read_facts(session), api)


def allocator_for(plan: Plan) -> LocalAllocator:
    """The run's counters, each bounded: the quota, the mobile index space, the free numbers."""
    free = (
        NumberPool(*plan.number_range, plan.taken_numbers).free_count if plan.number_range else None
    )
    return LocalAllocator(
        {
            "quota": plan.settings.employees or None,
            "mobile": INDEX_SPACE,
            "number": free,
        }
    )


def describe_numbers(plan: Plan) -> str:
    if plan.number_range is None:
        return "from the PBX's template"
    first, last = plan.number_range
    return f"pool {first}-{last}"


def abort(environment: Any, reason: str) -> None:
    """Stop a test that must not start; the process then exits with EXIT_BAD_SETUP."""
    log.error("%s", reason)
    environment.process_exit_code = EXIT_BAD_SETUP
    finish(environment, "test not started")


def finish(environment: Any, reason: str) -> None:
    """End the test from any greenlet: quit a headless run, stop a web UI test."""
    log.info("%s: stopping the test", reason)
    runner = environment.runner
    stop = runner.quit if environment.parsed_options.headless else runner.stop
    gevent.spawn(stop)
