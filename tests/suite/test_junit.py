"""The JUnit file: a case per threshold and per failure kind, counted as CI systems count them."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from suite.junit import failure_kinds, junit_tree, write_junit
from suite.thresholds import Check
from tests.suite.stats_double import Stats


def test_cases_per_threshold_and_per_failure_kind(tmp_path) -> None:
    stats = Stats()
    for i in range(40):
        error = "HTTP 500" if i < 3 else "number already in use" if i == 3 else ""
        stats.log("POST", "saveRecord", 100, error)
    checks = [
        Check("fail ratio", 0.1, 0.05, "%"),
        Check("p95 of saveRecord", 100.0, 400.0, "ms"),
    ]
    path = tmp_path / "out" / "junit.xml"
    write_junit(str(path), junit_tree(checks, failure_kinds(stats), 12.5))

    root = ET.parse(path).getroot()
    assert (root.tag, root.get("tests"), root.get("failures")) == ("testsuites", "4", "3")
    thresholds, failures = root.findall("testsuite")
    assert [c.get("name") for c in thresholds] == [
        "fail ratio, at most 5.00 %",
        "p95 of saveRecord, at most 400 ms",
    ]
    broken = thresholds.find("testcase/failure")
    assert broken.get("message") == "threshold BROKEN: fail ratio 10.00 % (at most 5.00 %)"
    assert [(c.get("name"), c.find("failure").get("message")) for c in failures] == [
        ("POST saveRecord: HTTP 500", "3 of 40 POST saveRecord requests failed: HTTP 500"),
        (
            "POST saveRecord: number already in use",
            "1 of 40 POST saveRecord requests failed: number already in use",
        ),
    ]
    assert (failures.get("tests"), failures.get("failures"), failures.get("time")) == (
        "2",
        "2",
        "12.500",
    )


def test_a_clean_run_has_one_passing_failures_case() -> None:
    root = junit_tree([], [], 1.0).getroot()
    assert (root.get("tests"), root.get("failures")) == ("1", "0")
    assert root.find("testsuite[@name='failures']/testcase").get("name") == "no request failed"


def test_a_test_that_never_started_fails_its_own_case() -> None:
    root = junit_tree([], [], 0.0, not_started="the test did not start").getroot()
    case = root.find("testsuite[@name='thresholds']/testcase")
    assert case.get("name") == "the test started"
    assert case.find("failure").get("message") == "the test did not start"
