"""The run's ledger: one CSV row per employee the PBX confirmed, written before the next request.

The ledger is what reconciliation and cleanup trust, so a row is flushed to the
operating system as soon as the PBX confirms the employee: a crash of this process
one instant later loses nothing. It never holds a secret (no SIP password).
"""

from __future__ import annotations

import csv
import os
from collections import deque
from dataclasses import astuple, dataclass, fields
from datetime import datetime, timezone
from typing import TextIO


@dataclass(frozen=True)
class LedgerRow:
    """One confirmed employee, as the PBX confirmed it."""

    run_id: str
    time: str
    api: str
    extension_id: str
    user_id: str
    number: str
    username: str
    email: str
    mobile: str
    locale: str


COLUMNS = tuple(field.name for field in fields(LedgerRow))
RECENT_ROWS = 10
"""Rows a ledger also keeps in memory, newest last: the web UI's last employees."""


def utc_now() -> str:
    """A timestamp for the ledger: UTC, ISO 8601, millisecond precision."""
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds")


class Ledger:
    """Appends rows to a CSV file, writing the header when the file is new or empty."""

    def __init__(self, path: str) -> None:
        self.path = path
        if directory := os.path.dirname(path):
            os.makedirs(directory, exist_ok=True)
        self._file: TextIO = open(path, "a", newline="", encoding="utf-8")  # noqa: SIM115
        self._writer = csv.writer(self._file)
        if self._file.tell() == 0:
            self._writer.writerow(COLUMNS)
            self._file.flush()
        self.recent: deque[LedgerRow] = deque(maxlen=RECENT_ROWS)
        self.rows = 0
        """Rows this process recorded (the file may hold earlier runs' too)."""

    def record(self, row: LedgerRow) -> None:
        """Append one row and hand it to the operating system before returning."""
        self._writer.writerow(astuple(row))
        self._file.flush()
        self.recent.append(row)
        self.rows += 1

    def close(self) -> None:
        self._file.close()


def ledger_path(template: str, run_id: str, worker: int | str | None) -> str:
    """The ledger file of one process, from --ledger with {run_id} and {worker} filled in.

    Workers on one machine (or one shared folder) must never append to the same file, so a
    worker's ledger always names the worker: in place of {worker}, or before the extension.
    """
    path = template.replace("{run_id}", run_id)
    if worker is None:
        return path.replace("{worker}", "local")
    tag = f"worker{worker}"
    if "{worker}" in path:
        return path.replace("{worker}", tag)
    root, extension = os.path.splitext(path)
    return f"{root}-{tag}{extension}"


def read_ledger(path: str) -> list[LedgerRow]:
    """Every row of a ledger file; raises ValueError when its columns are not a ledger's."""
    with open(path, newline="", encoding="utf-8") as file:
        reader = csv.DictReader(file)
        if tuple(reader.fieldnames or ()) != COLUMNS:
            raise ValueError(f"{path} is not a ledger: columns {reader.fieldnames}")
        return [LedgerRow(**row) for row in reader]
