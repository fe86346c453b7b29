"""The ramp-up shapes' parameters and their load at any second, apart from Locust.

suite.shapes wraps each load in a LoadTestShape; kept here without Locust, whose import
patches the standard library, so the tests check every tick in their own process.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from suite.options import OptionError

COUNTS = (
    ("--shape-step-users", 5, "steps: users added at each step"),
    ("--shape-target-users", 20, "the steady load: top of the steps and the ramp, spike's base"),
    ("--shape-spike-users", 50, "spike: users at the spike"),
)
"""(option, default, help) of the counts of users."""
TIMES = (
    ("--shape-step-seconds", "30s", "steps: time between two steps"),
    ("--shape-ramp-seconds", "1m", "ramp: time from 0 to --shape-target-users"),
    ("--shape-spike-at", "30s", "spike: when the spike starts, after the test's start"),
    ("--shape-spike-seconds", "10s", "spike: how long the spike lasts"),
    ("--shape-duration", "0", "all shapes: the test ends after this long; 0 = when stopped"),
)
"""(option, default, help) of the times, written as Locust writes them: 30, 30s, 1m, 1h30m."""
MAY_BE_ZERO = ("--shape-spike-at", "--shape-duration")
TIMESPAN = re.compile(r"(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?")


@dataclass(frozen=True)
class ShapeParams:
    """The --shape-* options, validated; times in whole seconds."""

    step_users: int
    target_users: int
    """The steady load: the steps stop there, the ramp ends there, the spike returns there."""
    spike_users: int
    step_seconds: int
    ramp_seconds: int
    spike_at: int
    spike_seconds: int
    duration: int
    """The shape ends the test after this long; 0: it runs until stopped."""


Load = tuple[int, float]
"""Users, and users started (or stopped) per second on the way there."""


def steps(p: ShapeParams, seconds: float) -> Load:
    users = min(p.step_users * (1 + int(seconds // p.step_seconds)), p.target_users)
    return users, float(p.step_users)  # each step's users start within a second


def ramp(p: ShapeParams, seconds: float) -> Load:
    # One target and one rate: Locust starts the users evenly, not as a staircase of ticks.
    return p.target_users, p.target_users / p.ramp_seconds


def spike(p: ShapeParams, seconds: float) -> Load:
    at_once = float(max(p.target_users, p.spike_users))  # every change within a second
    spiking = p.spike_at <= seconds < p.spike_at + p.spike_seconds
    return (p.spike_users if spiking else p.target_users), at_once


LOADS: dict[str, Callable[[ShapeParams, float], Load]] = {
    "steps": steps,
    "ramp": ramp,
    "spike": spike,
}


def load_at(shape: str, p: ShapeParams, seconds: float) -> Load | None:
    """The shape's tick: its load, or None once its duration is over (the test ends)."""
    if p.duration and seconds >= p.duration:
        return None
    return LOADS[shape](p, seconds)


def describe(shape: str, p: ShapeParams) -> str:
    return {
        "steps": f"{p.step_users} users more every {p.step_seconds} s, up to {p.target_users}",
        "ramp": f"0 to {p.target_users} users in {p.ramp_seconds} s, then held",
        "spike": f"{p.target_users} users, {p.spike_users} from {p.spike_at} s "
        f"for {p.spike_seconds} s, then {p.target_users} again",
    }[shape] + (f"; ends after {p.duration} s" if p.duration else "")


def params_from(options: Any) -> ShapeParams:
    """The --shape-* options (from the command line, or text from the form), validated."""
    values = {flag: count(getattr(options, dest(flag)), flag) for flag, _, _ in COUNTS}
    values |= {flag: seconds(getattr(options, dest(flag)), flag) for flag, _, _ in TIMES}
    return ShapeParams(**{dest(flag).removeprefix("shape_"): v for flag, v in values.items()})


def count(value: Any, flag: str) -> int:
    users = int(value) if str(value).strip().isdigit() else 0
    if users < 1:
        raise OptionError(f"{flag} {value!r} must be a whole number of users, 1 or more")
    return users


def seconds(value: Any, flag: str) -> int:
    text = str(value).strip()
    match = TIMESPAN.fullmatch(text)
    if text.isdigit():
        total = int(text)
    elif text and match:
        hours, minutes, secs = (int(part or 0) for part in match.groups())
        total = hours * 3600 + minutes * 60 + secs
    elif flag in MAY_BE_ZERO and not text:
        return 0  # a field left empty in the form
    else:
        raise OptionError(f"{flag} {text!r} is not a time span: write 30, 30s, 1m or 1h30m")
    if total < 1 and flag not in MAY_BE_ZERO:
        raise OptionError(f"{flag} {text!r} must be 1 s or more")
    return total


def dest(flag: str) -> str:
    """The option's attribute, and its field in the web UI's form."""
    return flag[2:].replace("-", "_")
