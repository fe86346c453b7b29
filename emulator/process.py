"""Run the emulator as a subprocess and talk to it: for tests, benchmarks and the suite.

with EmulatorProcess.start("--no-model") as emu:
    requests.get(emu.url + "/pbxcore/api/extensions/getRecord")
    emu.query("SELECT number FROM m_Extensions WHERE type = 'SIP'")
"""

from __future__ import annotations

import contextlib
import json
import re
import sqlite3
import subprocess
import sys
import threading
import urllib.request
from pathlib import Path
from types import TracebackType
from typing import Any

_READY = re.compile(r"MikoPBX emulator listening on (\S+) \(db (.+)\)$")
START_TIMEOUT_S = 30.0


class EmulatorStartError(RuntimeError):
    """The emulator exited (or stayed silent) before it printed its ready line."""


class EmulatorProcess:
    def __init__(self, proc: subprocess.Popen[str], url: str, db_path: str) -> None:
        self.proc = proc
        self.url = url
        """Base URL, e.g. http://127.0.0.1:40123"""
        self.db_path = db_path
        """The SQLite file the emulator writes (read it with query())."""

    @classmethod
    def start(cls, *extra_args: str, db: str | Path | None = None) -> EmulatorProcess:
        """Start `python -m emulator --port 0 ...` and wait for its ready line."""
        command = [sys.executable, "-m", "emulator", "--port", "0", *extra_args]
        if db is not None:
            command += ["--db", str(db)]
        proc = subprocess.Popen(
            command,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            cwd=Path(__file__).resolve().parent.parent,
        )
        try:
            url, db_path = _wait_ready(proc)
        except BaseException:
            _terminate(proc)
            raise
        return cls(proc, url, db_path)

    def stats(self) -> dict[str, Any]:
        """GET /emulator/stats."""
        with urllib.request.urlopen(self.url + "/emulator/stats", timeout=10) as response:
            return json.load(response)

    def query(self, sql: str, params: tuple[Any, ...] | dict[str, Any] = ()) -> list[sqlite3.Row]:
        """Run `sql` on a fresh read-only connection to the emulator's database."""
        conn = sqlite3.connect(f"file:{self.db_path}?mode=ro", uri=True)
        try:
            conn.row_factory = sqlite3.Row
            return conn.execute(sql, params).fetchall()
        finally:
            conn.close()

    def stop(self) -> None:
        """Terminate and wait; safe to call twice and from finally blocks."""
        _terminate(self.proc)

    def __enter__(self) -> EmulatorProcess:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()


def _wait_ready(proc: subprocess.Popen[str]) -> tuple[str, str]:
    """Read output until the ready line; raise with everything printed if it never comes."""
    output = _Output(proc)
    if output.ready.wait(START_TIMEOUT_S) and output.found:
        return output.found
    if output.ready.is_set():  # the output ended: the process is exiting, collect its status
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.wait(timeout=10)
    exited = proc.poll() is not None
    _terminate(proc)
    output.reader.join(5)
    why = f"exited with status {proc.returncode}" if exited else "printed no ready line in time"
    text = "".join(output.lines).strip() or "(no output)"
    raise EmulatorStartError(f"emulator {why}: {' '.join(map(str, proc.args))}\n{text}")


class _Output:
    """Reads the emulator's output on a thread until EOF, so a full pipe never blocks it."""

    def __init__(self, proc: subprocess.Popen[str]) -> None:
        self.lines: list[str] = []
        self.found: tuple[str, str] | None = None
        self.ready = threading.Event()
        self.reader = threading.Thread(target=self._read, args=(proc,), daemon=True)
        self.reader.start()

    def _read(self, proc: subprocess.Popen[str]) -> None:
        assert proc.stdout is not None
        with proc.stdout:
            for line in proc.stdout:
                if self.found is None:
                    self.lines.append(line)
                    match = _READY.search(line.rstrip("\n"))
                    if match:
                        self.found = (match.group(1), match.group(2))
                        self.ready.set()
        self.ready.set()


def _terminate(proc: subprocess.Popen[str]) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
