"""The legacy REST surface: /pbxcore/api/extensions/<action> (releases 2023.2 - 2024.x).

A request is parsed the way PHP fills $_GET/$_POST, checked like the REST
middleware checks it, then handed to a backend worker (the model) that runs the
action; faults may replace or follow the answer.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import gevent
from flask import Blueprint, Response, current_app, request

from emulator.actions import Outcome, process
from emulator.auth import api_access
from emulator.envelope import error_response, json_response, result_json
from emulator.faults import Draw, garble, locked_result
from emulator.php import Fields, parse_fields
from emulator.stats import Stats

if TYPE_CHECKING:
    from emulator.app import Services

DROP = "emulator.drop"
"""environ key that tells the server to close the connection without an answer."""
MALFORMED = "Malformed UTF-8 characters, possibly incorrectly encoded"
FORM_TYPE = "application/x-www-form-urlencoded"
METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"]

bp = Blueprint("legacy", __name__, url_prefix="/pbxcore/api/extensions")


@bp.route("/<action>", methods=METHODS)
@bp.route("/<action>/", methods=METHODS)
def extensions(action: str) -> Response:
    if request.method not in ("GET", "POST"):
        return error_response(404)  # only GET and POST routes exist
    denied = api_access(action)
    if denied is not None:
        return denied
    fields = request_fields()
    if _malformed(fields):
        # The controller json-encodes the request for the worker, which fails.
        return error_response(400, MALFORMED)
    return serve(current_app.extensions["emulator"], action, fields)


def request_fields() -> Fields:
    """GET reads $_REQUEST (query, then form fields over it); POST reads $_POST only."""
    form = _form_fields()
    if request.method == "POST":
        return form
    query = parse_fields(request.environ.get("QUERY_STRING", "").encode("latin-1"))
    merged = Fields({**query, **form})
    merged.malformed = query.malformed or form.malformed
    return merged


def _form_fields() -> Fields:
    if request.mimetype == FORM_TYPE:
        return parse_fields(request.get_data(cache=True))
    fields = Fields()
    if request.mimetype == "multipart/form-data":
        for key, values in request.form.lists():
            name, bracket, _ = key.partition("[")
            fields[name] = values if bracket else values[-1]
    return fields  # PHP does not parse JSON or any other body into $_POST


def _malformed(fields: Fields) -> bool:
    """Bytes that are not UTF-8 in the action name or in a field."""
    path = request.environ.get("PATH_INFO", "").encode("latin-1", "replace")
    try:
        path.decode("utf-8")
    except UnicodeDecodeError:
        return True
    return fields.malformed


def serve(services: Services, action: str, fields: Fields) -> Response:
    stats: Stats = services.stats
    stats.requests[action] += 1
    draw: Draw = services.faults.draw(action)
    if draw.kind:
        stats.faults[draw.kind] += 1
    if draw.slow:
        stats.faults["slow"] += 1
    if draw.kind == "http500_before":
        return _delayed(services, draw, error_response(500, ""))
    outcome = _run(services, action, _job(services, action, fields, draw))
    if outcome is None:
        return _delayed(services, draw, error_response(500, ""))
    _count_created(stats, outcome, draw.kind)
    return _delayed(services, draw, _answer(draw, outcome))


def _job(services: Services, action: str, fields: Fields, draw: Draw) -> Any:
    if draw.kind == "locked":
        return lambda: Outcome(locked_result())
    return lambda: process(services.store, action, fields)


def _run(services: Services, action: str, job: Any) -> Outcome | None:
    if services.model is None:
        return job()
    outcome = services.model.run(
        action, job, lambda late: _count_created(services.stats, late, "worker_timeout")
    )
    if outcome is None:
        services.stats.worker_timeouts += 1
    return outcome


def _count_created(stats: Stats, outcome: Outcome, unconfirmed: str | None) -> None:
    saved = outcome.created
    if saved is not None and saved.created:
        stats.created(saved.ext_id, saved.number, saved.mobile, unconfirmed)


def _answer(draw: Draw, outcome: Outcome) -> Response:
    if draw.kind == "http500_after":
        return error_response(500, "")
    if draw.kind == "drop":
        request.environ[DROP] = True
        return Response(b"")
    body = result_json(outcome.result)
    if draw.kind in ("html", "truncated", "non_object"):
        return garble(draw.kind, body)
    return json_response(body)


def _delayed(services: Services, draw: Draw, response: Response) -> Response:
    if draw.slow:
        gevent.sleep(services.faults.settings.slow_ms / 1000)
    return response
