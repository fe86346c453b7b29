"""A v3 request from the REST layer to a backend worker and back, with the PBX model.

The REST layer refuses work (503) when more jobs wait for a worker than the queue
allows, waits for the worker (400 after the v3 timeout; the job still runs), and
sends the worker's result. Faults map onto v3 like this: a create draws as
saveRecord, getDefault as getRecord; 500-before and 500-after answer HTTP 500 in
the v3 error shape, `locked` is the create's own 422, the rest act as on legacy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import gevent
from flask import Response, request

from emulator.actions import Outcome
from emulator.envelope import ApiResult
from emulator.faults import LOCKED, NO_FAULT, Draw, garble
from emulator.legacy_api import DROP
from emulator.stats import Stats
from emulator.v3_envelope import (
    QUEUE_FULL,
    TIMEOUT,
    payload_error,
    result_body,
    result_response,
)
from emulator.v3_saves import SAVE

if TYPE_CHECKING:
    from collections.abc import Callable

    from emulator.app import Services

FAULT_NAMES = {"employees.create": "saveRecord", "employees:getDefault": "getRecord"}
"""v3 actions that faults apply to, by the legacy action whose --fault-actions name they use."""
SERVER_ERROR = "500 (Internal Server Error)"


def serve(services: Services, action: str, job: Callable[[], Outcome]) -> Response:
    stats: Stats = services.stats
    stats.requests[action] += 1
    model = services.model
    if model is not None and model.waiting > services.config.v3.queue_max:
        stats.queue_full += 1
        return payload_error(503, QUEUE_FULL)
    draw = _draw(services, action)
    if draw.kind == "http500_before":
        return _delayed(services, draw, payload_error(500, SERVER_ERROR))
    if draw.kind == "locked":
        job = _locked
    outcome = _run(services, action, job)
    if outcome is None:
        return _delayed(services, draw, payload_error(400, TIMEOUT))
    _count_created(stats, outcome, draw.kind)
    return _delayed(services, draw, _answer(draw, outcome))


def _draw(services: Services, action: str) -> Draw:
    name = FAULT_NAMES.get(action)
    if name is None:
        return NO_FAULT
    draw = services.faults.draw(name)
    if draw.kind:
        services.stats.faults[draw.kind] += 1
    if draw.slow:
        services.stats.faults["slow"] += 1
    return draw


def _locked() -> Outcome:
    """A create whose transaction met 'database is locked': the exception's text, 422."""
    return Outcome(ApiResult("create", SAVE).error(LOCKED))


def _run(services: Services, action: str, job: Callable[[], Outcome]) -> Outcome | None:
    model = services.model
    if model is None:
        begin = getattr(job, "begin", None)
        if begin is not None:
            begin()
        return job()

    def late(outcome: Outcome) -> None:
        _count_created(services.stats, outcome, "worker_timeout")

    outcome = model.run(action, job, late, services.config.v3.worker_timeout_s)
    if outcome is None:
        services.stats.worker_timeouts += 1
    return outcome


def _count_created(stats: Stats, outcome: Outcome, unconfirmed: str | None) -> None:
    for saved in outcome.saves():
        if saved.created:
            stats.created(saved.ext_id, saved.number, saved.mobile, unconfirmed)


def _answer(draw: Draw, outcome: Outcome) -> Response:
    if draw.kind == "http500_after":
        return payload_error(500, SERVER_ERROR)
    if draw.kind == "drop":
        request.environ[DROP] = True
        return Response(b"")
    cookie = _pop_cookie(outcome.result)
    if draw.kind in ("html", "truncated", "non_object"):
        return garble(draw.kind, result_body(outcome.result))
    response = result_response(outcome.result)
    if cookie is not None:
        _set_cookie(response, cookie)
    return response


def _pop_cookie(res: ApiResult) -> dict[str, Any] | None:
    """The auth actions hand the refresh cookie to the controller inside their data."""
    if not isinstance(res.data, dict) or "_cookieData" not in res.data:
        return None
    return res.data.pop("_cookieData").get("set_refreshToken")


def _set_cookie(response: Response, cookie: dict[str, Any]) -> None:
    expiry = cookie["expiry"] or None  # 0: a session cookie
    response.set_cookie(
        "refreshToken",
        cookie["value"],
        expires=expiry,
        path="/",
        secure=request.is_secure,
        httponly=True,
        samesite="Strict",
    )


def _delayed(services: Services, draw: Draw, response: Response) -> Response:
    if draw.slow:
        gevent.sleep(services.faults.settings.slow_ms / 1000)
    return response
