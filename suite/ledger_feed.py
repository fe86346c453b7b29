"""The newest ledger rows and the ledger files of a test, for the web UI's Employees tab.

In a distributed run the rows are written on the workers, so each worker adds to its
reports (suite.worker_link) the rows it recorded since its last report, at most
RECENT_ROWS of them, and where its ledger is. The master keeps the newest rows of all
workers and every worker's ledger file.
"""

from __future__ import annotations

import os
import socket
from collections import deque
from collections.abc import Mapping
from dataclasses import astuple, dataclass
from typing import Any

from suite.ledger import RECENT_ROWS, Ledger, LedgerRow

HOST = socket.gethostname()


@dataclass(frozen=True)
class LedgerFile:
    """One process's ledger, and the machine it is on."""

    owner: str
    """`local`, or the worker: `worker 0`."""
    path: str
    """Absolute, as its own process sees it."""
    host: str

    @property
    def here(self) -> bool:
        """On this machine and there: the web UI can serve it."""
        return self.host == HOST and os.path.isfile(self.path)


def local_file(ledger: Ledger) -> LedgerFile:
    return LedgerFile("local", os.path.abspath(ledger.path), HOST)


class LedgerNews:
    """A worker's side: what its next report carries of its ledger."""

    def __init__(self, ledger: Ledger, worker_index: int) -> None:
        self.ledger = ledger
        self.where = [HOST, os.path.abspath(ledger.path), worker_index]
        self._reported = 0

    def take(self) -> dict[str, Any]:
        """The ledger's place and the rows not reported yet (the newest RECENT_ROWS at most)."""
        new = min(self.ledger.rows - self._reported, len(self.ledger.recent))
        self._reported = self.ledger.rows
        rows = list(self.ledger.recent)[len(self.ledger.recent) - new :]
        return {"ledger": self.where, "recent": [list(astuple(row)) for row in rows]}


class LedgerFeed:
    """The master's side: the newest rows over all workers, and each worker's ledger."""

    def __init__(self) -> None:
        self.recent: deque[LedgerRow] = deque(maxlen=RECENT_ROWS)
        self.files: dict[str, LedgerFile] = {}
        """Worker's node id → its ledger."""

    def take(self, worker: str, report: Mapping[str, Any]) -> None:
        if "ledger" in report:
            host, path, index = report["ledger"]
            self.files[worker] = LedgerFile(f"worker {index}", path, host)
        self.recent.extend(LedgerRow(*row) for row in report.get("recent", ()))
