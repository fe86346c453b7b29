"""The nginx rate limit of a 2026.1 PBX (unified-security.lua), per client address.

A client's window opens with its first request and lasts `window_s`; within it,
`requests + burst` requests pass. The next one is refused and the address is
blocked for `block_s`, doubled for each earlier offence (remembered for a day) up
to an hour. Blocked requests are refused without being counted. The real limiter
never limits loopback; this one limits every client, so a local run can meet it.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from emulator.config import RateLimitSettings

MAX_BLOCK_S = 3600.0
OFFENCE_MEMORY_S = 86400.0


@dataclass
class _Client:
    window_end: float = 0.0
    count: int = 0
    blocked_until: float = 0.0
    offences: int = 0
    offences_expire: float = 0.0


class RateLimiter:
    def __init__(self, settings: RateLimitSettings) -> None:
        self.settings = settings
        self._clients: dict[str, _Client] = {}
        self.blocks = 0
        """Offences so far: each started a block."""

    def allow(self, address: str) -> bool:
        """Count one request from `address`; False when it must get 429."""
        now = time.monotonic()
        client = self._clients.setdefault(address, _Client())
        if now < client.blocked_until:
            return False
        if now >= client.window_end:
            client.window_end, client.count = now + self.settings.window_s, 0
        client.count += 1
        if client.count <= self.settings.requests + self.settings.burst:
            return True
        self._block(client, now)
        return False

    def _block(self, client: _Client, now: float) -> None:
        if now >= client.offences_expire:
            client.offences = 0
        block = min(self.settings.block_s * 2**client.offences, MAX_BLOCK_S)
        client.blocked_until = now + block
        client.offences += 1
        client.offences_expire = now + OFFENCE_MEMORY_S
        self.blocks += 1
