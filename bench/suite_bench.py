"""CPU time per created employee: the suite's two user classes against bare HTTP loops.

    .venv/bin/python -m bench.suite_bench [--employees 3000]

Each row creates the same number of employees on an emulator with its model off
(running in its own process, on the other core). The bare loops send the same two
requests with precomputed forms: they are the floor that the HTTP client alone
costs. The difference between a user class and its floor is the suite's own work
per employee: data generation, parsing, classification, ledger and console.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import requests
from geventhttpclient import URL, HTTPClient

from bench.forms import precomputed_forms
from emulator.process import EmulatorProcess

ROOT = Path(__file__).resolve().parent.parent
API = "/pbxcore/api/extensions/"
FORM = {"Content-Type": "application/x-www-form-urlencoded"}
EMULATOR_ARGS = ("--no-model", "--no-demo", "--extension-length", "7")


def bare_requests(url: str, count: int) -> float:
    bodies = precomputed_forms(count, first_number=1_000_000)
    with requests.Session() as session:
        started = time.process_time()
        for body in bodies:
            session.get(url + API + "getRecord?id=").json()
            session.post(url + API + "saveRecord", data=body, headers=FORM).json()
        return time.process_time() - started


def bare_geventhttpclient(url: str, count: int) -> float:
    import json

    bodies = precomputed_forms(count, first_number=1_000_000)
    client = HTTPClient.from_url(URL(url), concurrency=1)
    started = time.process_time()
    for body in bodies:
        json.loads(client.get(API + "getRecord?id=").read())
        json.loads(client.post(API + "saveRecord", body=body, headers=FORM).read())
    client.close()
    return time.process_time() - started


SUITE_ARGS = (
    "-f",
    "locustfile.py,bench/cpu_probe.py",
    "--number-range",
    "2000000-9999999",
    "--employee-log",
    "none",
    "--ledger",
    "/tmp/suite-bench-ledger-{run_id}.csv",
)
FLOOR_ARGS = ("-f", "bench/floor_users.py,bench/cpu_probe.py")


def locust_run(url: str, user_class: str, count: int, files: tuple[str, ...]) -> float:
    """CPU seconds of the Locust process between the test's start and stop."""
    command = [
        sys.executable,
        "-m",
        "locust",
        *files,
        "--headless",
        "--host",
        url,
        "--users",
        "20",
        "--spawn-rate",
        "20",
        "--only-summary",
        "--run-time",
        "300s",
        user_class,
    ]
    if files == SUITE_ARGS:
        command[-1:-1] = ["--employees", str(count)]
    env = {**os.environ, "FLOOR_EMPLOYEES": str(count)}
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False, env=env)
    found = re.search(r"cpu_probe cpu_s=([\d.]+) created=(\d+)", done.stdout + done.stderr)
    if not found or int(found.group(2)) != count:
        raise RuntimeError(f"{user_class} run failed:\n{done.stdout}\n{done.stderr}")
    return float(found.group(1))


def suite_work(count: int) -> float:
    """µs of the suite's own work per employee, in-process: data, parsing, form, ledger."""
    from bench.suite_work import measure

    return measure(count)


ROWS = {
    "requests": [
        ("bare loop", bare_requests),
        ("Locust floor (HttpUser)", lambda u, n: locust_run(u, "FloorHttpUser", n, FLOOR_ARGS)),
        ("EmployeeUser", lambda u, n: locust_run(u, "EmployeeUser", n, SUITE_ARGS)),
    ],
    "geventhttpclient": [
        ("bare loop", bare_geventhttpclient),
        (
            "Locust floor (FastHttpUser)",
            lambda u, n: locust_run(u, "FloorFastHttpUser", n, FLOOR_ARGS),
        ),
        ("FastEmployeeUser", lambda u, n: locust_run(u, "FastEmployeeUser", n, SUITE_ARGS)),
    ],
}


def main(count: int = 3000) -> None:
    print(f"CPU time per created employee ({count} employees a row, emulator model off, 20 users):")
    for client, rows in ROWS.items():
        print(f"  {client}:")
        for name, measure in rows:
            with EmulatorProcess.start(*EMULATOR_ARGS) as emulator:
                micros = measure(emulator.url, count) / count * 1e6
            print(f"    {name:<30} {micros:7.0f} µs")
    print(
        f"  the suite's own work (people, mobile, number, form, parsing, ledger), in-process: "
        f"{suite_work(20_000):.0f} µs"
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--employees", type=int, default=3000)
    main(parser.parse_args().employees)
