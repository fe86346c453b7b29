"""Wrong options and unusable PBXes stop the run before its first request, in one line."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--locales", "ru_RU,xx_XX"], "unknown locale 'xx_XX' in --locales"),
        (["--locales", "ru_RU:0"], "bad weight '0' for ru_RU in --locales"),
        (["--number-range", "999-200"], "--number-range '999-200' is reversed"),
        (["--number-range", "abc"], "--number-range 'abc' is not a range"),
        (["--reserved-numbers", "800-"], "--reserved-numbers '800-' is not a range"),
        (["--employees", "-5"], "--employees must be 0 (no limit) or more, not -5"),
        (
            ["--number-source", "template", "--number-range", "200-299"],
            "--number-range applies to --number-source pool only",
        ),
    ],
    ids=[
        "unknown-locale",
        "zero-weight",
        "reversed-range",
        "not-a-range",
        "reserved",
        "negative-employees",
        "range-with-template",
    ],
)
def test_wrong_option_stops_before_any_request(emulator, run_locust, args, message) -> None:
    run = run_locust(*args, host=emulator.url)
    assert run.returncode == 2
    # Locust logs its start-up line first; the suite adds exactly one line of its own.
    lines = [line for line in run.output.splitlines() if "/INFO/locust.main: Starting" not in line]
    assert len(lines) == 1, run.output
    assert lines[0].startswith("error: ")
    assert message in lines[0]
    assert emulator.stats()["requests_total"] == 0


def test_quota_larger_than_the_pool_stops_before_the_load(emulator, run_locust) -> None:
    run = run_locust("--employees", "20", "--number-range", "200-219", host=emulator.url)
    assert run.returncode == 2
    # 201-203 are the demo employees of a fresh PBX: 17 of the 20 numbers are free.
    assert (
        "--employees 20 needs as many free extension numbers, but 200-219 has 17 free on "
        "this PBX; lower --employees or widen --number-range"
    ) in run.output
    assert emulator.stats()["requests"].get("saveRecord", 0) == 0


def test_unreachable_pbx_stops_in_one_line(run_locust) -> None:
    run = run_locust("--employees", "5", host="http://127.0.0.1:9")
    assert run.returncode == 2
    assert len([line for line in run.output.splitlines() if "ERROR" in line]) == 1
    assert "cannot reach the PBX at http://127.0.0.1:9" in run.output


def test_the_pool_skips_taken_and_reserved_numbers(emulator, run_locust) -> None:
    # 790-840 holds 51 numbers; the parking slots 800-820 leave exactly 30 free.
    run = run_locust("--employees", "30", "--number-range", "790-840", host=emulator.url)
    assert run.returncode == 0, run.output
    numbers = sorted(int(row.number) for row in run.ledger)
    assert numbers == [*range(790, 800), *range(821, 841)]
