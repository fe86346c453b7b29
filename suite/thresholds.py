"""Pass/fail thresholds, measured from Locust's statistics when the run ends.

`--max-fail-ratio` and `--max-p95-ms` take one overall limit, limits per request name,
or both: `500`, `saveRecord=400,getRecord=100`, `800,saveRecord=400`.
`--min-employees-per-s` takes one number: confirmed creations per second of the test.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pbx import legacy, v3

CREATE_REQUESTS = frozenset({legacy.SAVE_REQUEST, v3.SAVE_REQUEST})
"""Request names whose successes are created employees."""
OVERALL = ""
"""The key of an overall limit, measured on Locust's Aggregated row."""


@dataclass(frozen=True)
class Check:
    """One threshold and what the run measured."""

    title: str
    """What is measured, e.g. `p95 of saveRecord`."""
    measured: float | None
    """None when nothing was measured: no request of that name was made."""
    limit: float
    unit: str
    at_least: bool = False
    """True for a minimum (a rate), False for a maximum (a ratio, a latency)."""

    @property
    def held(self) -> bool:
        if self.measured is None:
            return False
        return self.measured >= self.limit if self.at_least else self.measured <= self.limit

    def line(self) -> str:
        """One line for the console and the JUnit message, e.g.
        `threshold BROKEN: p95 of saveRecord 512 ms (at most 400 ms)`."""
        verdict = "held" if self.held else "BROKEN"
        if self.measured is None:
            what = "no such request was made" if " of " in self.title else "no request was made"
            return f"threshold {verdict}: {self.title}: {what} ({self.bound})"
        return f"threshold {verdict}: {self.title} {_show(self.measured, self.unit)} ({self.bound})"

    @property
    def bound(self) -> str:
        return f"at {'least' if self.at_least else 'most'} {_show(self.limit, self.unit)}"


def _show(value: float, unit: str) -> str:
    if unit == "%":
        return f"{value * 100:.2f} %"
    return f"{value:.0f} {unit}" if unit else f"{value:.1f}"


def parse_limits(text: str, option: str, maximum: float | None = None) -> dict[str, float]:
    """`800,saveRecord=400` → {"": 800, "saveRecord": 400}; ValueError names the option."""
    limits: dict[str, float] = {}
    for part in filter(None, (p.strip() for p in (text or "").split(","))):
        name, _, value = part.rpartition("=")
        try:
            number = float(value)
        except ValueError:
            number = -1.0
        if not 0 <= number <= (maximum if maximum is not None else float("inf")):
            allowed = "0 to 1" if maximum == 1 else "0 or more"
            raise ValueError(
                f"{option} {text!r}: {value!r} is not a number from {allowed}; write e.g. "
                f"{option} {EXAMPLES[option]}"
            )
        limits[name.strip()] = number
    return limits


EXAMPLES = {
    "--max-fail-ratio": "0.01 or --max-fail-ratio saveRecord=0.05",
    "--max-p95-ms": "500 or --max-p95-ms saveRecord=400,getRecord=100",
}


def check_options(options: Any) -> None:
    """Refuse a malformed threshold before the test starts (ValueError with one line)."""
    parse_limits(options.max_fail_ratio, "--max-fail-ratio", maximum=1)
    parse_limits(options.max_p95_ms, "--max-p95-ms")
    if options.min_employees_per_s is not None and options.min_employees_per_s < 0:
        raise ValueError(
            f"--min-employees-per-s must be 0 or more, not {options.min_employees_per_s}"
        )


def check_all(options: Any, stats: Any) -> list[Check]:
    """Every threshold given in `options`, measured on `stats` (Locust's RequestStats)."""
    checks = []
    for name, limit in parse_limits(options.max_fail_ratio, "--max-fail-ratio", 1).items():
        checks.append(Check(_title("fail ratio", name), fail_ratio(stats, name), limit, "%"))
    for name, limit in parse_limits(options.max_p95_ms, "--max-p95-ms").items():
        checks.append(Check(_title("p95", name), p95(stats, name), limit, "ms"))
    if options.min_employees_per_s is not None:
        rate = employees_per_s(stats)
        limit = options.min_employees_per_s
        checks.append(Check("employees created per second", rate, limit, "", at_least=True))
    return checks


def fail_ratio(stats: Any, name: str) -> float | None:
    """Failed share of all requests, or of those of one name; None when none of it was made."""
    rows = _rows(stats, name)
    requests = sum(row.num_requests for row in rows)
    return sum(row.num_failures for row in rows) / requests if requests else None


def p95(stats: Any, name: str) -> float | None:
    """The 95th percentile of all requests, or of one name's (the highest if methods share it)."""
    rows = [row for row in _rows(stats, name) if row.num_requests]
    return max((row.get_response_time_percentile(0.95) for row in rows), default=None)


def employees_per_s(stats: Any) -> float:
    """Confirmed creations per second, from the test's first request to its last."""
    total = stats.total
    created = sum(
        e.num_requests - e.num_failures for e in stats.entries.values() if e.name in CREATE_REQUESTS
    )
    if not created or not total.last_request_timestamp:
        return 0.0
    return created / max(total.last_request_timestamp - total.start_time, 1e-3)


def _title(metric: str, name: str) -> str:
    return metric if name == OVERALL else f"{metric} of {name}"


def _rows(stats: Any, name: str) -> list[Any]:
    """Locust's Aggregated row, or the rows of one request name (one per method)."""
    if name == OVERALL:
        return [stats.total]
    return [row for row in stats.entries.values() if row.name == name]
