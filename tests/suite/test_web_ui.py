"""The web UI out of the box: no --host, a test started from the form, options from the form."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(url: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            requests.get(url, timeout=1)
            return
        except requests.ConnectionError:
            time.sleep(0.2)
    raise TimeoutError(url)


def test_a_test_started_from_the_form_uses_the_emulator(tmp_path) -> None:
    port = free_port()
    ui = f"http://127.0.0.1:{port}"
    locust = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "locust",
            "-f",
            str(ROOT / "locustfile.py"),
            "--web-host",
            "127.0.0.1",
            "--web-port",
            str(port),
            "--emulator-options=--no-model",
        ],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        wait_for(ui)
        ledger = tmp_path / "ledger.csv"
        form = {
            "user_count": 4,
            "spawn_rate": 4,
            "host": "",
            "employees": 30,
            "locales": "ka_GE,el_GR",
            "ledger": str(ledger),
            "user_classes": "EmployeeUser",
        }
        assert requests.post(ui + "/swarm", data=form, timeout=10).json()["success"]
        deadline = time.monotonic() + 30
        while requests.get(ui + "/stats/requests", timeout=5).json()["state"] != "stopped":
            assert time.monotonic() < deadline, "the test did not stop by itself"
            time.sleep(0.2)
        stats = requests.get(ui + "/stats/requests", timeout=5).json()["stats"]
        counts = {row["name"]: (row["num_requests"], row["num_failures"]) for row in stats}
        assert counts["saveRecord"] == counts["getRecord"] == (30, 0)
        rows = ledger.read_text(encoding="utf-8").splitlines()[1:]
        assert len(rows) == 30
        assert {row.rsplit(",", 1)[1] for row in rows} == {"ka_GE", "el_GR"}
    finally:
        locust.terminate()
        output = locust.communicate(timeout=30)[0]
    assert "created 30 of 30 attempted" in output
