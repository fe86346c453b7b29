"""The process: ready line, keep-alive speed, signals, databases, start errors."""

from __future__ import annotations

import os
import re
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

from emulator.process import EmulatorProcess, EmulatorStartError

READY = re.compile(r"MikoPBX emulator listening on http://127\.0\.0\.1:(\d+) \(db (.+)\)\n")
ROOT = Path(__file__).resolve().parents[2]


def test_keep_alive_requests_are_not_held_by_nagle(emulator) -> None:
    # Without TCP_NODELAY every request after the first on a connection waits ~40 ms.
    session = requests.Session()
    url = emulator.url + "/pbxcore/api/extensions/available?number=555"
    session.get(url)
    timings = []
    for _ in range(20):
        started = time.perf_counter()
        assert session.get(url).status_code == 200
        timings.append(time.perf_counter() - started)
    assert statistics.median(timings) < 0.02


def launch(*args: str) -> tuple[subprocess.Popen[str], re.Match[str]]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "emulator", "--port", "0", "--no-model", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    assert proc.stdout is not None
    line = proc.stdout.readline()
    match = READY.fullmatch(line)
    assert match, line
    return proc, match


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_prints_one_line_and_stops_cleanly(signum: int) -> None:
    proc, match = launch()
    port, db = int(match.group(1)), Path(match.group(2))
    assert port > 0 and db.exists()
    url = f"http://127.0.0.1:{port}/pbxcore/api/extensions/getRecord"
    assert requests.get(url, timeout=10).json()["result"] is True
    proc.send_signal(signum)
    out, err = proc.communicate(timeout=10)
    assert proc.returncode == 0, err
    assert out == "" and "Traceback" not in err
    assert not db.parent.exists()  # the temporary database is removed


def test_given_database_is_kept_and_reused(tmp_path: Path) -> None:
    path = tmp_path / "pbx.sqlite"
    with EmulatorProcess.start("--no-model", db=path) as emu:
        assert emu.db_path == str(path)
        data = {"number": "250", "user_username": "Kept"}
        requests.post(emu.url + "/pbxcore/api/extensions/saveRecord", data=data, timeout=10)
    assert path.exists()
    with EmulatorProcess.start("--no-model", db=path) as emu:
        rows = emu.query("SELECT username FROM m_Users WHERE username = 'Kept'")
        assert len(rows) == 1
        assert emu.query("PRAGMA journal_mode")[0][0] == "wal"


def test_query_is_read_only(emulator) -> None:
    with pytest.raises(Exception, match="readonly"):
        emulator.query("DELETE FROM m_Users")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--extension-length", "12"), "the extension length must be 1 to 9"),
        (("--fault-drop-rate", "2"), "2 is not a rate"),
        (("--fault-actions", "saveRecord,nope"), "unknown action"),
        (("--pbx-version", "2026.1"), "invalid choice"),
    ],
    ids=["length", "rate", "action", "version"],
)
def test_bad_options_fail_with_the_output(args: tuple[str, ...], message: str) -> None:
    with pytest.raises(EmulatorStartError, match="exited with status 2") as failure:
        EmulatorProcess.start(*args)
    assert message in str(failure.value)


def test_busy_port_is_reported(emulator) -> None:
    port = emulator.url.rsplit(":", 1)[1]
    proc = subprocess.run(
        [sys.executable, "-m", "emulator", "--port", port, "--no-model"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=30,
    )
    assert proc.returncode == 2
    assert f"emulator: cannot listen on 127.0.0.1:{port}" in proc.stderr


def test_stop_twice_is_harmless() -> None:
    emu = EmulatorProcess.start("--no-model")
    emu.stop()
    emu.stop()
    assert emu.proc.returncode is not None and not os.path.exists(emu.db_path)


def test_unusable_database_is_reported(tmp_path: Path) -> None:
    with pytest.raises(EmulatorStartError, match="cannot use the database"):
        EmulatorProcess.start("--no-model", db=tmp_path / "missing" / "pbx.sqlite")
