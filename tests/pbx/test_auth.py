"""Signing in once: a session for requests-based clients, headers for any other client."""

from __future__ import annotations

import pytest
import requests

from pbx import legacy
from pbx.auth import AuthError, Credentials, auth_headers, is_loopback, sign_in


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("http://127.0.0.1:8081", True),
        ("http://127.8.0.2", True),
        ("http://localhost:80", True),
        ("http://[::1]:8081", True),
        ("http://pbx.example:8081", False),
        ("https://10.0.0.5", False),
    ],
)
def test_loopback_hosts(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


def test_secrets_stay_out_of_the_repr() -> None:
    text = repr(Credentials("admin", "s3cret", "k3y"))
    assert "admin" in text and "s3cret" not in text and "k3y" not in text


def test_one_login_serves_a_session_and_plain_headers(emulator_factory) -> None:
    emulator = emulator_factory("--no-model", "--require-auth")
    url = emulator.url + legacy.TEMPLATE_PATH
    assert requests.get(url, timeout=10).status_code == 401
    with requests.Session() as session:
        sign_in(session, emulator.url, Credentials("admin", "admin"))
        assert session.get(url, timeout=10).status_code == 200
        headers = auth_headers(session)
    assert set(headers) == {"Cookie"}
    assert requests.get(url, headers=headers, timeout=10).status_code == 200
    assert emulator.stats()["logins"]["accepted"] == 1


def test_an_api_key_is_a_bearer_header() -> None:
    with requests.Session() as session:
        sign_in(session, "http://127.0.0.1:9", Credentials(api_key="ab" * 32), api="v3")
        assert auth_headers(session) == {"Authorization": "Bearer " + "ab" * 32}


def test_half_a_login_is_refused() -> None:
    with requests.Session() as session, pytest.raises(AuthError, match="give both"):
        sign_in(session, "http://127.0.0.1:9", Credentials(login="admin"))
