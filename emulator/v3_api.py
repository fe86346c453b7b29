"""The v3 REST surface: /pbxcore/api/v3/... (release 2026.1).

A request is routed like the PBX's router does it (custom methods after a colon,
numeric ids), checked by the authentication middleware, its fields read (a JSON
body or form fields, the query string over them) and cleaned like the REST
controller cleans them, then served by a backend worker (v3_serve).
"""

from __future__ import annotations

import json
import re
from functools import partial
from typing import TYPE_CHECKING, Any

from flask import Blueprint, Response, current_app, request

from emulator.php import parse_fields
from emulator.v3_actions import Job, job
from emulator.v3_envelope import UNAUTHENTICATED, endpoint_not_found, payload_error, route_error
from emulator.v3_serve import serve

if TYPE_CHECKING:
    from emulator.app import Services

METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"]
CUSTOM = {
    "employees": {"GET": ("getDefault",), "POST": ("batchCreate",)},
    "extensions": {"GET": ("getForSelect",), "POST": ("available",)},
    "auth": {"POST": ("login", "refresh")},
}
CRUD = {  # HTTP method -> operation on the collection, on one employee
    "GET": ("getList", "getRecord"),
    "POST": ("create", "create"),
    "PUT": ("update", "update"),
    "PATCH": ("patch", "patch"),
    "DELETE": ("delete", "delete"),
}
_CUSTOM = re.compile(r"(employees|extensions|auth)(?:/([0-9]+))?:([a-zA-Z][a-zA-Z0-9]*)")
_RESOURCE = re.compile(r"employees(?:/([0-9]+)|/?)")
_URL_CHARS = frozenset(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789$-_.+!*'(),{}|\\^~[]`<>#%\";/?:@&="
)

bp = Blueprint("v3", __name__, url_prefix="/pbxcore/api/v3")


@bp.route("/<path:rest>", methods=METHODS)
def v3(rest: str) -> Response:
    services: Services = current_app.extensions["emulator"]
    routed = _route(rest)
    if routed is None:
        return endpoint_not_found()
    action, method, resource_id = routed
    if not services.auth.allows(request, action):
        services.stats.unauthorized += 1
        return payload_error(401, UNAUTHENTICATED)
    if method == request.method:
        return route_error(405, f"Invalid HTTP method: {method}")
    if method is not None:
        return route_error(405, f"Method '{method}' is not allowed with HTTP {request.method}")
    data = request_data()
    if resource_id is not None:
        data["id"] = resource_id
    if request.method in ("POST", "PUT", "PATCH") or ":" in action:
        data["httpMethod"] = request.method
    return serve(services, action, _job(services, action, data))


def _route(rest: str) -> tuple[str, str | None, str | None] | None:
    """(action, what the HTTP method may not do here, resource id); None: no route."""
    custom = _CUSTOM.fullmatch(rest)
    if custom is not None:
        resource, resource_id, name = custom.groups()
        allowed = CUSTOM[resource].get(request.method, ())
        return f"{resource}:{name}", None if name in allowed else name, resource_id
    crud = _RESOURCE.fullmatch(rest)
    if crud is None:
        return None
    resource_id = crud.group(1)
    if request.method not in CRUD:  # HEAD: the controller maps no operation to it
        return f"employees.{request.method}", request.method, resource_id
    name = CRUD[request.method][0 if resource_id is None else 1]
    return f"employees.{name}", None, resource_id


def _job(services: Services, action: str, data: dict[str, Any]) -> Job:
    address = request.remote_addr or ""
    if action == "auth:login":
        return partial(services.auth.login, data, address, services.stats.jwt_logins)
    if action == "auth:refresh":
        data["refreshToken"] = request.cookies.get("refreshToken")
        return partial(services.auth.refresh, data, address, services.stats.token_refreshes)
    return job(action, services.store, data)


def request_data() -> dict[str, Any]:
    """Request::getData: the body (JSON, or form fields except on GET), the query over it."""
    body: Any = {}
    if "application/json" in (request.content_type or ""):
        try:
            body = json.loads(request.get_data(cache=True) or b"{}")
        except ValueError:
            body = {}
    elif request.mimetype == "multipart/form-data":
        body = request.form.to_dict()
    elif request.method != "GET":
        body = parse_fields(request.get_data(cache=True))
    query = parse_fields(request.environ.get("QUERY_STRING", "").encode("latin-1"))
    merged = {**(body if isinstance(body, dict) else {}), **query}
    return {key: controller_clean(value) for key, value in merged.items()}


def controller_clean(value: Any) -> Any:
    """BaseController::sanitizeData: strings trimmed (URL-cleaned if they start with
    "http"), numbers made digit strings, arrays cleaned item by item."""
    if isinstance(value, dict):
        return {key: controller_clean(item) for key, item in value.items()}
    if isinstance(value, list):
        return [controller_clean(item) for item in value]
    if isinstance(value, str):
        if value[:4].lower() == "http":
            return "".join(ch for ch in value if ch in _URL_CHARS)
        return value.strip(" \t\n\r\0\x0b")
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return re.sub(r"[^0-9+-]", "", str(value))
    return value
