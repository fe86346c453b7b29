"""The PBX login of this process: made once, shared by every user, renewed before it expires.

The PBX counts every login call toward a ban (10 per 5 minutes per address), so a
process signs in once, at most, and its users send the same cookie or token. A v3
access token lives 15 minutes: it is refreshed with the refresh cookie before it ends,
by one greenlet while the others wait for it.
"""

from __future__ import annotations

import time
import weakref
from typing import Any

import gevent.lock
import requests

from pbx.auth import AuthError, Credentials, auth_headers, sign_in

REFRESH_PATH = "/pbxcore/api/v3/auth:refresh"
TIMEOUT_S = 15.0


class PbxSession:
    """The requests.Session that signed in, and the headers users copy from it."""

    def __init__(self, host: str, api: str, credentials: Credentials) -> None:
        self.host, self.api, self.credentials = host, api, credentials
        self.http = requests.Session()
        self._lock = gevent.lock.Semaphore()
        self._renew_at: float | None = None
        """Monotonic time to refresh the access token at; None when nothing expires."""
        self._headers: dict[str, str] = {}
        self._failure: AuthError | None = None

    def sign_in(self) -> None:
        """Log in once; a refused login is kept and raised again, never retried."""
        if self._failure is not None:
            raise self._failure
        try:
            answer = sign_in(self.http, self.host, self.credentials, self.api)
        except AuthError as error:
            self._failure = error
            raise
        self._headers = auth_headers(self.http)
        self._schedule(answer)

    def headers(self) -> dict[str, str]:
        """The authentication headers for a request now, refreshing a token about to end."""
        if self._renew_at is not None and time.monotonic() >= self._renew_at:
            with self._lock:
                if time.monotonic() >= self._renew_at:
                    self._refresh()
        return self._headers

    def _refresh(self) -> None:
        response = self.http.post(self.host + REFRESH_PATH, timeout=TIMEOUT_S)
        data = _data(response)
        if response.status_code != 200 or not data.get("accessToken"):
            self.sign_in()  # the refresh token is gone: one new login, then on as before
            return
        self.http.headers["Authorization"] = f"Bearer {data['accessToken']}"
        self._headers = auth_headers(self.http)
        self._schedule(data)

    def _schedule(self, data: Any) -> None:
        lifetime = data.get("expiresIn") if isinstance(data, dict) else None
        if not isinstance(lifetime, (int, float)) or lifetime <= 0:
            self._renew_at = None
            return
        # A quarter of the lifetime ahead, at most a minute: a 15-minute token at 14 minutes.
        self._renew_at = time.monotonic() + lifetime - min(60.0, lifetime / 4)


def _data(response: requests.Response) -> dict[str, Any]:
    try:
        body = response.json()
    except ValueError:
        return {}
    data = body.get("data") if isinstance(body, dict) else None
    return data if isinstance(data, dict) else {}


_sessions: weakref.WeakKeyDictionary[Any, PbxSession] = weakref.WeakKeyDictionary()


def session_for(environment: Any, api: str, credentials: Credentials) -> PbxSession:
    """This process's session with the PBX for `api`, signing in on first use only."""
    host = environment.host.rstrip("/")
    session = _sessions.get(environment)
    if session is None or (session.host, session.api, session.credentials) != (
        host,
        api,
        credentials,
    ):
        session = PbxSession(host, api, credentials)
        _sessions[environment] = session
        if credentials.api_key or credentials.has_login:
            session.sign_in()  # from 127.0.0.1 the PBX needs none
    return session
