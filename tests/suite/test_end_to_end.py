"""The suite run headless against a live emulator: what the PBX holds equals the ledger."""

from __future__ import annotations

from collections import Counter

import pytest
import requests

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("user_class", ["EmployeeUser", "FastEmployeeUser"])
def test_rows_equal_the_ledger(emulator, run_locust, pbx_employees, user_class) -> None:
    before = pbx_employees(emulator)
    run = run_locust(
        "--employees", "150", "--run-seed", "11", host=emulator.url, user_class=user_class
    )
    assert run.returncode == 0, run.output
    created = {
        number: row for number, row in pbx_employees(emulator).items() if number not in before
    }
    ledger = {row.number: row for row in run.ledger}
    assert len(ledger) == len(run.ledger) == 150
    assert set(created) == set(ledger)
    for number, row in ledger.items():
        pbx = created[number]
        assert (pbx["username"], pbx["email"], pbx["mobile"]) == (
            row.username,
            row.email,
            row.mobile,
        )
        assert (str(pbx["extension_id"]), str(pbx["user_id"])) == (row.extension_id, row.user_id)
        assert pbx["forwarding"] == pbx["forwardingonbusy"] == row.mobile


def test_attempts_are_exactly_the_quota(emulator, run_locust) -> None:
    run = run_locust("--employees", "77", host=emulator.url, users=13)
    assert run.returncode == 0, run.output
    assert run.requests("getRecord") == (77, 0)
    assert run.requests("saveRecord") == (77, 0)
    assert emulator.stats()["requests"]["saveRecord"] == 77


def test_no_number_or_mobile_repeats(emulator, run_locust) -> None:
    run = run_locust(
        "--employees",
        "300",
        "--locales",
        "ru_RU,en_US,zh_CN,ja_JP,el_GR,ko_KR",
        host=emulator.url,
        users=20,
    )
    assert run.returncode == 0, run.output
    rows = emulator.query("SELECT number, type FROM m_Extensions")
    counts = Counter(row["number"] for row in rows)
    assert max(counts.values()) == 1
    mobiles = [row.mobile for row in run.ledger]
    assert len(set(mobiles)) == len(mobiles) == 300
    assert all(m.isdigit() and not m.startswith("0") and 11 <= len(m) <= 15 for m in mobiles)


def test_template_numbers_collide_and_are_counted(emulator_factory, run_locust, pbx_employees):
    # Concurrent users get the same suggestion from the PBX, as the documented script would.
    emulator = emulator_factory(
        "--model-get-ms", "2", "--model-save-ms", "10", "--model-jitter", "0"
    )
    before = pbx_employees(emulator)
    run = run_locust(
        "--employees", "100", "--number-source", "template", host=emulator.url, users=8
    )
    collisions = run.failures().get("saveRecord: number already in use", 0)
    assert collisions > 0
    assert run.failures() == {"saveRecord: number already in use": collisions}
    assert len(run.ledger) == 100 - collisions
    created = set(pbx_employees(emulator)) - set(before)
    assert created == {row.number for row in run.ledger}


def test_no_host_starts_and_stops_an_emulator(run_locust) -> None:
    run = run_locust("--employees", "25", "--emulator-options=--no-model", host=None)
    assert run.returncode == 0, run.output
    assert len(run.ledger) == 25
    url = run.output.split("targeting the MikoPBX emulator at ")[1].split()[0]
    with pytest.raises(requests.ConnectionError):
        requests.get(url + "/emulator/stats", timeout=5)


def test_summary_counts_locales_and_requests(emulator, run_locust) -> None:
    run = run_locust("--employees", "40", "--locales", "el_GR:1,ka_GE:1", host=emulator.url)
    assert run.returncode == 0, run.output
    summary = run.output[run.output.index("=== MikoPBX employees ===") :]
    per_locale = Counter(row.locale for row in run.ledger)
    assert f"per locale: el_GR {per_locale['el_GR']}, ka_GE {per_locale['ka_GE']}" in summary
    assert "created 40 of 40 attempted" in summary
    assert "GET getRecord: 40 requests, 0 failed" in summary
    assert "failures: none" in summary


def test_a_second_run_with_the_same_seed_skips_what_the_first_created(emulator, run_locust):
    first = run_locust("--employees", "60", "--run-seed", "99", host=emulator.url)
    first_mobiles = {row.mobile for row in first.ledger}
    first_numbers = {row.number for row in first.ledger}
    second = run_locust("--employees", "60", "--run-seed", "99", host=emulator.url)
    assert second.returncode == 0, second.output
    assert len(second.ledger) == 120  # the same ledger file: both runs' rows
    new = second.ledger[60:]
    assert not {row.mobile for row in new} & first_mobiles
    assert not {row.number for row in new} & first_numbers
