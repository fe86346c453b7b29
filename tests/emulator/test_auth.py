"""Authentication: loopback trusted, sessions from the admin cabinet's login, login limit."""

from __future__ import annotations

import http.client

import pytest
import requests

from tests.emulator.client import Api

XHR = {"X-Requested-With": "XMLHttpRequest"}


def login(api: Api, session: requests.Session, login="admin", password="admin") -> dict:
    response = session.post(
        api.emu.url + "/admin-cabinet/session/start",
        data={"login": login, "password": password},
        headers=XHR,
    )
    assert response.status_code == 200
    return response.json()


def test_loopback_needs_no_session(shared_api: Api) -> None:
    assert shared_api.get("getRecord").status_code == 200


@pytest.fixture
def locked(emulator_factory) -> Api:
    return Api(emulator_factory("--no-model", "--require-auth", "--forbid-actions", "deleteRecord"))


def test_401_without_session(locked: Api) -> None:
    response = locked.get("getRecord")
    assert response.status_code == 401
    body = response.json()
    assert list(body) == ["jsonapi", "errors", "meta"]
    assert body["errors"] == ["The user isn't authenticated."]


def test_401_with_an_unknown_session_cookie(locked: Api) -> None:
    locked.http.cookies.set("PHPSESSID", "0123456789abcdef")
    assert locked.get("getRecord").status_code == 401


def test_login_gives_a_cookie_that_works(locked: Api) -> None:
    answer = login(locked, locked.http)
    assert answer == {"success": True, "reload": "/admin-cabinet/extensions/index", "message": []}
    assert "PHPSESSID" in locked.http.cookies
    assert locked.get("getRecord").json()["result"] is True
    assert locked.save(user_username="Via Session")["result"] is True


def test_wrong_password_counts_down(locked: Api) -> None:
    answer = login(locked, locked.http, password="nope")
    assert answer == {
        "success": False,
        "reload": False,
        "message": {"error": ["Authorization failed, you have 9 attempts left"]},
    }
    assert locked.get("getRecord").status_code == 401


def test_forbidden_action_gets_403(locked: Api) -> None:
    login(locked, locked.http)
    response = locked.post("deleteRecord", id="144")
    assert (response.status_code, response.json()["errors"]) == (403, ["The route is not allowed"])


def test_tenth_login_call_is_refused(locked: Api) -> None:
    # Every call counts, successful ones too; the call that brings the count to 10
    # finds no attempt left (countRemainAttempts returns max(10 - count, 0)).
    sessions = [requests.Session() for _ in range(11)]
    answers = [login(locked, session) for session in sessions]
    assert all(a["success"] and a["message"] == [] for a in answers[:9])
    blocked = {
        "success": True,
        "reload": "/admin-cabinet/session/index",
        "message": {
            "error": ["Too many login attempts. Your IP address is blocked for 300 seconds."]
        },
    }
    assert answers[9] == answers[10] == blocked
    # The refused calls gave no usable session; the earlier sessions still work.
    assert (
        locked.http.get(locked.base + "getRecord", cookies=sessions[9].cookies).status_code == 401
    )
    assert sessions[0].get(locked.base + "getRecord").status_code == 200
    assert locked.emu.stats()["logins"] == {"accepted": 9, "refused": 0, "blocked": 2}


def test_login_without_xhr_gets_html(locked: Api) -> None:
    response = locked.http.post(
        locked.emu.url + "/admin-cabinet/session/start",
        data={"login": "admin", "password": "admin"},
    )
    assert response.headers["Content-Type"].startswith("text/html")
    assert locked.get("getRecord").status_code == 200


def test_custom_credentials(emulator_factory) -> None:
    api = Api(
        emulator_factory(
            "--no-model", "--require-auth", "--admin-login", "root", "--admin-password", "s3cret"
        )
    )
    assert login(api, api.http)["success"] is False
    assert login(api, api.http, "root", "s3cret")["success"] is True


def test_stats_need_no_session(locked: Api) -> None:
    assert locked.emu.stats()["requests_total"] == 0


def status_from(api: Api, source: str, cookie: str = "") -> int:
    """Status of a getRecord sent from the local address `source`."""
    host, port = api.emu.url.removeprefix("http://").split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=10, source_address=(source, 0))
    try:
        headers = {"Cookie": f"PHPSESSID={cookie}"} if cookie else {}
        conn.request("GET", "/pbxcore/api/extensions/getRecord", headers=headers)
        return conn.getresponse().status
    finally:
        conn.close()


def test_only_127_0_0_1_is_trusted(emulator_factory) -> None:
    # Another loopback address is not "localhost" to the PBX: it compares REMOTE_ADDR.
    api = Api(emulator_factory("--no-model", "--host", "127.0.0.2"))
    assert status_from(api, "127.0.0.1") == 200
    assert status_from(api, "127.0.0.2") == 401
    session = requests.Session()
    login(api, session)
    assert status_from(api, "127.0.0.2", session.cookies["PHPSESSID"]) == 200


def test_no_auth_trusts_every_client(emulator_factory) -> None:
    api = Api(emulator_factory("--no-model", "--host", "127.0.0.2", "--no-auth"))
    assert status_from(api, "127.0.0.2") == 200
