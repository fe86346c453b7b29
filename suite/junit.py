"""The run's verdict as JUnit XML, the format GitLab, Jenkins and GitHub show as test results.

Two test suites: `thresholds`, one case per threshold (failed when broken), and
`failures`, one case per kind of failed request (failed, with its count), or one
passing case when no request failed.
"""

from __future__ import annotations

import os
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from typing import Any

from suite.thresholds import Check

SUITE_NAME = "MikoPBX employee load test"


@dataclass(frozen=True)
class FailureKind:
    """One row of Locust's failures table."""

    request: str
    """`POST saveRecord`"""
    kind: str
    """`HTTP 500`"""
    count: int
    requests: int
    """Requests of that name and method, failed or not."""

    def message(self) -> str:
        return f"{self.count} of {self.requests} {self.request} requests failed: {self.kind}"


def failure_kinds(stats: Any) -> list[FailureKind]:
    """Locust's errors (one per request and kind), most frequent first."""
    kinds = []
    for error in stats.errors.values():
        entry = stats.entries.get((error.name, error.method))
        kinds.append(
            FailureKind(
                f"{error.method} {error.name}",
                str(error.error),
                error.occurrences,
                entry.num_requests if entry else error.occurrences,
            )
        )
    return sorted(kinds, key=lambda k: (-k.count, k.request, k.kind))


def junit_tree(
    checks: list[Check], kinds: list[FailureKind], seconds: float, not_started: str = ""
) -> ET.ElementTree:
    root = ET.Element("testsuites", name=SUITE_NAME)
    thresholds = _suite(root, "thresholds", seconds)
    if not_started:
        _case(thresholds, "the test started", not_started)
    for check in checks:
        _case(thresholds, f"{check.title}, {check.bound}", "" if check.held else check.line())
    failures = _suite(root, "failures", seconds)
    for kind in kinds:
        _case(failures, f"{kind.request}: {kind.kind}", kind.message())
    if not kinds:
        _case(failures, "no request failed", "")
    for suite in (thresholds, failures, root):
        _count(suite)
    root.set("time", f"{seconds:.3f}")
    ET.indent(root)
    return ET.ElementTree(root)


def write_junit(path: str, tree: ET.ElementTree) -> None:
    if directory := os.path.dirname(path):
        os.makedirs(directory, exist_ok=True)
    tree.write(path, encoding="utf-8", xml_declaration=True)


def _suite(root: ET.Element, name: str, seconds: float) -> ET.Element:
    return ET.SubElement(root, "testsuite", name=name, time=f"{seconds:.3f}")


def _case(suite: ET.Element, name: str, failure: str) -> None:
    case = ET.SubElement(suite, "testcase", classname=suite.get("name", ""), name=name, time="0")
    if failure:
        ET.SubElement(case, "failure", message=failure, type="failure").text = failure


def _count(element: ET.Element) -> None:
    cases = element.iter("testcase")
    tests = failed = 0
    for case in cases:
        tests += 1
        failed += case.find("failure") is not None
    element.set("tests", str(tests))
    element.set("failures", str(failed))
    element.set("errors", "0")
