"""The answers of the v3 API: the legacy envelope without jsonapi, with real status codes.

A worker's result is sent as it is plus meta; `result:false` becomes 422 unless the
action set another code. Answers made before any worker runs (401, 400 on timeout,
503 on a full queue) have the fixed payload-error shape. nginx's 429 is plain text.
"""

from __future__ import annotations

from urllib.parse import quote

from flask import Response, request

from emulator.envelope import ApiResult, json_response, next_pid, result_fields, with_meta
from emulator.php import json_encode

TIMEOUT = "Request timeout or worker not responding"
QUEUE_FULL = "Service temporarily unavailable, please retry later"
UNAUTHENTICATED = "The user isn't authenticated."
LIB = "MikoPBX\\PBXCoreREST\\Lib\\"


def status_of(res: ApiResult) -> int:
    """BaseController: the action's httpCode, else 200 for success and 422 for failure."""
    if res.http_code is not None:
        return res.http_code
    return 200 if res.result else 422


def result_body(res: ApiResult) -> str:
    """PBXApiResult::getResult() plus meta, keys in PHP's order."""
    content = result_fields(res)
    if res.http_code is not None:
        content["httpCode"] = res.http_code
    if res.reload:
        content["reload"] = res.reload
    return with_meta(json_encode(content), jsonapi=False)


def result_response(res: ApiResult) -> Response:
    return json_response(result_body(res), status_of(res))


def payload_error(status: int, message: str) -> Response:
    """Response::setPayloadError: an error made by the REST layer, not by an action."""
    content = {
        "result": False,
        "data": [],
        "messages": {"error": [message]},
        "function": "",
        "processor": "",
        "pid": next_pid(),
    }
    return json_response(with_meta(json_encode(content), jsonapi=False), status)


def route_error(status: int, message: str) -> Response:
    """BaseRestController::sendErrorResponse: a method the resource does not offer."""
    content = {"result": False, "messages": {"error": [message]}}
    return json_response(with_meta(json_encode(content), jsonapi=False), status)


def endpoint_not_found() -> Response:
    """The REST app's notFound handler, which names the request URI."""
    path = quote(request.environ.get("PATH_INFO", ""), safe="/:@!$&'()*+,;=-._~%")
    query = request.environ.get("QUERY_STRING", "")
    uri = f"{path}?{query}" if query else path
    content = {"success": False, "messages": {"error": [f"Endpoint not found: {uri}"]}}
    content["data"] = None
    return json_response(with_meta(json_encode(content), jsonapi=False), 404)


def too_many_requests() -> Response:
    """What the nginx limiter prints (ngx.say) with status 429."""
    return Response("Too many requests\n", status=429, mimetype="text/plain")
