"""How many employees per second the emulator creates (model off): a figure, not a test.

    .venv/bin/python bench/emulator_bench.py [--employees 5000] [--concurrency 8]

The emulator runs in its own process (one core: it is single-threaded); this process
drives it with keep-alive geventhttpclient connections, each greenlet looping
getRecord + saveRecord like a provisioning script. Numbers are handed out here, so
concurrent templates never collide on one number.
"""

from __future__ import annotations

import argparse
import itertools
import os
import platform
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

import gevent
from geventhttpclient import URL, HTTPClient

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from emulator.process import EmulatorProcess

API = "/pbxcore/api/extensions/"
FORM = {"Content-Type": "application/x-www-form-urlencoded"}


def cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            for line in info:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def worker(
    client: HTTPClient,
    numbers: itertools.count,
    quota: itertools.count,
    limit: int,
    results: dict[str, int],
) -> None:
    import json

    while next(quota) < limit:
        template = json.loads(client.get(API + "getRecord?id=").read())["data"]
        n = next(numbers)
        template.update(
            number=str(100000 + n),
            user_username=f"Bench User {n}",
            user_email=f"bench{n}@example.com",
            mobile_number=str(79000000000 + n),
            fwd_forwarding=str(79000000000 + n),
        )
        response = client.post(API + "saveRecord", body=urlencode(template), headers=FORM)
        answer = json.loads(response.read())
        results["created" if answer.get("result") else "failed"] += 1


def run(employees: int, concurrency: int) -> None:
    with EmulatorProcess.start("--no-model", "--extension-length", "7", "--no-demo") as emu:
        url = URL(emu.url)
        client = HTTPClient.from_url(
            url, concurrency=concurrency, connection_timeout=10, network_timeout=30
        )
        numbers, quota = itertools.count(), itertools.count()
        results = {"created": 0, "failed": 0}
        # Warm up (imports, SQLite pages) before timing.
        worker(client, numbers, itertools.count(), 50, {"created": 0, "failed": 0})
        started = time.perf_counter()
        gevent.joinall(
            [
                gevent.spawn(worker, client, numbers, quota, employees, results)
                for _ in range(concurrency)
            ]
        )
        elapsed = time.perf_counter() - started
        client.close()
        stats = emu.stats()
    print(f"machine: {cpu_model()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print(f"emulator: model off, {concurrency} keep-alive connections, SQLite WAL")
    print(
        f"created {results['created']} employees ({results['failed']} failed) "
        f"in {elapsed:.2f} s: {results['created'] / elapsed:.0f} employees/s, "
        f"{2 * (results['created'] + results['failed']) / elapsed:.0f} requests/s"
    )
    print(f"emulator counted {stats['employees_created']} creations")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--employees", type=int, default=5000)
    parser.add_argument("--concurrency", type=int, default=8)
    args = parser.parse_args()
    run(args.employees, args.concurrency)


if __name__ == "__main__":
    main()
