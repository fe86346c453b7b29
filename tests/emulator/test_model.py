"""The PBX model: service times, a fixed worker pool that queues, the worker timeout."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor

import requests

from tests.emulator.client import Api

ERROR_500 = ["500 (Internal Server Error) "]


def timed_save(api: Api, number: int) -> float:
    """Seconds one saveRecord took, on its own connection."""
    data = {"number": str(number), "user_username": f"Load {number}"}
    started = time.perf_counter()
    answer = requests.post(api.base + "saveRecord", data=data, timeout=30).json()
    assert answer["result"] is True, answer
    return time.perf_counter() - started


def test_save_takes_its_service_time(emulator_factory) -> None:
    service = 0.1
    api = Api(emulator_factory("--model-save-ms", "100", "--model-jitter", "0"))
    assert timed_save(api, 300) >= service


def test_more_concurrent_saves_than_workers_queue(emulator_factory) -> None:
    service, workers, clients = 0.15, 4, 8
    api = Api(
        emulator_factory(
            "--model-workers", str(workers), "--model-save-ms", "150", "--model-jitter", "0"
        )
    )
    alone = timed_save(api, 299)
    with ThreadPoolExecutor(clients) as pool:
        durations = sorted(pool.map(lambda n: timed_save(api, n), range(300, 300 + clients)))
    # Eight saves on four workers: the second half waits for the first to finish.
    assert durations[-1] >= 2 * service
    assert durations[-1] >= 1.5 * alone
    assert durations[0] < durations[-1]


def test_reads_are_faster_than_saves(emulator_factory) -> None:
    api = Api(emulator_factory("--model-get-ms", "5", "--model-save-ms", "80"))
    started = time.perf_counter()
    api.template()
    read = time.perf_counter() - started
    assert timed_save(api, 300) > read


def test_worker_timeout_gives_500_but_the_save_completes(emulator_factory) -> None:
    emu = emulator_factory(
        "--model-save-ms", "600", "--model-jitter", "0", "--model-timeout-s", "0.2"
    )
    api = Api(emu)
    data = {**api.template(), "number": "310", "mobile_number": "79260000310"}
    started = time.perf_counter()
    response = api.post("saveRecord", **data)
    waited = time.perf_counter() - started
    assert (response.status_code, response.json()["errors"]) == (500, ERROR_500)
    assert waited < 0.6  # answered at the timeout, before the work was done
    assert not emu.query("SELECT 1 FROM m_Extensions WHERE number = '310'")
    deadline = time.monotonic() + 5
    while not emu.query("SELECT 1 FROM m_Extensions WHERE number = '310'"):
        assert time.monotonic() < deadline, "the timed-out save never completed"
        time.sleep(0.05)
    stats = emu.stats()
    ext_id = str(emu.query("SELECT id FROM m_Extensions WHERE number = '310'")[0][0])
    assert stats["worker_timeouts"] == 1
    assert stats["employees_created"] == 1
    assert stats["unconfirmed"] == [
        {"id": ext_id, "number": "310", "mobile": "79260000310", "reason": "worker_timeout"}
    ]


def test_queue_wait_counts_toward_the_timeout(emulator_factory) -> None:
    # One worker, 300 ms per save, 450 ms timeout: the second of two saves waits too long.
    emu = emulator_factory(
        "--model-workers", "1", "--model-save-ms", "300", "--model-jitter", "0",
        "--model-timeout-s", "0.45",
    )  # fmt: skip
    api = Api(emu)

    def status(number: int) -> int:
        data = {"number": str(number)}
        return requests.post(api.base + "saveRecord", data=data, timeout=30).status_code

    with ThreadPoolExecutor(2) as pool:
        first = pool.submit(status, 320)
        time.sleep(0.05)
        second = pool.submit(status, 321)
        assert (first.result(), second.result()) == (200, 500)
