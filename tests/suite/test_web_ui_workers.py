"""The Employees tab of a master: its workers' counts, newest employees and ledgers."""

from __future__ import annotations

import csv
import io
import time
import urllib.request
import zipfile
from pathlib import Path

import pytest

from tests.cluster import Children, employees, free_port
from tests.web_ui import get, start_web_ui, swarm, wait_for_the_end

pytestmark = pytest.mark.slow
EMPLOYEES = 200


def test_the_master_shows_every_workers_employees_and_ledger(tmp_path: Path) -> None:
    port = free_port()  # not Locust's default: another run on this machine may hold that one
    with Children(tmp_path) as children:
        ui, db, _ = start_web_ui(
            children,
            *("--processes=2", f"--master-bind-port={port}", f"--master-port={port}"),
            "--emulator-options=--no-model",
        )
        before = employees(db)
        deadline = time.monotonic() + 30
        while get(ui + "/stats/requests").get("worker_count", 0) < 2:
            assert time.monotonic() < deadline, "the forked workers did not connect"
            time.sleep(0.2)
        ledger = f"{tmp_path}/ledger-{{run_id}}-{{worker}}.csv"
        started = swarm(ui, user_count=6, spawn_rate=6, host="", employees=EMPLOYEES, ledger=ledger)
        assert started["success"], started
        shown = wait_for_the_end(ui, EMPLOYEES)
        with urllib.request.urlopen(ui + "/employees/ledger", timeout=10) as download:
            bundle = zipfile.ZipFile(io.BytesIO(download.read()))
        created = {n: person for n, person in employees(db).items() if n not in before}
    assert shown["created"][0][0] == str(len(created)) == str(EMPLOYEES)
    per_locale = [int(rows[0][0]) for what, rows in shown.items() if what.startswith("created ")]
    assert sum(per_locale) == EMPLOYEES
    ledgers = {what: rows[0] for what, rows in shown.items() if what.startswith("ledger")}
    assert set(ledgers) == {"ledger, worker 0", "ledger, worker 1"}
    assert all(detail.startswith("on this machine") for _, detail in ledgers.values())
    assert len(shown["last created"]) == 10
    for number, detail in shown["last created"]:
        _, email, mobile, _ = detail.split(" · ")
        assert created[number] == (email, mobile.removeprefix("mobile "))
    assert sorted(bundle.namelist()) == sorted(Path(path).name for path, _ in ledgers.values())
    rows = [row for name in bundle.namelist() for row in read_csv(bundle.open(name))]
    assert {row["number"]: (row["email"], row["mobile"]) for row in rows} == created


def read_csv(file) -> list[dict[str, str]]:
    return list(csv.DictReader(io.TextIOWrapper(file, "utf-8")))
