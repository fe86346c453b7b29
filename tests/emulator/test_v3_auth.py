"""v3 authentication: loopback, JWT login, expiry and refresh, API keys, the login limit."""

from __future__ import annotations

import http.client
import time

import pytest
import requests

from emulator.process import EmulatorProcess, EmulatorStartError
from tests.emulator.client import Api
from tests.emulator.v3_client import LIB, V3Api

KEY = "0123456789abcdef" * 4
UNAUTHENTICATED = ["The user isn't authenticated."]
TOO_MANY = ["Too many login attempts. Please try again in {interval} seconds."]


@pytest.fixture
def locked(emulator_factory) -> V3Api:
    """An emulator that wants a token even from loopback, with one API key."""
    return V3Api(emulator_factory("--no-model", "--require-auth", "--api-key", KEY))


def test_loopback_needs_no_token(shared_api: Api) -> None:
    assert V3Api(shared_api.emu).call("GET", "employees:getDefault").status_code == 200


def test_401_shape(locked: V3Api) -> None:
    response = locked.call("GET", "employees:getDefault")
    body = response.json()
    assert response.status_code == 401
    assert list(body) == ["result", "data", "messages", "function", "processor", "pid", "meta"]
    assert (body["result"], body["data"], body["messages"]["error"]) == (False, [], UNAUTHENTICATED)
    assert locked.emu.stats()["unauthorized"] == 1


@pytest.mark.parametrize("as_json", [True, False], ids=["json", "form"])
def test_login_gives_a_working_token_and_a_cookie(locked: V3Api, as_json: bool) -> None:
    credentials = {"login": "admin", "password": "admin"}
    sent = {"json": credentials} if as_json else {"data": credentials}
    response = locked.call("POST", "auth:login", **sent)
    body = response.json()
    assert (response.status_code, body["function"]) == (200, "login")
    assert body["processor"] == LIB + "Auth\\LoginAction::main"
    data = body["data"]
    assert list(data) == ["accessToken", "tokenType", "expiresIn", "login"]
    assert (data["tokenType"], data["expiresIn"], data["login"]) == ("Bearer", 900, "admin")
    cookie = response.headers["Set-Cookie"]
    assert cookie.startswith("refreshToken=") and "HttpOnly" in cookie
    assert "SameSite=Strict" in cookie and "Path=/" in cookie and "Expires" not in cookie
    token = V3Api(locked.emu, data["accessToken"])
    assert token.call("GET", "employees:getDefault").status_code == 200
    assert token.create(user_username="By Token", number="230")["number"] == "230"


def test_remember_me_keeps_the_cookie_30_days(locked: V3Api) -> None:
    body = {"login": "admin", "password": "admin", "rememberMe": True}
    cookie = locked.call("POST", "auth:login", json=body).headers["Set-Cookie"]
    expires = next(part for part in cookie.split("; ") if part.startswith("Expires="))
    days = time.mktime(time.strptime(expires[8:], "%a, %d %b %Y %H:%M:%S GMT")) - time.time()
    assert 29.9 < (days - time.timezone) / 86400 < 30.1


@pytest.mark.parametrize(
    ("body", "status", "error"),
    [
        ({"login": "admin", "password": "wrong"}, 401, "Invalid login or password"),
        ({"login": "root", "password": "admin"}, 401, "Invalid login or password"),
        ({"login": "admin"}, 400, "Either login+password or sessionToken must be provided"),
    ],
    ids=["wrong-password", "wrong-login", "no-password"],
)
def test_login_refusals(locked: V3Api, body: dict, status: int, error: str) -> None:
    response = locked.call("POST", "auth:login", json=body)
    assert (response.status_code, locked.errors(response)) == (status, [error])
    assert response.json()["httpCode"] == status
    assert "Set-Cookie" not in response.headers


@pytest.mark.parametrize(
    "header",
    ["Bearer not-a-token", f"Bearer {KEY[:-1]}x", "Bearer a.b.c"],
    ids=["garbage", "wrong-key", "forged-jwt"],
)
def test_a_bad_bearer_is_refused_even_from_loopback(shared_api: Api, header: str) -> None:
    response = V3Api(shared_api.emu).call(
        "GET", "employees:getDefault", headers={"Authorization": header}
    )
    assert (response.status_code, response.json()["messages"]["error"]) == (401, UNAUTHENTICATED)


def test_api_key_is_a_bearer_token(locked: V3Api) -> None:
    assert V3Api(locked.emu, KEY).call("GET", "employees:getDefault").status_code == 200
    assert V3Api(locked.emu, KEY.upper()).call("GET", "employees:getDefault").status_code == 401


def test_a_malformed_api_key_stops_the_start() -> None:
    with pytest.raises(EmulatorStartError, match="64 hexadecimal characters"):
        EmulatorProcess.start("--api-key", "short")


def test_expiry_leeway_and_refresh(emulator_factory) -> None:
    strict = V3Api(emulator_factory("--no-model", "--require-auth", "--jwt-ttl-s", "1",
                                    "--jwt-leeway-s", "0"))  # fmt: skip
    lenient = V3Api(emulator_factory("--no-model", "--require-auth", "--jwt-ttl-s", "1"))
    tokens = [api.login().json()["data"]["accessToken"] for api in (strict, lenient)]
    time.sleep(2.1)
    headers = [{"Authorization": f"Bearer {token}"} for token in tokens]
    assert strict.call("GET", "employees:getDefault", headers=headers[0]).status_code == 401
    # The PBX accepts a token for 600 s after it expired (clock skew).
    assert lenient.call("GET", "employees:getDefault", headers=headers[1]).status_code == 200
    refreshed = strict.call("POST", "auth:refresh")
    data = refreshed.json()["data"]
    assert list(data) == ["accessToken", "tokenType", "expiresIn", "homePage"]
    assert "Set-Cookie" not in refreshed.headers  # 2026.1.223 keeps the refresh token
    fresh = {"Authorization": f"Bearer {data['accessToken']}"}
    assert strict.call("GET", "employees:getDefault", headers=fresh).status_code == 200
    assert strict.call("POST", "auth:refresh").status_code == 200
    assert strict.emu.stats()["token_refreshes"] == {"accepted": 2, "refused": 0, "blocked": 0}


def test_rotated_refresh_token(emulator_factory) -> None:
    api = V3Api(emulator_factory("--no-model", "--require-auth", "--rotate-refresh"))
    api.login()
    old = api.http.cookies["refreshToken"]
    response = api.call("POST", "auth:refresh")
    assert response.status_code == 200 and "HttpOnly" in response.headers["Set-Cookie"]
    assert api.http.cookies["refreshToken"] != old
    reused = requests.post(api.base + "auth:refresh", cookies={"refreshToken": old}, timeout=10)
    assert (reused.status_code, reused.json()["messages"]["error"]) == (
        401,
        ["Refresh token expired or not found"],
    )


def test_refresh_without_cookie(locked: V3Api) -> None:
    response = locked.call("POST", "auth:refresh")
    assert (response.status_code, locked.errors(response)) == (
        401,
        ["Refresh token is missing in cookie"],
    )


def test_eleventh_login_after_ten_failures_is_429(locked: V3Api) -> None:
    # Only failures count; once there are 10, even the right password gets 429.
    assert locked.login().status_code == 200
    statuses = [locked.login(password="nope").status_code for _ in range(10)]
    assert statuses == [401] * 10
    blocked = locked.login()
    assert (blocked.status_code, locked.errors(blocked)) == (429, TOO_MANY)
    assert blocked.json()["httpCode"] == 429
    assert locked.emu.stats()["jwt_logins"] == {"accepted": 1, "refused": 10, "blocked": 1}


def test_legacy_session_does_not_open_v3(locked: V3Api) -> None:
    legacy = Api(locked.emu)
    legacy.http.post(locked.emu.url + "/admin-cabinet/session/start",
                     data={"login": "admin", "password": "admin"})  # fmt: skip
    assert legacy.get("getRecord").status_code == 200
    response = legacy.http.get(locked.base + "employees:getDefault")
    assert response.status_code == 401


def status_from(emu: EmulatorProcess, source: str, token: str = "") -> int:
    """Status of a getDefault sent from the local address `source`."""
    host, port = emu.url.removeprefix("http://").split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=10, source_address=(source, 0))
    try:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        conn.request("GET", "/pbxcore/api/v3/employees:getDefault", headers=headers)
        return conn.getresponse().status
    finally:
        conn.close()


def test_other_addresses_need_a_token(emulator_factory) -> None:
    emu = emulator_factory("--no-model", "--host", "127.0.0.2")
    token = V3Api(emu).login().json()["data"]["accessToken"]
    assert status_from(emu, "127.0.0.1") == 200
    assert status_from(emu, "127.0.0.2") == 401
    assert status_from(emu, "127.0.0.2", token) == 200
    trusting = emulator_factory("--no-model", "--host", "127.0.0.2", "--no-auth")
    assert status_from(trusting, "127.0.0.2") == 200
