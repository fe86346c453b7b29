"""v3 under load and faults: the rate limit, the queue limit, the worker timeout, --api."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests

from emulator.faults import HTML_PAGE
from tests.emulator.client import Api
from tests.emulator.v3_client import V3Api

SERVER_ERROR = ["500 (Internal Server Error)"]
LIMIT = ("--rate-limit", "--rate-limit-requests", "3", "--rate-limit-burst", "2")


def test_rate_limit_blocks_and_doubles(emulator_factory) -> None:
    emu = emulator_factory("--no-model", *LIMIT, "--rate-limit-window-s", "1",
                           "--rate-limit-block-s", "0.5")  # fmt: skip
    v3 = V3Api(emu)

    def status() -> int:
        return v3.call("GET", "employees:getDefault").status_code

    assert [status() for _ in range(5)] == [200] * 5  # 3 per window plus a burst of 2
    refused = v3.call("GET", "employees:getDefault")
    assert (refused.status_code, refused.text) == (429, "Too many requests\n")
    assert refused.headers["Content-Type"].startswith("text/plain")
    assert Api(emu).get("getRecord").status_code == 429  # every path counts, legacy too
    time.sleep(0.6)  # the block is over, the window is not: a second offence, 1 s
    assert status() == 429
    time.sleep(0.6)
    assert status() == 429
    time.sleep(0.7)  # block and window are over
    assert status() == 200
    stats = emu.stats()  # the emulator's own page is never limited
    assert (stats["rate_limited"], stats["rate_limit_blocks"]) == (4, 2)
    assert stats["requests"]["employees:getDefault"] == 6


def test_rate_limit_is_off_by_default(shared_api: Api) -> None:
    v3 = V3Api(shared_api.emu)
    assert {v3.call("GET", "employees/110").status_code for _ in range(250)} == {200}


def test_full_queue_gets_503(emulator_factory) -> None:
    emu = emulator_factory("--model-workers", "1", "--model-get-ms", "300", "--model-jitter", "0",
                           "--v3-queue-max", "1")  # fmt: skip

    def get(_: int) -> requests.Response:
        return requests.get(emu.url + "/pbxcore/api/v3/employees:getDefault", timeout=30)

    with ThreadPoolExecutor(5) as pool:
        answers = list(pool.map(get, range(5)))
    # One job runs, two may wait (a request is refused when more than 1 already wait).
    assert sorted(a.status_code for a in answers) == [200, 200, 200, 503, 503]
    busy = next(a.json() for a in answers if a.status_code == 503)
    assert busy["messages"] == {"error": ["Service temporarily unavailable, please retry later"]}
    assert (busy["result"], busy["function"]) == (False, "")
    assert emu.stats()["queue_full"] == 2


def test_worker_timeout_is_400_and_the_save_completes(emulator_factory) -> None:
    emu = emulator_factory("--model-save-ms", "1200", "--model-jitter", "0",
                           "--v3-timeout-s", "0.3")  # fmt: skip
    v3 = V3Api(emu)
    response = v3.post(user_username="Late Save", number="240")
    assert (response.status_code, v3.errors(response)) == (
        400,
        ["Request timeout or worker not responding"],
    )
    assert not emu.query("SELECT 1 FROM m_Extensions WHERE number = '240'")
    time.sleep(1.2)
    assert emu.query("SELECT 1 FROM m_Extensions WHERE number = '240'")
    stats = emu.stats()
    assert stats["worker_timeouts"] == 1
    assert [entry["reason"] for entry in stats["unconfirmed"]] == ["worker_timeout"]


@pytest.mark.parametrize(
    ("option", "status", "saved"),
    [("--fault-500-before-rate", 500, False), ("--fault-500-after-rate", 500, True),
     ("--fault-locked-rate", 422, False), ("--fault-html-rate", 200, True)],
    ids=["500-before", "500-after", "locked", "html"],
)  # fmt: skip
def test_faults_on_create(emulator_factory, option: str, status: int, saved: bool) -> None:
    emu = emulator_factory("--no-model", "--fault-actions", "saveRecord", option, "1")
    v3 = V3Api(emu)
    response = v3.post(user_username="Faulty", number="250")
    assert response.status_code == status
    if option == "--fault-html-rate":
        assert response.text == HTML_PAGE
    elif status == 500:
        assert (response.json()["messages"]["error"], response.json()["data"]) == (SERVER_ERROR, [])
    else:
        (error,) = v3.errors(response)
        assert error == "SQLSTATE[HY000]: General error: 5 database is locked"
        assert response.json()["function"] == "create"
    assert bool(emu.query("SELECT 1 FROM m_Extensions WHERE number = '250'")) is saved


def test_faults_on_get_default(emulator_factory) -> None:
    emu = emulator_factory("--no-model", "--fault-actions", "getRecord",
                           "--fault-500-before-rate", "1")  # fmt: skip
    v3 = V3Api(emu)
    assert v3.call("GET", "employees:getDefault").status_code == 500
    assert v3.call("POST", "employees", json={}).status_code == 422  # saves are not faulted
    assert emu.stats()["faults"]["http500_before"] == 1


def test_dropped_answer(emulator_factory) -> None:
    emu = emulator_factory("--no-model", "--fault-actions", "saveRecord", "--fault-drop-rate", "1")
    with pytest.raises(requests.ConnectionError):
        V3Api(emu).post(user_username="Dropped", number="260")
    assert emu.stats()["unconfirmed"][0]["number"] == "260"


def test_v3_only_answers_legacy_paths_with_404(emulator_factory) -> None:
    emu = emulator_factory("--no-model", "--api", "v3")
    response = Api(emu).get("getRecord")
    assert response.status_code == 404
    assert response.json()["messages"]["error"] == [
        "Endpoint not found: /pbxcore/api/extensions/getRecord"
    ]
    assert V3Api(emu).call("GET", "employees:getDefault").status_code == 200


def test_legacy_only_answers_v3_paths_like_2024(emulator_factory) -> None:
    emu = emulator_factory("--no-model", "--api", "legacy")
    response = V3Api(emu).call("GET", "employees:getDefault")
    assert (response.status_code, response.json()["errors"]) == (404, ["404 (Not Found)"])
    assert Api(emu).get("getRecord").status_code == 200
