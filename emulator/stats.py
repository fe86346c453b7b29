"""What the emulator did, served at GET /emulator/stats (never faulted or rate-limited)."""

from __future__ import annotations

from collections import Counter
from typing import Any

from flask import Blueprint, current_app, jsonify

from emulator.config import FAULT_KINDS


class Stats:
    def __init__(self) -> None:
        # The two calls of a legacy and of a v3 employee creation are always listed.
        names = ("getRecord", "saveRecord", "employees:getDefault", "employees.create")
        self.requests: Counter[str] = Counter(dict.fromkeys(names, 0))
        self.faults: Counter[str] = Counter({kind: 0 for kind in (*FAULT_KINDS, "slow")})
        self.worker_timeouts = 0
        self.employees_created = 0
        self.unconfirmed: list[dict[str, Any]] = []
        self.logins: Counter[str] = Counter({"accepted": 0, "refused": 0, "blocked": 0})
        self.jwt_logins: Counter[str] = Counter({"accepted": 0, "refused": 0, "blocked": 0})
        self.token_refreshes: Counter[str] = Counter({"accepted": 0, "refused": 0, "blocked": 0})
        self.unauthorized = 0
        """v3 requests answered 401."""
        self.queue_full = 0
        """v3 requests answered 503: too many jobs were waiting for a worker."""
        self.rate_limited = 0
        """Requests answered 429 by the nginx limiter."""
        self.rate_limit_blocks = 0

    def created(self, ext_id: int | None, number: str, mobile: str, confirmed: str | None) -> None:
        """Count a committed new employee; `confirmed` is None or why the client never knew."""
        self.employees_created += 1
        if confirmed is not None:
            entry = {"id": str(ext_id), "number": number, "mobile": mobile, "reason": confirmed}
            self.unconfirmed.append(entry)

    def snapshot(self) -> dict[str, Any]:
        return {
            "requests": dict(self.requests),
            "requests_total": sum(self.requests.values()),
            "employees_created": self.employees_created,
            "faults": dict(self.faults),
            "worker_timeouts": self.worker_timeouts,
            "unconfirmed": list(self.unconfirmed),
            "logins": dict(self.logins),
            "jwt_logins": dict(self.jwt_logins),
            "token_refreshes": dict(self.token_refreshes),
            "unauthorized": self.unauthorized,
            "queue_full": self.queue_full,
            "rate_limited": self.rate_limited,
            "rate_limit_blocks": self.rate_limit_blocks,
        }


bp = Blueprint("stats", __name__, url_prefix="/emulator")


@bp.get("/stats")
def stats() -> Any:
    return jsonify(current_app.extensions["emulator"].stats.snapshot())
