"""Every fault the emulator injects reaches Locust as its own failure kind, counted exactly."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow

EMPLOYEES = 120
FAULTS = [
    # (emulator option, emulator counter, failure kind in Locust's table)
    ("--fault-500-before-rate", "http500_before", "HTTP 500"),
    ("--fault-500-after-rate", "http500_after", "HTTP 500"),
    ("--fault-locked-rate", "locked", "database is locked"),
    ("--fault-html-rate", "html", "unparseable response"),
    ("--fault-truncated-rate", "truncated", "unparseable response"),
    ("--fault-non-object-rate", "non_object", "response not an object"),
    ("--fault-drop-rate", "drop", "connection error: ConnectionError"),
]


@pytest.mark.parametrize(
    ("option", "counter", "kind"), FAULTS, ids=[counter for _, counter, _ in FAULTS]
)
def test_save_fault_is_classified_and_counted(
    emulator_factory, run_locust, option, counter, kind
) -> None:
    emulator = emulator_factory(
        "--no-model", "--fault-actions", "saveRecord", option, "0.25", "--fault-seed", "3"
    )
    run = run_locust("--employees", str(EMPLOYEES), host=emulator.url, users=8)
    injected = emulator.stats()["faults"][counter]
    assert 0 < injected < EMPLOYEES
    assert run.failures() == {f"saveRecord: {kind}": injected}
    assert run.requests("saveRecord") == (EMPLOYEES, injected)
    assert len(run.ledger) == EMPLOYEES - injected
    assert run.returncode == 1, "failures give Locust's exit code 1"
    assert "all --employees attempted" in run.output


def test_template_faults_skip_the_save(emulator_factory, run_locust) -> None:
    emulator = emulator_factory(
        "--no-model", "--fault-actions", "getRecord", "--fault-non-object-rate", "0.2"
    )
    run = run_locust("--employees", "100", host=emulator.url)
    injected = emulator.stats()["faults"]["non_object"]
    assert run.failures() == {"getRecord: response not an object": injected}
    assert run.requests("saveRecord") == (100 - injected, 0)
    assert len(run.ledger) == 100 - injected


def test_failure_lines_show_messages_or_the_full_text(emulator_factory, run_locust) -> None:
    emulator = emulator_factory(
        "--no-model",
        "--fault-actions",
        "saveRecord",
        "--fault-locked-rate",
        "0.5",
        "--fault-html-rate",
        "0.5",
    )
    run = run_locust("--employees", "20", host=emulator.url, users=2)
    lines = [line for line in run.output.splitlines() if "FAILED" in line]
    assert len(lines) == 20
    locked = [line for line in lines if ": database is locked: " in line]
    html = [line for line in lines if ": unparseable response: " in line]
    assert len(locked) + len(html) == 20
    assert all('{"error": ["PDOException: SQLSTATE[HY000]' in line for line in locked)
    # The full page follows its line, closing tag included: nothing of it is cut.
    assert run.output.lower().count("</html>") == len(html) > 0


def test_slow_answers_succeed_late(emulator_factory, run_locust) -> None:
    emulator = emulator_factory(
        "--no-model",
        "--fault-actions",
        "saveRecord",
        "--fault-slow-rate",
        "0.1",
        "--fault-slow-ms",
        "300",
    )
    run = run_locust("--employees", "60", host=emulator.url)
    assert run.returncode == 0, run.output
    assert emulator.stats()["faults"]["slow"] > 0
    assert len(run.ledger) == 60
    assert run.max_response_time("saveRecord") >= 300
