"""The JSON envelope of the legacy REST API (PBXCoreREST\\Http\\Response::send)."""

from __future__ import annotations

import hashlib
import itertools
import os
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from flask import Response

from emulator.php import json_encode

JSON_TYPE = "application/json"

# Every request runs in a freshly forked worker process on the real PBX, so its pid
# changes on every answer.
_pids = itertools.count(os.getpid() * 10)


@dataclass
class ApiResult:
    """PBXApiResult: what a backend action returns."""

    function: str
    processor: str
    result: bool = False
    data: dict[str, Any] | list[Any] = field(default_factory=dict)
    messages: dict[str, Any] = field(default_factory=dict)
    http_code: int | None = None
    """v3 only: the status the action asks for (PBXApiResult::$httpCode)."""
    reload: str = ""
    """v3 only: the admin page a new record opens in."""

    def error(self, message: Any) -> ApiResult:
        self.result = False
        self.messages.setdefault("error", []).append(message)
        return self


def next_pid() -> int:
    return next(_pids)


def timestamp() -> str:
    """PHP's date('c'): local time with its UTC offset."""
    return datetime.now().astimezone().isoformat(timespec="seconds")


def result_fields(res: ApiResult) -> dict[str, Any]:
    """PBXApiResult::getResult(), keys in PHP's order: empty data and messages are []."""
    return {
        "result": res.result,
        "data": res.data or [],
        "messages": res.messages or [],
        "function": res.function,
        "processor": res.processor,
        "pid": next_pid(),
    }


def result_json(res: ApiResult) -> str:
    """The full body: jsonapi + the worker's result + meta, keys in PHP's order."""
    return _wrap(json_encode(result_fields(res)))


def errors_json(message: str) -> str:
    """The body of a halted request: {"jsonapi":..., "errors":[message], "meta":...}."""
    return _wrap(json_encode({"errors": [message]}))


def _wrap(content: str) -> str:
    return with_meta(content, jsonapi=True)


def with_meta(content: str, jsonapi: bool) -> str:
    """`content` (a JSON object) with meta appended; the v3 API sends no jsonapi key."""
    stamp = timestamp()
    digest = hashlib.sha1((stamp + content).encode()).hexdigest()
    meta = json_encode({"timestamp": stamp, "hash": digest})
    head = '"jsonapi":{"version":"1.0"},' if jsonapi else ""
    inner = content[1:-1]
    return f'{{{head}{inner}{"," if inner else ""}"meta":{meta}}}'


def json_response(body: str, status: int = 200) -> Response:
    response = Response(body, status=status, mimetype=JSON_TYPE)
    response.headers["E-Tag"] = hashlib.sha1(body.encode()).hexdigest()
    return response


def error_response(status: int, detail: str | None = None) -> Response:
    """401/403/404/400/500 as the REST layer sends them: 'CODE (Reason) detail'."""
    return json_response(errors_json(status_line(status, detail)), status)


_REASONS = {400: "Bad Request", 404: "Not Found", 500: "Internal Server Error"}


def status_line(status: int, detail: str | None) -> str:
    """getHttpCodeDescription(code) [+ ' ' + description], or a bare message for 401/403."""
    if status in (401, 403):
        return detail or ""
    head = f"{status} ({_REASONS[status]})"
    return head if detail is None else f"{head} {detail}"
