"""Settings of one emulator instance: plain dataclasses, filled by the CLI or by tests."""

from __future__ import annotations

from dataclasses import dataclass, field

FAULT_KINDS = (
    "http500_before",
    "http500_after",
    "locked",
    "html",
    "truncated",
    "non_object",
    "drop",
)
"""Outcome faults, mutually exclusive per request; `slow` is drawn separately and combines."""

SAVE_ONLY_FAULTS = frozenset({"http500_after", "locked"})
"""Faults that only make sense for a request that writes."""


@dataclass
class ModelSettings:
    """The PBX latency model: a fixed pool of backend workers and per-action service times."""

    workers: int = 4
    """Backend workers (MikoPBX's WorkerApiCommands runs 4): more concurrent requests queue."""
    get_ms: float = 5.0
    """Service time of read actions (getRecord, getForSelect, available)."""
    save_ms: float = 80.0
    """Service time of write actions (saveRecord, deleteRecord)."""
    jitter: float = 0.2
    """Each service time is scaled by a uniform factor in [1 - jitter, 1 + jitter]."""
    timeout_s: float = 10.0
    """The REST layer waits this long for a worker, then answers 500; the job still runs."""
    seed: int = 0
    """Seed of the jitter, so a run's latencies repeat."""


@dataclass
class FaultSettings:
    """Injected faults: a rate in 0..1 for each kind, drawn from one seeded generator."""

    rates: dict[str, float] = field(default_factory=dict)
    """Rate per kind of FAULT_KINDS; missing kinds are 0."""
    slow_rate: float = 0.0
    """Share of requests answered `slow_ms` later than the model would answer them."""
    slow_ms: float = 2000.0
    seed: int = 0
    actions: frozenset[str] = frozenset({"saveRecord", "getRecord"})
    """Actions the faults apply to; save-only faults never hit getRecord."""

    def any_enabled(self) -> bool:
        return self.slow_rate > 0 or any(rate > 0 for rate in self.rates.values())


@dataclass
class RateLimitSettings:
    """The nginx limiter of a 2026.1 PBX (unified-security.lua), per client address."""

    requests: int = 180
    """Requests per window before the burst allowance is used up."""
    burst: int = 20
    window_s: float = 60.0
    """The window starts at a client's first request and is not sliding."""
    block_s: float = 300.0
    """First block; each further offence doubles it, up to MAX_BLOCK_S."""


@dataclass
class V3Settings:
    """The v3 API of 2026.1: its auth, its worker queue and the nginx rate limit."""

    api: str = "both"
    """Which surfaces answer: "legacy", "v3" or "both"."""
    jwt_ttl_s: int = 900
    """Lifetime of an access token (expiresIn)."""
    jwt_leeway_s: int = 600
    """JWTHelper::LEEWAY: a token is still accepted this long after it expired."""
    api_keys: tuple[str, ...] = ()
    """API keys (64 hex characters) accepted as Bearer tokens."""
    rotate_refresh: bool = False
    """auth:refresh issues a new refresh cookie (2026.1 builds before .223 did)."""
    worker_timeout_s: float = 30.0
    """v3 waits at least 30 s for a worker, then answers 400 (legacy: 500 after 10 s)."""
    queue_max: int = 50
    """APIQueueMaxLength: a request finding more jobs waiting than this gets 503."""
    rate_limit: RateLimitSettings | None = None
    """None: limiter off, as on staging PBXes with PBX_RATE_LIMIT_ENABLED='0'."""


@dataclass
class EmulatorConfig:
    """Everything create_app needs; defaults are those of a fresh MikoPBX 2024.1."""

    database: str = ""
    """Path of the SQLite file; created and seeded when it has no tables yet."""
    extension_length: int = 3
    """PBXInternalExtensionLength: internal numbers go up to 10**length - 1."""
    pbx_version: str = "2024.1"
    demo: bool = True
    """Seed the three demo employees (201-203) a fresh PBX ships with."""
    require_auth: bool = False
    """Require a session even from 127.0.0.1 (the real PBX trusts loopback)."""
    trust_all: bool = False
    """Trust every client as the PBX trusts 127.0.0.1 (an emulator in a container)."""
    admin_login: str = "admin"
    admin_password: str = "admin"
    forbidden_actions: frozenset[str] = frozenset()
    """Actions a logged-in session may not call (403), like a role without those rights."""
    model: ModelSettings | None = field(default_factory=ModelSettings)
    """None turns the latency model off: requests run inline, as fast as possible."""
    faults: FaultSettings = field(default_factory=FaultSettings)
    v3: V3Settings = field(default_factory=V3Settings)
