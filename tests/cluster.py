"""Masters, workers and emulators as child processes on loopback, as compose would start them.

Each child writes its output to a file in the test's folder and is stopped when the test
ends, whatever happened. Helpers read what a run left: the PBX's rows and the ledgers.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from suite.ledger import LedgerRow, read_ledger

ROOT = Path(__file__).resolve().parents[1]
LOCUST = [sys.executable, "-m", "locust"]
_READY = re.compile(r"MikoPBX emulator listening on (\S+) \(db (.+)\)$", re.MULTILINE)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Child:
    """One process of the run, started in the project's folder (the image's working dir)."""

    def __init__(self, name: str, argv: list[str], folder: Path, env: dict[str, str]) -> None:
        self.name = name
        self.log = folder / f"{name}.log"
        with open(self.log, "w", encoding="utf-8") as output:
            self.proc = subprocess.Popen(
                argv,
                cwd=ROOT,
                stdout=output,
                stderr=subprocess.STDOUT,
                env={**_clean_environ(), "PYTHONUNBUFFERED": "1", **env},
            )

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def wait(self, timeout: float) -> int:
        return self.proc.wait(timeout=timeout)

    def kill(self) -> None:
        """SIGKILL: the process dies at once, as in a crash or an OOM kill."""
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait()

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.kill()


class Children:
    """Starts children and stops every one of them on exit."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.started: list[Child] = []

    def start(self, name: str, argv: list[str], env: dict[str, str] | None = None) -> Child:
        child = Child(name, argv, self.folder, env or {})
        self.started.append(child)
        return child

    def outputs(self) -> str:
        """Every child's output, for an assertion message."""
        return "\n".join(f"--- {c.name}\n{c.output()[-3000:]}" for c in self.started)

    def __enter__(self) -> Children:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        for child in reversed(self.started):
            child.stop()


def _clean_environ() -> dict[str, str]:
    """This process's environment without Locust's and the suite's options: a child gets
    only those its test gives it."""
    return {k: v for k, v in os.environ.items() if not k.startswith(("LOCUST_", "PBX_"))}


def wait_for(condition: Callable[[], object], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"{what}: not within {timeout:g} s")
        time.sleep(0.05)


def emulator_address(child: Child, timeout: float = 30.0) -> tuple[str, str]:
    """The URL and database path an emulator child printed in its ready line."""
    wait_for(lambda: _READY.search(child.output()), timeout, f"{child.name} ready line")
    match = _READY.search(child.output())
    assert match is not None
    return match.group(1), match.group(2)


def query(db_path: str, sql: str) -> list[tuple]:
    connection = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        return connection.execute(sql).fetchall()
    finally:
        connection.close()


def employees(db_path: str) -> dict[str, tuple[str, str]]:
    """The PBX's employees: extension number → (e-mail, mobile)."""
    rows = query(
        db_path,
        "SELECT e.number, u.email, m.number FROM m_Extensions e "
        "JOIN m_Users u ON u.id = e.userid "
        "LEFT JOIN m_Extensions m ON m.userid = e.userid AND m.type = 'EXTERNAL' "
        "WHERE e.type = 'SIP' AND e.is_general_user_number = '1'",
    )
    return {number: (email, mobile) for number, email, mobile in rows}


def repeated_numbers(db_path: str) -> list[tuple]:
    """Numbers (internal or mobile) that more than one row of the PBX holds."""
    return query(
        db_path, "SELECT number, COUNT(*) FROM m_Extensions GROUP BY number HAVING COUNT(*) > 1"
    )


def ledgers(folder: Path) -> dict[str, list[LedgerRow]]:
    """Every ledger file in a folder, by file name."""
    return {path.name: read_ledger(str(path)) for path in sorted(folder.glob("ledger*.csv"))}


def as_employees(rows: list[LedgerRow]) -> dict[str, tuple[str, str]]:
    return {row.number: (row.email, row.mobile) for row in rows}
