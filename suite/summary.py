"""The closing summary: employees per locale, failures per kind, rate and latency per request."""

from __future__ import annotations

from typing import Any

from suite.tally import Tally


def render(tally: Tally, stats: Any, ledger_path: str) -> str:
    """The summary as console text; `stats` is Locust's RequestStats of the test."""
    created = sum(tally.created.values())
    seconds = tally.elapsed()
    lines = [
        "",
        "=== MikoPBX employees ===",
        f"created {created} of {tally.attempts} attempted in {seconds:.1f} s "
        f"({created / seconds:.1f} employees/s)",
    ]
    if tally.created:
        per_locale = ", ".join(f"{loc} {n}" for loc, n in sorted(tally.created.items()))
        lines.append(f"per locale: {per_locale}")
    lines += _failures(stats)
    lines.append("requests: median / 95th percentile")
    for entry in sorted(stats.entries.values(), key=lambda e: e.name):
        lines.append(
            f"  {entry.method} {entry.name}: {entry.num_requests} requests, "
            f"{entry.num_failures} failed, {entry.median_response_time:.0f} / "
            f"{entry.get_response_time_percentile(0.95):.0f} ms"
        )
    lines.append(f"ledger: {ledger_path}")
    return "\n".join(lines)


def _failures(stats: Any) -> list[str]:
    """Failures per kind, from Locust's own error table: it already merges every worker's."""
    errors = sorted(stats.errors.values(), key=lambda e: -e.occurrences)
    if not errors:
        return ["failures: none"]
    return ["failures by kind:"] + [f"  {e.occurrences:>7}  {e.to_name()}" for e in errors]
