"""Ramp-up shapes in real runs: one headless, and chosen, refused and dropped in the web form."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.cluster import Children
from tests.web_ui import start_web_ui, swarm, wait_for_the_end

pytestmark = pytest.mark.slow


def test_a_steps_shape_drives_a_headless_run(run_locust, emulator_factory, pbx_employees) -> None:
    emulator = emulator_factory()  # the PBX model on: about 45 employees/s at most
    before = pbx_employees(emulator)
    run = run_locust(
        *("--shape", "steps", "--shape-step-users", "2", "--shape-step-seconds", "1"),
        *("--shape-target-users", "4", "--shape-duration", "3s"),
        host=emulator.url,
    )
    assert run.returncode == 0, run.output
    assert "load shape steps: 2 users more every 1 s, up to 4; ends after 3 s" in run.output
    steps = re.findall(r"Shape test updating to (\d+) users", run.output)
    assert steps == ["2", "4"]  # -u 10 of the command line is the shape's to ignore
    assert "Shape test completed" in run.output
    created = {n for n in pbx_employees(emulator) if n not in before}
    ledger = {row.number for row in run.ledger}
    assert ledger and ledger <= created
    assert len(created - ledger) <= 4  # at most a save per user in flight when the shape ended


def test_the_form_chooses_checks_and_drops_a_shape(tmp_path: Path) -> None:
    common = {"host": "", "employees": 20, "ledger": str(tmp_path / "ledger.csv")}
    with Children(tmp_path) as children:
        ui, _, locust = start_web_ui(children, "--emulator-options=--no-model")
        refused = swarm(ui, user_count=1, spawn_rate=1, shape="steps", shape_step_seconds="soon")
        assert refused["success"] is False
        assert refused["message"].startswith("--shape-step-seconds 'soon' is not a time span")
        started = swarm(
            ui, user_count=1, spawn_rate=1, shape="spike", shape_target_users=2, **common
        )
        assert started["message"] == "Swarming started using shape class 'SpikeShape'"
        shown = wait_for_the_end(ui, 20)
        assert shown["created"][0][0] == "20"
        assert shown["users"][0][1].startswith("shape spike: 2 users, 50 from 30 s")
        plain = swarm(ui, user_count=3, spawn_rate=3, shape="none", **common)
        assert plain["success"] and "shape" not in plain["message"]
        shown = wait_for_the_end(ui, 20, after=shown["run"][0][0])
        assert shown["users"][0][1].startswith("no shape")
        assert shown["created"][0][0] == "20"
    assert "Ramping to 3 users at a rate of 3.00 per second" in locust.output()
