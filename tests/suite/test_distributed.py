"""A master and its workers against a live emulator: one pool, however the workers come and go.

The run with three steady workers is the compose test's (tests/test_compose.py); here a
worker dies mid-run, one joins mid-run, and `--processes` forks the workers itself.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from tests.cluster import (
    LOCUST,
    Children,
    as_employees,
    employees,
    free_port,
    ledgers,
    query,
    repeated_numbers,
    wait_for,
)

pytestmark = pytest.mark.slow
EMPLOYEES = 3000
USERS = 30


@pytest.fixture
def children(tmp_path: Path):
    with Children(tmp_path) as started:
        yield started


def master_argv(host: str, port: int, reports: Path, workers: int) -> list[str]:
    return [
        *LOCUST,
        "--master",
        "--master-bind-host=127.0.0.1",
        f"--master-bind-port={port}",
        f"--expect-workers={workers}",
        "--headless",
        f"--users={USERS}",
        f"--spawn-rate={USERS}",
        "--run-time=90s",  # a safety net: the quota ends the run
        "--stop-timeout=10",
        f"--host={host}",
        f"--employees={EMPLOYEES}",
        "--number-range=2000-9999",
        f"--ledger={reports}/ledger-{{run_id}}-{{worker}}.csv",
        "--employee-log=failures",
        "--only-summary",
    ]


def worker_argv(port: int) -> list[str]:
    return [*LOCUST, "--worker", "--master-host=127.0.0.1", f"--master-port={port}"]


def created_count(db: str, before: int) -> int:
    return query(db, "SELECT COUNT(*) FROM m_Users")[0][0] - before


def no_repeats(rows) -> bool:
    numbers = Counter(row.number for row in rows) + Counter(row.mobile for row in rows)
    return not numbers or numbers.most_common(1)[0][1] == 1


def test_a_killed_worker_loses_only_its_attempts_in_flight(
    emulator, children: Children, tmp_path: Path
) -> None:
    before = employees(emulator.db_path)
    users_before = created_count(emulator.db_path, 0)
    port = free_port()
    master = children.start("master", master_argv(emulator.url, port, tmp_path, workers=3))
    workers = [children.start(f"worker{i}", worker_argv(port)) for i in range(3)]
    wait_for(
        lambda: created_count(emulator.db_path, users_before) >= EMPLOYEES // 4, 60, "a quarter"
    )
    workers[0].kill()

    assert master.wait(timeout=90) == 0, children.outputs()
    assert "all --employees attempted" in master.output()
    assert repeated_numbers(emulator.db_path) == []
    created = {n: row for n, row in employees(emulator.db_path).items() if n not in before}
    rows = [row for file in ledgers(tmp_path).values() for row in file]
    assert no_repeats(rows)
    # The dead worker's users (a third of them) may have been cut off between the PBX's
    # answer and the ledger: reconciliation's job. Nothing else is missing.
    ledgered = as_employees(rows)
    assert ledgered.items() <= created.items()
    assert len(created) - len(ledgered) <= USERS // 3
    saves = emulator.stats()["requests"]["saveRecord"]
    assert EMPLOYEES - USERS // 3 <= saves <= EMPLOYEES


def test_a_worker_joining_late_gets_blocks_of_its_own(
    emulator, children: Children, tmp_path: Path
) -> None:
    before = employees(emulator.db_path)
    users_before = created_count(emulator.db_path, 0)
    port = free_port()
    master = children.start("master", master_argv(emulator.url, port, tmp_path, workers=2))
    children.start("worker0", worker_argv(port))
    children.start("worker1", worker_argv(port))
    wait_for(lambda: created_count(emulator.db_path, users_before) >= 200, 60, "a first 200")
    children.start("late", worker_argv(port))

    assert master.wait(timeout=90) == 0, children.outputs()
    files = ledgers(tmp_path)
    late = [rows for name, rows in files.items() if name.endswith("-worker2.csv")]
    assert late and len(late[0]) > 0, f"the late worker created nobody: {list(files)}"
    rows = [row for file in files.values() for row in file]
    assert no_repeats(rows)
    created = {n: row for n, row in employees(emulator.db_path).items() if n not in before}
    assert as_employees(rows) == created
    assert len(created) == EMPLOYEES
    assert repeated_numbers(emulator.db_path) == []


def test_processes_fork_workers_that_share_the_pool(children: Children, tmp_path: Path) -> None:
    db = tmp_path / "pbx.db"
    port = free_port()  # not Locust's default: another run on this machine may hold that one
    run = children.start(
        "locust",
        [
            *LOCUST,
            "--processes=2",
            f"--master-bind-port={port}",
            f"--master-port={port}",
            "--headless",
            "--users=10",
            "--spawn-rate=10",
            "--run-time=90s",
            "--employees=600",
            "--number-range=2000-9999",
            f"--emulator-options=--no-model --db {db}",  # no --host: the master starts one
            f"--ledger={tmp_path}/ledger-{{run_id}}-{{worker}}.csv",
            "--employee-log=failures",
            "--only-summary",
        ],
    )
    assert run.wait(timeout=90) == 0, children.outputs()
    files = list(ledgers(tmp_path).values())
    assert len(files) == 2 and all(files)
    rows = [row for file in files for row in file]
    assert no_repeats(rows)
    created = {n: row for n, row in employees(str(db)).items() if n.startswith(("2", "3"))}
    assert len(rows) == 600
    assert as_employees(rows).items() <= created.items()
    first, second = ([row.username for row in file[:20]] for file in files)
    assert first != second, "forked workers drew the same names"
