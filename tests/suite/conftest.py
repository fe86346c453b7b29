"""Fixtures for running the suite as a user would: `locust` headless in a child process."""

from __future__ import annotations

import csv
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from suite.ledger import LedgerRow, read_ledger

ROOT = Path(__file__).resolve().parents[2]
SAFETY_RUN_TIME = "90s"
"""Every test run also stops on time, should a quota never be reached."""

EMPLOYEES_SQL = """
SELECT e.id AS extension_id, e.userid AS user_id, e.number, u.username, u.email,
       m.number AS mobile, f.forwarding, f.forwardingonbusy
FROM m_Extensions e
JOIN m_Users u ON u.id = e.userid
LEFT JOIN m_Extensions m ON m.userid = e.userid AND m.type = 'EXTERNAL'
LEFT JOIN m_ExtensionForwardingRights f ON f.extension = e.number
WHERE e.type = 'SIP' AND e.is_general_user_number = '1'
"""


def employees_in(emulator) -> dict[str, dict]:
    """The PBX's employees by extension number, read from its SQLite database."""
    return {row["number"]: dict(row) for row in emulator.query(EMPLOYEES_SQL)}


@pytest.fixture
def pbx_employees():
    """A reader of the employees an emulator's database holds, keyed by extension number."""
    return employees_in


@dataclass
class LocustRun:
    """What one headless run left behind."""

    returncode: int
    output: str
    """stdout and stderr together, as a terminal shows them."""
    reports: Path

    @property
    def ledger(self) -> list[LedgerRow]:
        path = self.reports / "ledger.csv"
        return read_ledger(str(path)) if path.exists() else []

    def failures(self) -> dict[str, int]:
        """Locust's failures CSV as `name: kind` → occurrences."""
        with open(self.reports / "run_failures.csv", newline="", encoding="utf-8") as file:
            return {
                f"{row['Name']}: {row['Error']}": int(row["Occurrences"])
                for row in csv.DictReader(file)
            }

    def requests(self, name: str) -> tuple[int, int]:
        """Locust's request count and failure count of one request name."""
        row = self._stats_row(name)
        return (int(row["Request Count"]), int(row["Failure Count"])) if row else (0, 0)

    def max_response_time(self, name: str) -> float:
        row = self._stats_row(name)
        return float(row["Max Response Time"]) if row else 0.0

    def _stats_row(self, name: str) -> dict[str, str] | None:
        with open(self.reports / "run_stats.csv", newline="", encoding="utf-8") as file:
            return next((row for row in csv.DictReader(file) if row["Name"] == name), None)


@pytest.fixture
def run_locust(tmp_path: Path):
    """Run `locust -f locustfile.py --headless ...` to its end and collect its outputs."""

    def run(
        *args: str,
        host: str | None,
        users: int = 10,
        user_class: str = "EmployeeUser",
        timeout: float = 120,
    ) -> LocustRun:
        reports = tmp_path / "reports"
        command = [
            sys.executable,
            "-m",
            "locust",
            "-f",
            str(ROOT / "locustfile.py"),
            "--headless",
            "--users",
            str(users),
            "--spawn-rate",
            str(users),
            "--run-time",
            SAFETY_RUN_TIME,
            "--csv",
            str(reports / "run"),
            "--ledger",
            str(reports / "ledger.csv"),
            "--employee-log",
            "failures",
            "--only-summary",
            "--loglevel",
            "INFO",
            *(["--host", host] if host else []),
            *args,
            user_class,
        ]
        done = subprocess.run(
            command, cwd=tmp_path, capture_output=True, text=True, timeout=timeout, check=False
        )
        return LocustRun(done.returncode, done.stdout + done.stderr, reports)

    return run
