"""v3 authentication: JWT login and refresh, API keys, and who needs neither.

A request passes when its endpoint is public (auth:login, auth:refresh), or it
carries `Authorization: Bearer <token>` with a valid JWT or API key, or it comes
from loopback without any token. A bad token is refused even from loopback.
Failed logins count per client address in fixed 5-minute windows; after 10, every
login call gets 429 until the window ends. Refresh calls are limited to 100.
"""

from __future__ import annotations

import hmac
import secrets
import time
from collections import Counter
from typing import Any

from flask import Request

from emulator.actions import Outcome
from emulator.config import EmulatorConfig
from emulator.envelope import ApiResult
from emulator.jwt_tokens import TokenSigner
from emulator.v3_envelope import LIB

PUBLIC = frozenset({"auth:login", "auth:refresh"})
LOOPBACK = frozenset({"127.0.0.1", "::1"})
WINDOW_S = 300
MAX_FAILED_LOGINS = 10
MAX_REFRESHES = 100
REFRESH_TTL_S = 30 * 24 * 3600
HOME_PAGE = "/admin-cabinet/extensions/index"
# The PBX's translator fills %name% placeholders; this text has {interval}, left as is.
TOO_MANY = "Too many login attempts. Please try again in {interval} seconds."


class Auth:
    def __init__(self, config: EmulatorConfig) -> None:
        self.config = config
        self.signer = TokenSigner(config.v3.jwt_ttl_s, config.v3.jwt_leeway_s)
        self._keys = tuple(key.encode() for key in config.v3.api_keys)
        self._refresh: dict[str, tuple[str, float]] = {}
        self._counts: Counter[tuple[str, int, str]] = Counter()
        self._epoch = time.monotonic()  # windows counted from start-up, as for legacy logins

    def allows(self, req: Request, action: str) -> bool:
        """AuthenticationMiddleware::call, in its order."""
        if action in PUBLIC:
            return True
        header = req.headers.get("Authorization")
        if header is not None and header.startswith("Bearer "):
            token = header[len("Bearer ") :]
            return self.signer.verify(token) is not None or self._is_api_key(token)
        if self.config.trust_all:
            return True
        return req.remote_addr in LOOPBACK and not self.config.require_auth

    def _is_api_key(self, token: str) -> bool:
        raw = token.encode()
        return any(hmac.compare_digest(raw, key) for key in self._keys)

    def _count(self, kind: str, address: str, step: int) -> int:
        window = int((time.monotonic() - self._epoch) // WINDOW_S)
        self._counts[(kind, window, address)] += step
        return self._counts[(kind, window, address)]

    def login(self, data: dict[str, Any], address: str, logins: Counter[str]) -> Outcome:
        res = ApiResult("login", LIB + "Auth\\LoginAction::main")
        if self._count("login", address, 0) >= MAX_FAILED_LOGINS:
            logins["blocked"] += 1
            return _refuse(res, 429, TOO_MANY)
        login, password = data.get("login"), data.get("password")
        if not isinstance(login, str) or not isinstance(password, str):
            return _refuse(res, 400, "Either login+password or sessionToken must be provided")
        if (login, password) != (self.config.admin_login, self.config.admin_password):
            self._count("login", address, 1)
            logins["refused"] += 1
            return _refuse(res, 401, "Invalid login or password")
        logins["accepted"] += 1
        refresh = self._new_refresh(login)
        expiry = int(time.time()) + REFRESH_TTL_S if data.get("rememberMe") is True else 0
        res.result, res.data = True, {**self._access(login), "login": login}
        res.data["_cookieData"] = {"set_refreshToken": {"value": refresh, "expiry": expiry}}
        return Outcome(res)

    def refresh(self, data: dict[str, Any], address: str, refreshes: Counter[str]) -> Outcome:
        res = ApiResult("refresh", LIB + "Auth\\RefreshAction::main")
        if self._count("refresh", address, 1) >= MAX_REFRESHES:  # the 100th is refused
            refreshes["blocked"] += 1
            return _refuse(res, 429, TOO_MANY)
        token = data.get("refreshToken")
        if not isinstance(token, str) or not token:
            refreshes["refused"] += 1
            return _refuse(res, 401, "Refresh token is missing in cookie")
        login, expires = self._refresh.get(token, ("", 0.0))
        if expires < time.time():
            self._refresh.pop(token, None)
            refreshes["refused"] += 1
            return _refuse(res, 401, "Refresh token expired or not found")
        refreshes["accepted"] += 1
        res.result, res.data = True, {**self._access(login), "homePage": HOME_PAGE}
        if self.config.v3.rotate_refresh:
            del self._refresh[token]
            value, expiry = self._new_refresh(login), int(time.time()) + REFRESH_TTL_S
            res.data["_cookieData"] = {"set_refreshToken": {"value": value, "expiry": expiry}}
        else:
            self._refresh[token] = (login, time.time() + REFRESH_TTL_S)  # touch()
        return Outcome(res)

    def _access(self, login: str) -> dict[str, Any]:
        claims = {"userId": login, "role": "admins", "language": "en"}
        token = self.signer.issue(claims)
        return {"accessToken": token, "tokenType": "Bearer", "expiresIn": self.signer.ttl_s}

    def _new_refresh(self, login: str) -> str:
        token = secrets.token_hex(32)
        self._refresh[token] = (login, time.time() + REFRESH_TTL_S)
        return token


def _refuse(res: ApiResult, status: int, message: str) -> Outcome:
    res.http_code = status
    return Outcome(res.error(message))
