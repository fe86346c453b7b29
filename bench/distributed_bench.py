"""Employees per second with 1, 2 and 4 Locust worker processes against the emulator, model off.

    .venv/bin/python -m bench.distributed_bench [--employees 4000] [--users 40] [--workers 1,2,4]

Each row starts a fresh emulator with its model off (its own process) and runs
`locust --processes N` (a master and N forked workers) with FastEmployeeUser until
--employees are created; the figure is the suite's own, from its closing summary. The
first row is a local run (one process, no master) for comparison.

On a machine with few cores, the emulator, the master and the workers share them: there,
more workers buy no CPU, and the rows show what distribution costs (block requests, a
message per attempt, more processes than cores), not how a cluster of machines scales.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import socket
import subprocess
import sys
from pathlib import Path
from tempfile import TemporaryDirectory

from emulator.process import EmulatorProcess

ROOT = Path(__file__).resolve().parent.parent
_RATE = re.compile(r"created (\d+) of (\d+) attempted in ([\d.]+) s \(([\d.]+) employees/s\)")


def run_once(workers: int, employees: int, users: int) -> tuple[int, float, float, float]:
    """Created employees, seconds, employees/s and CPU seconds (Locust's processes, the
    emulator not counted) of one run; 0 workers is a local run."""
    emulator = EmulatorProcess.start("--no-model", "--no-demo", "--extension-length", "7")
    with emulator, TemporaryDirectory() as reports:
        command = [
            *(sys.executable, "-m", "locust", "-f", "locustfile.py", "--headless"),
            *("--host", emulator.url, "--users", str(users), "--spawn-rate", str(users)),
            *("--employees", str(employees), "--number-range", "1000000-9999999"),
            *("--run-time", "300s", "--only-summary"),
            *("--employee-log", "none", "--ledger", f"{reports}/ledger-{{worker}}.csv"),
            *(_processes(workers) if workers else ()),
            "FastEmployeeUser",
        ]
        cpu_before = _children_cpu()
        done = subprocess.run(
            command, cwd=ROOT, capture_output=True, text=True, timeout=600, check=False
        )
        cpu = _children_cpu() - cpu_before  # the emulator is not waited for yet: not in it
    match = _RATE.search(done.stdout + done.stderr)
    if done.returncode != 0 or match is None:
        raise RuntimeError(f"{' '.join(command)} failed:\n{done.stdout}{done.stderr}")
    return int(match.group(1)), float(match.group(3)), float(match.group(4)), cpu


def _processes(workers: int) -> tuple[str, ...]:
    """--processes on a free port: Locust's default one may be another run's master."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return (
        "--processes",
        str(workers),
        "--master-bind-port",
        str(port),
        "--master-port",
        str(port),
    )


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main(employees: int = 4000, users: int = 40, workers: tuple[int, ...] = (1, 2, 4)) -> None:
    print(f"{os.cpu_count()} cores; emulator model off; FastEmployeeUser, {users} users")
    for count in (0, *workers):
        created, seconds, rate, cpu = run_once(count, employees, users)
        name = "local run (no master)" if count == 0 else f"master + {count} worker processes"
        print(
            f"  {name:<32} {created} employees in {seconds:5.1f} s: {rate:6.0f} employees/s, "
            f"{cpu / created * 1e6:5.0f} µs CPU per employee"
        )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--employees", type=int, default=4000)
    parser.add_argument("--users", type=int, default=40)
    parser.add_argument("--workers", default="1,2,4", help="worker counts, comma-separated")
    args = parser.parse_args()
    main(args.employees, args.users, tuple(int(n) for n in args.workers.split(",")))
