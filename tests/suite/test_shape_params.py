"""The ramp-up shapes' ticks second by second, and their options' validation."""

from __future__ import annotations

from argparse import Namespace

import pytest

from suite.options import OptionError
from suite.shape_params import COUNTS, TIMES, ShapeParams, describe, dest, load_at, params_from

PARAMS = ShapeParams(
    step_users=5,
    target_users=20,
    spike_users=50,
    step_seconds=30,
    ramp_seconds=60,
    spike_at=30,
    spike_seconds=10,
    duration=120,
)


def ticks(shape: str, *seconds: float) -> list:
    return [load_at(shape, PARAMS, s) for s in seconds]


def test_steps_add_users_every_interval_up_to_the_target() -> None:
    assert ticks("steps", 0, 29.9, 30, 59, 60, 90, 110) == [
        (5, 5.0),
        (5, 5.0),
        (10, 5.0),
        (10, 5.0),
        (15, 5.0),
        (20, 5.0),  # the fourth step reaches the target
        (20, 5.0),  # and stays there
    ]


def test_the_ramp_is_one_target_at_an_even_rate() -> None:
    # 20 users over 60 s: Locust starts one every 3 s; the tick does not change on the way.
    assert set(ticks("ramp", 0, 1, 59, 61, 119)) == {(20, 20 / 60)}


def test_the_spike_jumps_at_once_and_comes_back() -> None:
    assert ticks("spike", 0, 29, 30, 39.9, 40, 100) == [
        (20, 50.0),
        (20, 50.0),
        (50, 50.0),
        (50, 50.0),
        (20, 50.0),
        (20, 50.0),
    ]


@pytest.mark.parametrize("shape", ["steps", "ramp", "spike"])
def test_every_shape_ends_the_test_after_its_duration(shape: str) -> None:
    assert load_at(shape, PARAMS, 119.9) is not None
    assert load_at(shape, PARAMS, 120) is None


def test_no_duration_runs_until_stopped() -> None:
    endless = ShapeParams(**{**PARAMS.__dict__, "duration": 0})
    assert load_at("steps", endless, 10**6) == (20, 5.0)


def test_descriptions_say_what_the_shape_does() -> None:
    assert describe("ramp", PARAMS) == "0 to 20 users in 60 s, then held; ends after 120 s"


def options(**overrides: object) -> Namespace:
    defaults = {dest(flag): default for flag, default, _ in COUNTS + TIMES}
    return Namespace(**{**defaults, **overrides})


def test_defaults_and_form_text_give_the_same_params() -> None:
    assert params_from(options()) == params_from(options(shape_step_users="5", shape_duration=""))
    assert params_from(options(shape_ramp_seconds="1h2m3s")).ramp_seconds == 3723


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("shape_step_users", "0", "--shape-step-users '0' must be a whole number of users"),
        ("shape_target_users", "ten", "--shape-target-users 'ten' must be a whole number"),
        ("shape_step_seconds", "0", "--shape-step-seconds '0' must be 1 s or more"),
        ("shape_ramp_seconds", "1 min", "--shape-ramp-seconds '1 min' is not a time span"),
        ("shape_spike_seconds", "", "--shape-spike-seconds '' is not a time span"),
    ],
    ids=["no-users", "not-a-number", "zero-step", "bad-span", "empty-span"],
)
def test_wrong_values_name_the_option(field: str, value: str, message: str) -> None:
    with pytest.raises(OptionError, match="^" + message.replace("(", r"\(")):
        params_from(options(**{field: value}))
