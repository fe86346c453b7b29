"""Thresholds: their syntax, and what they measure on Locust's statistics."""

from __future__ import annotations

from argparse import Namespace

import pytest

from suite.thresholds import Check, check_all, check_options, employees_per_s, parse_limits
from tests.suite.stats_double import Stats


def stats_of(saves: list[tuple[int, bool]], gets: int = 0) -> Stats:
    """Statistics after saves of (milliseconds, failed?) and quick template reads."""
    stats = Stats()
    for _ in range(gets):
        stats.log("GET", "getRecord", 10)
    for ms, failed in saves:
        stats.log("POST", "saveRecord", ms, "HTTP 500" if failed else "")
    return stats


def options(fail: str = "", p95: str = "", rate: float | None = None) -> Namespace:
    return Namespace(max_fail_ratio=fail, max_p95_ms=p95, min_employees_per_s=rate)


@pytest.mark.parametrize(
    ("text", "limits"),
    [
        ("500", {"": 500.0}),
        ("saveRecord=400,getRecord=100", {"saveRecord": 400.0, "getRecord": 100.0}),
        ("800, saveRecord=400", {"": 800.0, "saveRecord": 400.0}),
        ("employees create=250", {"employees create": 250.0}),
        ("", {}),
    ],
    ids=["overall", "per-request", "both", "v3-name", "none"],
)
def test_limits_parse(text: str, limits: dict[str, float]) -> None:
    assert parse_limits(text, "--max-p95-ms") == limits


@pytest.mark.parametrize(
    ("given", "message"),
    [
        (options(p95="fast"), "--max-p95-ms 'fast': 'fast' is not a number from 0 or more"),
        (options(p95="saveRecord=-1"), "'-1' is not a number from 0 or more"),
        (options(fail="1.5"), "--max-fail-ratio '1.5': '1.5' is not a number from 0 to 1"),
        (options(rate=-2), "--min-employees-per-s must be 0 or more, not -2"),
    ],
    ids=["word", "negative", "ratio-over-1", "negative-rate"],
)
def test_a_malformed_threshold_is_refused_with_its_option(given: Namespace, message: str) -> None:
    with pytest.raises(ValueError) as refused:
        check_options(given)
    assert message in str(refused.value)


def test_fail_ratio_overall_and_per_request() -> None:
    stats = stats_of([(100, i < 5) for i in range(50)], gets=50)  # 5 of 100 requests failed
    checks = check_all(options(fail="0.05,saveRecord=0.05"), stats)
    assert [(c.title, round(c.measured, 3), c.held) for c in checks] == [
        ("fail ratio", 0.05, True),
        ("fail ratio of saveRecord", 0.1, False),
    ]
    assert checks[1].line() == (
        "threshold BROKEN: fail ratio of saveRecord 10.00 % (at most 5.00 %)"
    )


def test_p95_overall_and_per_request() -> None:
    stats = stats_of([(ms, False) for ms in range(10, 1010, 10)])  # 10 .. 1000 ms
    held, broken = check_all(options(p95="2000,saveRecord=900"), stats)
    assert held.held and held.title == "p95"
    assert broken.line() == "threshold BROKEN: p95 of saveRecord 950 ms (at most 900 ms)"


def test_a_request_name_never_made_breaks_its_threshold() -> None:
    (check,) = check_all(options(p95="saveRecrd=400"), stats_of([(100, False)]))
    assert not check.held
    assert check.line() == (
        "threshold BROKEN: p95 of saveRecrd: no such request was made (at most 400 ms)"
    )


def test_employees_per_second_counts_confirmed_saves_over_the_test() -> None:
    stats = stats_of([(50, i % 4 == 0) for i in range(40)])  # 30 confirmed
    stats.total.start_time = stats.total.last_request_timestamp - 3.0
    assert employees_per_s(stats) == pytest.approx(10.0)
    low, high = check_all(options(rate=9.5), stats)[0], check_all(options(rate=11), stats)[0]
    assert low.held and not high.held
    assert high.line() == "threshold BROKEN: employees created per second 10.0 (at least 11.0)"


def test_p95_of_a_name_two_methods_share_is_the_higher() -> None:
    stats = stats_of([(100, False)] * 20)
    for _ in range(20):
        stats.log("PUT", "saveRecord", 300)
    (check,) = check_all(options(p95="saveRecord=200"), stats)
    assert (check.measured, check.held) == (300, False)


def test_no_request_at_all_is_no_rate_and_no_ratio() -> None:
    assert employees_per_s(Stats()) == 0.0
    (check,) = check_all(options(fail="0.1"), Stats())
    assert check.line() == "threshold BROKEN: fail ratio: no request was made (at most 10.00 %)"
    assert not Check("employees created per second", 0.0, 1.0, "", at_least=True).held
