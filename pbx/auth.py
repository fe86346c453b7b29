"""Signing in to the PBX once, for the tools and the load-test users alike.

The legacy API trusts 127.0.0.1 and wants the admin cabinet's session cookie from
anyone else: one `POST /admin-cabinet/session/start`, then `PHPSESSID` on every call.
Every login call counts toward 10 per 5 minutes per address, so a process logs in
once and shares the session. The v3 API takes `Authorization: Bearer <token>`: an API
key, or the access token its own login gives (valid 15 minutes).
Neither the password nor the key ever appears in a message.
"""

from __future__ import annotations

import argparse
import ipaddress
import os
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import requests

LOGIN_PATH = "/admin-cabinet/session/start"
V3_LOGIN_PATH = "/pbxcore/api/v3/auth:login"
SESSION_COOKIE = "PHPSESSID"
TIMEOUT_S = 15.0


class AuthError(RuntimeError):
    """The PBX refused the credentials: the message is the one line the user sees."""


@dataclass(frozen=True)
class Credentials:
    """What the user gave; empty strings for what they did not."""

    login: str = ""
    password: str = field(default="", repr=False)
    api_key: str = field(default="", repr=False)

    @property
    def has_login(self) -> bool:
        return bool(self.login or self.password)


def add_auth_arguments(parser: argparse.ArgumentParser) -> None:
    """The suite's auth options on a plain argparse parser, reading the same variables."""
    env = os.environ.get
    parser.add_argument(
        "--pbx-login",
        default=env("PBX_LOGIN", ""),
        help="admin cabinet login, for a PBX reached from another address (env PBX_LOGIN)",
    )
    parser.add_argument(
        "--pbx-password",
        default=env("PBX_PASSWORD", ""),
        help="admin cabinet password (env PBX_PASSWORD)",
    )
    parser.add_argument(
        "--api-key",
        default=env("PBX_API_KEY", ""),
        help="v3 API key, sent as Bearer (env PBX_API_KEY)",
    )


def credentials_from(options: argparse.Namespace) -> Credentials:
    return Credentials(options.pbx_login, options.pbx_password, options.api_key)


def is_loopback(host: str) -> bool:
    """True for a URL on this machine: the PBX trusts those callers without a login."""
    name = urlsplit(host).hostname or ""
    if name == "localhost":
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def sign_in(
    session: requests.Session, host: str, credentials: Credentials, api: str = "legacy"
) -> dict[str, Any]:
    """Make `session` (requests' or Locust's HttpSession) an authenticated one, logging in once.

    Returns the v3 login's data (its `expiresIn` says when the token ends), else {}.
    """
    if credentials.api_key:
        session.headers["Authorization"] = f"Bearer {credentials.api_key}"
    elif credentials.has_login and api == "v3":
        data = v3_login_data(session, host, credentials)
        session.headers["Authorization"] = f"Bearer {data['accessToken']}"
        return data
    elif credentials.has_login:
        login(session, host, credentials)
    return {}


def v3_login(session: requests.Session, host: str, credentials: Credentials) -> str:
    """`POST /pbxcore/api/v3/auth:login`: the access token (a JWT) for the Bearer header."""
    return str(v3_login_data(session, host, credentials)["accessToken"])


def v3_login_data(session: requests.Session, host: str, credentials: Credentials) -> dict:
    """The v3 login's data: `accessToken`, `tokenType`, `expiresIn`, `login`."""
    _need_both(credentials)
    url = host.rstrip("/") + V3_LOGIN_PATH
    answer = _post_json(
        session, url, {"login": credentials.login, "password": credentials.password}
    )
    data = answer.get("data") if isinstance(answer, dict) else None
    if not isinstance(data, dict) or not data.get("accessToken"):
        messages = answer.get("messages") if isinstance(answer, dict) else None
        errors = messages.get("error") if isinstance(messages, dict) else None
        why = errors[0] if errors else "no token in the answer"
        raise AuthError(f"the PBX at {host} refused the login {credentials.login!r}: {why}")
    return data


def _post_json(session: requests.Session, url: str, fields: dict[str, str]) -> Any:
    try:
        response = session.post(url, json=fields, timeout=TIMEOUT_S)
        return response.json()
    except requests.RequestException as error:
        raise AuthError(f"cannot log in at {url}: {error.__class__.__name__}") from None
    except ValueError:
        raise AuthError(f"{url} is not a MikoPBX login (HTTP {response.status_code})") from None


def _need_both(credentials: Credentials) -> None:
    if not (credentials.login and credentials.password):
        raise AuthError("give both --pbx-login and --pbx-password, or neither")


def login(session: requests.Session, host: str, credentials: Credentials) -> None:
    """The admin cabinet's login form; the session keeps the cookie it sets."""
    _need_both(credentials)
    url = host.rstrip("/") + LOGIN_PATH
    try:
        response = session.post(
            url,
            data={"login": credentials.login, "password": credentials.password},
            headers={"X-Requested-With": "XMLHttpRequest"},
            timeout=TIMEOUT_S,
        )
        answer = response.json()
    except requests.RequestException as error:
        raise AuthError(f"cannot log in at {url}: {error.__class__.__name__}") from None
    except ValueError:
        raise AuthError(f"{url} is not a MikoPBX login (HTTP {response.status_code})") from None
    errors = (answer.get("message") or {}).get("error") if isinstance(answer, dict) else None
    # A blocked address gets success:true with an error message, so both are checked.
    if not isinstance(answer, dict) or answer.get("success") is not True or errors:
        why = errors[0] if errors else "no reason given"
        raise AuthError(f"the PBX at {host} refused the login {credentials.login!r}: {why}")


def auth_headers(session: requests.Session) -> dict[str, str]:
    """The headers that carry `session`'s authentication, for clients that are not requests."""
    headers = {}
    if "Authorization" in session.headers:
        headers["Authorization"] = str(session.headers["Authorization"])
    cookie = session.cookies.get(SESSION_COOKIE)
    if cookie:
        headers["Cookie"] = f"{SESSION_COOKIE}={cookie}"
    return headers
