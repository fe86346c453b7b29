"""The run's verdict for a pipeline: thresholds checked at the end, an exit code, a JUnit file.

Checked once, where all statistics meet: a local run's process, or the master of a
distributed run (`--processes`, `--master`), never a worker. Exit codes: 0 every
threshold held, 1 requests failed and no `--max-fail-ratio` was given (Locust's rule),
2 the test did not start, 3 a threshold broke.
"""

from __future__ import annotations

import sys
import weakref
from typing import Any

from locust import log as locust_log
from locust.runners import WorkerRunner

from suite import manifest
from suite.junit import failure_kinds, junit_tree, write_junit
from suite.thresholds import Check, check_all, check_options

EXIT_BAD_SETUP = 2
EXIT_THRESHOLD_BROKEN = 3
"""Exit code of a run that ended with at least one threshold broken."""
_checks: weakref.WeakKeyDictionary[Any, list[Check]] = weakref.WeakKeyDictionary()


def register(events: Any) -> None:
    """Add the listeners; after the suite's own, so the run exists and the summary comes first."""
    events.init_command_line_parser.add_listener(on_init_command_line_parser)
    events.init.add_listener(on_init)
    events.test_start.add_listener(manifest.on_test_start)
    events.quitting.add_listener(on_quitting)


def on_init_command_line_parser(parser: Any, **_: Any) -> None:
    # Checked when the process ends, so a per-test value in the web UI's form would mislead.
    add = parser.add_argument
    add(
        "--max-fail-ratio",
        default="",
        env_var="PBX_MAX_FAIL_RATIO",
        include_in_web_ui=False,
        help="Threshold: most failed requests, 0..1, overall or per request: "
        "0.01 or saveRecord=0.02; replaces Locust's exit code 1 for any failure",
    )
    add(
        "--max-p95-ms",
        default="",
        env_var="PBX_MAX_P95_MS",
        include_in_web_ui=False,
        help="Threshold: highest 95th-percentile response time, overall or per request: "
        "500 or saveRecord=400,getRecord=100",
    )
    add(
        "--min-employees-per-s",
        type=float,
        default=None,
        env_var="PBX_MIN_EMPLOYEES_PER_S",
        include_in_web_ui=False,
        help="Threshold: fewest employees created per second over the test",
    )
    add(
        "--junit",
        default="",
        env_var="PBX_JUNIT",
        include_in_web_ui=False,
        help="Write the verdict as JUnit XML: a test case per threshold and per failure kind",
    )


def on_init(environment: Any, **_: Any) -> None:
    try:
        check_options(environment.parsed_options)
    except ValueError as error:
        sys.stderr.write(f"error: {error}\n")
        sys.exit(EXIT_BAD_SETUP)
    # After the suite's closing summary, which is also printed on `quit`.
    environment.events.quit.add_listener(lambda **_: print_verdict(environment))


def on_quitting(environment: Any, **_: Any) -> None:
    """Measure the thresholds, set the exit code and write the JUnit file (not on workers)."""
    options = environment.parsed_options
    if options is None or isinstance(environment.runner, WorkerRunner):
        return
    # A test that never started has nothing to measure: its verdict is exit code 2 alone.
    not_started = environment.process_exit_code == EXIT_BAD_SETUP
    checks = [] if not_started else check_all(options, environment.stats)
    _checks[environment] = checks
    if not not_started:
        environment.process_exit_code = exit_code(environment, checks)
    if options.junit:
        reason = "the test did not start: see the first error of the log" if not_started else ""
        tree = junit_tree(checks, failure_kinds(environment.stats), _seconds(environment), reason)
        write_junit(options.junit, tree)


def exit_code(environment: Any, checks: list[Check]) -> int | None:
    """3 for a broken threshold; 0 when the fail ratio held and nothing else went wrong;
    otherwise None, leaving Locust's rule (1 for any failed request)."""
    if any(not check.held for check in checks):
        return EXIT_THRESHOLD_BROKEN
    crashed = environment.runner.exceptions or locust_log.unhandled_greenlet_exception
    if environment.parsed_options.max_fail_ratio and not crashed:
        return 0
    return environment.process_exit_code


def print_verdict(environment: Any) -> None:
    checks = _checks.pop(environment, None)
    if checks:
        broken = sum(not check.held for check in checks)
        lines = [check.line() for check in checks]
        lines.append(f"thresholds: {len(checks) - broken} held, {broken} broken")
        print("\n".join(lines), flush=True)


def _seconds(environment: Any) -> float:
    total = environment.stats.total
    if not total.last_request_timestamp:
        return 0.0
    return max(total.last_request_timestamp - total.start_time, 0.0)
