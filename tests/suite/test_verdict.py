"""Thresholds end to end: exit codes, the broken ones' lines, the JUnit file, checked once."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from tests.cluster import free_port

pytestmark = pytest.mark.slow


def junit_counts(path) -> dict[str, tuple[str, str]]:
    """(tests, failures) of each test suite in a JUnit file."""
    root = ET.parse(path).getroot()
    return {s.get("name"): (s.get("tests"), s.get("failures")) for s in root.iter("testsuite")}


def test_failures_within_the_fail_ratio_pass(emulator_factory, run_locust, tmp_path) -> None:
    emulator = emulator_factory(
        "--no-model", "--fault-actions", "saveRecord", "--fault-500-before-rate", "0.1"
    )
    junit = tmp_path / "junit.xml"
    run = run_locust(
        "--employees", "100", "--max-fail-ratio", "0.2", "--max-p95-ms", "5000",
        "--min-employees-per-s", "1", "--junit", str(junit), host=emulator.url,
    )  # fmt: skip
    injected = emulator.stats()["faults"]["http500_before"]
    assert injected > 0
    assert run.returncode == 0, run.output
    assert "thresholds: 3 held, 0 broken" in run.output
    assert junit_counts(junit) == {"thresholds": ("3", "0"), "failures": ("1", "1")}
    failure = ET.parse(junit).find(".//testcase[@name='POST saveRecord: HTTP 500']/failure")
    assert failure.get("message") == f"{injected} of 100 POST saveRecord requests failed: HTTP 500"


def test_broken_thresholds_exit_3_one_line_each(emulator_factory, run_locust, tmp_path) -> None:
    emulator = emulator_factory(
        "--no-model", "--fault-actions", "saveRecord", "--fault-slow-rate", "0.5",
        "--fault-slow-ms", "200",
    )  # fmt: skip
    junit = tmp_path / "junit.xml"
    run = run_locust(
        "--employees", "40", "--max-p95-ms", "saveRecord=100,getRecord=1000",
        "--min-employees-per-s", "100000", "--junit", str(junit), host=emulator.url,
    )  # fmt: skip
    assert run.returncode == 3, run.output
    lines = [line for line in run.output.splitlines() if line.startswith("threshold ")]
    assert len(lines) == 3
    assert lines[0].startswith("threshold BROKEN: p95 of saveRecord ")
    assert lines[0].endswith(" ms (at most 100 ms)")
    assert lines[1].startswith("threshold held: p95 of getRecord ")
    assert lines[2].startswith("threshold BROKEN: employees created per second ")
    assert "thresholds: 1 held, 2 broken" in run.output
    assert junit_counts(junit) == {"thresholds": ("3", "2"), "failures": ("1", "0")}


def test_without_a_fail_ratio_any_failure_keeps_exit_code_1(emulator_factory, run_locust) -> None:
    emulator = emulator_factory(
        "--no-model", "--fault-actions", "saveRecord", "--fault-500-before-rate", "0.2"
    )
    run = run_locust("--employees", "30", "--max-p95-ms", "60000", host=emulator.url)
    assert run.returncode == 1, run.output
    assert "thresholds: 1 held, 0 broken" in run.output


def test_a_malformed_threshold_stops_the_run_before_it_starts(run_locust) -> None:
    run = run_locust("--max-p95-ms", "fast", host="http://127.0.0.1:9")
    assert run.returncode == 2
    assert run.output.strip().splitlines()[-1] == (
        "error: --max-p95-ms 'fast': 'fast' is not a number from 0 or more; "
        "write e.g. --max-p95-ms 500 or --max-p95-ms saveRecord=400,getRecord=100"
    )


def test_processes_are_checked_once_on_the_master(emulator, run_locust, tmp_path) -> None:
    junit = tmp_path / "junit.xml"
    port = free_port()  # not Locust's default: another run on this machine may hold it
    run = run_locust(
        "--processes", "2", f"--master-bind-port={port}", f"--master-port={port}",
        "--employees", "60", "--max-fail-ratio", "0",
        "--min-employees-per-s", "100000", "--junit", str(junit), host=emulator.url, users=4,
    )  # fmt: skip
    assert run.returncode == 3, run.output
    assert run.output.count("threshold BROKEN: employees created per second") == 1
    assert run.output.count("threshold held: fail ratio 0.00 %") == 1
    assert junit_counts(junit) == {"thresholds": ("2", "1"), "failures": ("1", "0")}


def test_a_test_that_never_started_keeps_exit_code_2(run_locust, tmp_path) -> None:
    junit = tmp_path / "junit.xml"
    run = run_locust(
        "--max-fail-ratio", "0.1", "--junit", str(junit), host="http://127.0.0.1:9"
    )  # fmt: skip
    assert run.returncode == 2, run.output
    assert "threshold" not in run.output
    assert junit_counts(junit) == {"thresholds": ("1", "1"), "failures": ("1", "0")}
