"""Access tokens: HS256 JWTs as MikoPBX's JWTHelper makes and checks them.

The secret is random per emulator process, so tokens do not outlive it. A token is
refused when its signature is wrong, or more than `leeway` seconds past `exp`
(the PBX allows 600 s for clock skew), or `leeway` seconds before `nbf`.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import time
from typing import Any

_HEADER = {"typ": "JWT", "alg": "HS256"}


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


class TokenSigner:
    def __init__(self, ttl_s: int, leeway_s: int) -> None:
        self.ttl_s = ttl_s
        self.leeway_s = leeway_s
        self._secret = secrets.token_bytes(32)

    def issue(self, claims: dict[str, Any]) -> str:
        now = int(time.time())
        payload = {**claims, "iat": now, "exp": now + self.ttl_s, "nbf": now}
        head = _b64(json.dumps(_HEADER, separators=(",", ":")).encode())
        body = _b64(json.dumps(payload, separators=(",", ":")).encode())
        return f"{head}.{body}.{self._sign(head, body)}"

    def verify(self, token: str) -> dict[str, Any] | None:
        """The token's claims, or None when it is not a valid, current token of ours."""
        parts = token.split(".")
        if len(parts) != 3:
            return None
        head, body, signature = parts
        if not hmac.compare_digest(self._sign(head, body), signature):
            return None
        try:
            payload = json.loads(_unb64(body))
        except ValueError:
            return None
        if not isinstance(payload, dict):
            return None
        return payload if self._current(payload, int(time.time())) else None

    def _current(self, payload: dict[str, Any], now: int) -> bool:
        exp, nbf = payload.get("exp"), payload.get("nbf")
        if isinstance(exp, int) and exp + self.leeway_s < now:
            return False
        return not (isinstance(nbf, int) and nbf - self.leeway_s > now)

    def _sign(self, head: str, body: str) -> str:
        digest = hmac.new(self._secret, f"{head}.{body}".encode(), hashlib.sha256).digest()
        return _b64(digest)
