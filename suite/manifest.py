"""The run manifest: what reconcile and cleanup need to know about a run, beside its ledger.

`<ledger>.run.json` holds the run id, the seed (reconcile inverts the mobile bijection
with it), the locales, the PBX's address, the API and the number range; never a secret.
It is written when the test starts, so a run that dies half-way can still be reconciled.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import asdict, dataclass
from typing import Any

import gevent

from suite.ledger import utc_now
from suite.run import current

log = logging.getLogger("employees")
SUFFIX = ".run.json"
WAIT_FOR_RUN_S = 60.0
"""A worker's run starts when the master's plan arrives, which may be after test_start."""


@dataclass(frozen=True)
class Manifest:
    run_id: str
    run_seed: int
    api: str
    host: str
    locales: list[str]
    number_range: list[int] | None
    ledger: str
    started: str


def manifest_path(ledger_path: str) -> str:
    return ledger_path + SUFFIX


def write_manifest(manifest: Manifest) -> str:
    """Write atomically, so a reader never sees half a file (workers may share a folder)."""
    path = manifest_path(manifest.ledger)
    temporary = f"{path}.{os.getpid()}.tmp"
    with open(temporary, "w", encoding="utf-8") as file:
        json.dump(asdict(manifest), file, ensure_ascii=False, indent=1)
    os.replace(temporary, path)
    return path


def read_manifest(ledger_path: str) -> Manifest | None:
    """The manifest beside a ledger, or None when there is none; ValueError when unreadable."""
    path = manifest_path(ledger_path)
    if not os.path.exists(path):
        return None
    try:
        with open(path, encoding="utf-8") as file:
            return Manifest(**json.load(file))
    except (OSError, TypeError, ValueError) as error:
        raise ValueError(f"cannot read the run manifest {path}: {error}") from None


def on_test_start(environment: Any, **_: Any) -> None:
    gevent.spawn(_write_when_ready, environment)


def _write_when_ready(environment: Any) -> None:
    """Wait for this process's run (it may start later than the event), then write its manifest."""
    for _ in range(int(WAIT_FOR_RUN_S * 10)):
        run = current(environment)
        if run is not None:
            try:
                write_manifest(manifest_of(run, environment.host or ""))
            except OSError as error:
                log.warning("cannot write the run manifest: %s", error)
            return
        gevent.sleep(0.1)


def manifest_of(run: Any, host: str) -> Manifest:
    plan = run.plan
    return Manifest(
        run_id=plan.run_id,
        run_seed=plan.run_seed,
        api=plan.api,
        host=host.rstrip("/"),
        locales=[weight.locale for weight in plan.settings.locales],
        number_range=list(plan.number_range) if plan.number_range else None,
        ledger=run.ledger.path,
        started=utc_now(),
    )
