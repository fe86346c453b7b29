"""After a run with faults: reconcile finds the unconfirmed employees, cleanup removes them all."""

from __future__ import annotations

import subprocess
import sys

import pytest
import requests

from pbx import legacy
from pbx.legacy_client import LegacyClient
from suite.ledger import read_ledger
from tests.cluster import free_port
from tests.suite.conftest import ROOT
from tools import cleanup, reconcile

pytestmark = pytest.mark.slow
TABLES = ("m_Users", "m_Extensions", "m_Sip", "m_ExternalPhones", "m_ExtensionForwardingRights")


def row_counts(emulator) -> dict[str, int]:
    return {t: emulator.query(f"SELECT COUNT(*) FROM {t}")[0][0] for t in TABLES}


def listed_ids(lines: list[str]) -> set[str]:
    return {line.rsplit(" id ", 1)[1] for line in lines}


def all_rows(ledgers: list[str]) -> list:
    return [row for path in ledgers for row in read_ledger(path)]


@pytest.mark.parametrize("processes", [None, "2"], ids=["local", "processes"])
def test_reconcile_adopt_cleanup_leave_the_pbx_as_found(
    emulator_factory, run_locust, pbx_employees, tool, processes
) -> None:
    emulator = emulator_factory(
        "--no-model", "--fault-actions", "saveRecord", "--fault-500-after-rate", "0.1",
        "--fault-seed", "4",
    )  # fmt: skip
    before, counts = pbx_employees(emulator), row_counts(emulator)
    port = free_port()  # not Locust's default: another run on this machine may hold it
    extra = ("--processes", processes, f"--master-bind-port={port}", f"--master-port={port}")
    extra = extra if processes else ()
    run = run_locust("--employees", "150", *extra, host=emulator.url, users=8)
    # A distributed run writes one ledger per worker: the tools take them all.
    ledgers = sorted(str(path) for path in run.reports.glob("ledger*.csv"))
    assert len(ledgers) == (int(processes) if processes else 1)
    confirmed = all_rows(ledgers)
    unconfirmed = {entry["id"] for entry in emulator.stats()["unconfirmed"]}
    assert 0 < len(unconfirmed) < 150 and len(confirmed) == 150 - len(unconfirmed)

    found = tool(reconcile, *ledgers)
    assert found.code == 1, found.out + found.err
    assert listed_ids(found.lines("unconfirmed ")) == unconfirmed
    assert found.lines("result: ") == [
        f"result: {len(confirmed)} as recorded, 0 missing, 0 differ, {len(unconfirmed)} unconfirmed"
    ]
    assert tool(reconcile, *ledgers, "--adopt").code == 0
    created = {n: e for n, e in pbx_employees(emulator).items() if n not in before}
    rows = {row.number: row for row in all_rows(ledgers)}
    assert set(rows) == set(created) and len(rows) == 150
    for number, row in rows.items():
        pbx = created[number]
        assert (row.extension_id, row.user_id) == (str(pbx["extension_id"]), str(pbx["user_id"]))
        assert (row.username, row.email, row.mobile) == (
            pbx["username"],
            pbx["email"],
            pbx["mobile"],
        )
        assert row.locale and row.run_id == confirmed[0].run_id
    assert tool(reconcile, *ledgers).lines("result: ") == [
        "result: 150 as recorded, 0 missing, 0 differ, 0 unconfirmed"
    ]

    dry = tool(cleanup, *ledgers)
    assert (dry.code, dry.lines("result: ")) == (0, ["result: 150 would be deleted"])
    assert len(pbx_employees(emulator)) == len(before) + 150
    done = subprocess.run(
        [sys.executable, "-m", "tools.cleanup", *ledgers, "--yes"],
        cwd=ROOT, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.splitlines()[-1] == "result: 150 deleted"
    assert pbx_employees(emulator) == before
    assert row_counts(emulator) == counts


def change_username(host: str, extension_id: str, username: str) -> None:
    url = host + legacy.BASE
    record = requests.get(f"{url}/getRecord", params={"id": extension_id}, timeout=10).json()
    record["data"]["user_username"] = username
    body = legacy.save_body(record["data"])
    saved = requests.post(f"{url}/saveRecord", data=body, headers=legacy.SAVE_HEADERS, timeout=10)
    assert saved.json()["result"] is True


def test_changed_and_deleted_employees(emulator, run_locust, pbx_employees, tool) -> None:
    before = pbx_employees(emulator)
    run = run_locust("--employees", "20", host=emulator.url, users=4)
    ledger = str(run.reports / "ledger.csv")
    changed, deleted = run.ledger[3], run.ledger[7]
    change_username(emulator.url, changed.extension_id, "Someone Else")
    requests.post(
        emulator.url + legacy.BASE + "/deleteRecord", data={"id": deleted.extension_id}, timeout=10
    )

    found = tool(reconcile, ledger)
    assert found.code == 1
    assert found.lines("missing ") == [
        f"missing      {deleted.number}  {deleted.username}  mobile {deleted.mobile}  "
        f"id {deleted.extension_id}: not on the PBX"
    ]
    assert found.lines("differs ") == [
        f"differs      {changed.number}  id {changed.extension_id}: username "
        f"{changed.username!r} in the ledger, 'Someone Else' on the PBX"
    ]

    cleaned = tool(cleanup, ledger, "--yes")
    assert cleaned.code == 1
    assert cleaned.lines("skipped ") == [
        f"skipped  {changed.number}  id {changed.extension_id}: changed since the run: "
        f"username {changed.username!r} in the ledger, 'Someone Else' on the PBX"
    ]
    assert cleaned.lines("result: ") == ["result: 18 deleted, 1 already gone, 1 skipped"]
    left = pbx_employees(emulator)
    assert set(left) == set(before) | {changed.number}
    assert left[changed.number]["username"] == "Someone Else"


def test_an_interrupted_cleanup_goes_on_where_it_stopped(
    emulator, run_locust, pbx_employees, tool, monkeypatch
) -> None:
    before = pbx_employees(emulator)
    run = run_locust("--employees", "20", host=emulator.url, users=4)
    ledger = str(run.reports / "ledger.csv")
    delete = LegacyClient.delete
    calls = []

    def delete_then_interrupt(self, employee) -> None:
        calls.append(employee)
        if len(calls) == 6:
            raise KeyboardInterrupt
        delete(self, employee)

    monkeypatch.setattr(LegacyClient, "delete", delete_then_interrupt)
    stopped = tool(cleanup, ledger, "--yes")
    assert stopped.code == 130
    assert stopped.lines("interrupted: ") == [
        "interrupted: 5 deleted; run the same command to go on"
    ]
    assert len(pbx_employees(emulator)) == len(before) + 15
    monkeypatch.setattr(LegacyClient, "delete", delete)
    resumed = tool(cleanup, ledger, "--yes")
    assert resumed.lines("result: ") == ["result: 15 deleted, 5 deleted before"]
    assert pbx_employees(emulator) == before
