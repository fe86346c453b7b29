"""The suite run headless against a live emulator: what the PBX holds equals the ledger."""

from __future__ import annotations

from collections import Counter

import pytest

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
