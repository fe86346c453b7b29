"""Injected faults: each kind at rate 1, what it leaves behind, and repeatability."""

from __future__ import annotations

import json
import time

import pytest
import requests

from emulator.faults import HTML_PAGE
from tests.emulator.client import Api

ERROR_500 = ["500 (Internal Server Error) "]
SAVE_ONLY = ("--no-model", "--fault-actions", "saveRecord")


def start(factory, *args: str) -> Api:
    return Api(factory(*SAVE_ONLY, *args))


def employee_rows(api: Api, number: str) -> list:
    return api.emu.query("SELECT id FROM m_Extensions WHERE number = ?", (number,))


def unconfirmed(api: Api, number: str, reason: str) -> dict:
    ext_id = str(employee_rows(api, number)[0][0])
    return {"id": ext_id, "number": number, "mobile": "79260000500", "reason": reason}


def post_save(api: Api, number: str = "500") -> requests.Response:
    data = {**api.template(), "number": number, "mobile_number": "79260000500"}
    return api.post("saveRecord", **data)


def test_500_before_the_save(emulator_factory) -> None:
    api = start(emulator_factory, "--fault-500-before-rate", "1")
    response = post_save(api)
    assert (response.status_code, response.json()["errors"]) == (500, ERROR_500)
    assert not employee_rows(api, "500")
    stats = api.emu.stats()
    assert (stats["faults"]["http500_before"], stats["employees_created"]) == (1, 0)


def test_500_after_the_save(emulator_factory) -> None:
    api = start(emulator_factory, "--fault-500-after-rate", "1")
    response = post_save(api)
    assert (response.status_code, response.json()["errors"]) == (500, ERROR_500)
    assert employee_rows(api, "500")
    stats = api.emu.stats()
    assert (stats["faults"]["http500_after"], stats["employees_created"]) == (1, 1)
    assert stats["unconfirmed"] == [unconfirmed(api, "500", "http500_after")]


def test_database_is_locked(emulator_factory) -> None:
    api = start(emulator_factory, "--fault-locked-rate", "1")
    body = post_save(api).json()
    assert (body["result"], body["data"], body["function"]) == (False, [], "")
    (message,) = body["messages"]["error"]
    assert message.startswith(
        "PDOException: SQLSTATE[HY000]: General error: 5 database is locked in file "
    )
    assert not employee_rows(api, "500")
    assert api.emu.stats()["faults"]["locked"] == 1


def test_html_page(emulator_factory) -> None:
    api = start(emulator_factory, "--fault-html-rate", "1")
    response = post_save(api)
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/html")
    assert response.text == HTML_PAGE
    with pytest.raises(ValueError):
        response.json()
    assert api.emu.stats()["unconfirmed"] == [unconfirmed(api, "500", "html")]


def test_truncated_json(emulator_factory) -> None:
    api = start(emulator_factory, "--fault-truncated-rate", "1")
    response = post_save(api)
    assert response.status_code == 200
    assert response.text.startswith('{"jsonapi":{"version":"1.0"},"result":true')
    with pytest.raises(ValueError):
        json.loads(response.text)
    assert api.emu.stats()["faults"]["truncated"] == 1
    assert employee_rows(api, "500")


def test_json_that_is_not_an_object(emulator_factory) -> None:
    api = start(emulator_factory, "--fault-non-object-rate", "1")
    response = post_save(api)
    assert (response.status_code, response.json()) == (200, [])
    assert api.emu.stats()["unconfirmed"] == [unconfirmed(api, "500", "non_object")]


def test_dropped_connection(emulator_factory) -> None:
    api = start(emulator_factory, "--fault-drop-rate", "1")
    with pytest.raises(requests.ConnectionError):
        post_save(api)
    assert api.emu.stats()["unconfirmed"] == [unconfirmed(api, "500", "drop")]
    assert api.template()["number"]  # the server still answers other requests


def test_slow_answer(emulator_factory) -> None:
    api = start(emulator_factory, "--fault-slow-rate", "1", "--fault-slow-ms", "300")
    started = time.perf_counter()
    assert post_save(api).json()["result"] is True
    assert time.perf_counter() - started >= 0.3
    assert api.emu.stats()["faults"]["slow"] == 1


def test_faults_hit_get_record_by_default(emulator_factory) -> None:
    api = Api(emulator_factory("--no-model", "--fault-non-object-rate", "1"))
    assert api.get("getRecord").json() == []


def test_save_only_faults_spare_get_record(emulator_factory) -> None:
    api = Api(emulator_factory("--no-model", "--fault-locked-rate", "1"))
    assert api.get("getRecord").json()["result"] is True
    assert api.emu.stats()["faults"]["locked"] == 0


def test_other_actions_are_never_faulted(emulator_factory) -> None:
    api = Api(emulator_factory("--no-model", "--fault-500-before-rate", "1"))
    assert api.get("available", number="555").status_code == 200
    assert api.emu.stats()["faults"]["http500_before"] == 0


MIXED = (
    "--no-model",
    "--fault-actions", "saveRecord",
    "--fault-500-before-rate", "0.2",
    "--fault-html-rate", "0.2",
    "--fault-non-object-rate", "0.2",
)  # fmt: skip


def outcomes(api: Api, count: int) -> list[str]:
    """The kind of answer each of `count` sequential saves got."""
    kinds = []
    for n in range(count):
        response = api.post("saveRecord", **{**api.template(), "number": str(600 + n)})
        kinds.append(
            f"{response.status_code} {response.headers['Content-Type']} {response.text[:2]}"
        )
    return kinds


def test_one_seed_repeats_the_fault_sequence(emulator_factory) -> None:
    first = outcomes(Api(emulator_factory(*MIXED, "--fault-seed", "7")), 30)
    again = outcomes(Api(emulator_factory(*MIXED, "--fault-seed", "7")), 30)
    other = outcomes(Api(emulator_factory(*MIXED, "--fault-seed", "8")), 30)
    assert first == again
    assert first != other
    assert len(set(first)) == 4  # all three faults and clean answers occurred
