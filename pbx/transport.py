"""One request of the tools' clients: retried while the PBX is busy, errors as one line."""

from __future__ import annotations

import json
import re
import time
from typing import Any

import requests

from pbx.auth import is_loopback
from pbx.client import PbxError

TIMEOUT_S = 30.0
RETRY_STATUSES = (500, 502, 503, 504)
"""Answers worth asking again: a busy PBX (a repeated delete then finds the employee gone)."""
RETRY_PAUSES_S = (0.5, 2.0)
_ERRNO = re.compile(r"\[Errno -?\d+\] [^'\")]+|timed out")


def send(
    session: requests.Session, method: str, url: str, host: str, **kwargs: Any
) -> requests.Response:
    """The answer to `method url`, after up to two retries of a 5xx answer."""
    for pause in (*RETRY_PAUSES_S, None):
        try:
            response = session.request(method, url, timeout=TIMEOUT_S, **kwargs)
        except requests.RequestException as error:
            match = _ERRNO.search(str(error))
            reason = match.group(0) if match else error.__class__.__name__
            raise PbxError(f"cannot reach the PBX at {host}: {reason}") from None
        if response.status_code not in RETRY_STATUSES or pause is None:
            return response
        time.sleep(pause)
    raise AssertionError("unreachable")


def envelope(response: requests.Response, url: str) -> dict[str, Any]:
    """The PBX's JSON envelope `{result, data, messages, ...}`, or PbxError for anything else."""
    try:
        answer = json.loads(response.content)
    except ValueError:
        answer = None
    if not isinstance(answer, dict) or "result" not in answer:
        text = response.text[:80].replace("\n", " ")
        raise PbxError(f"{url} is not a MikoPBX API: HTTP {response.status_code} {text!r}")
    return answer


def login_hint(host: str, has_login: bool) -> str:
    """The line for a 401: what the user should give."""
    if has_login:
        return f"the PBX at {host} did not accept the login's session or token (HTTP 401)"
    where = "" if is_loopback(host) else " (it trusts 127.0.0.1 only)"
    return f"the PBX at {host} wants a login{where}: give --pbx-login and --pbx-password"
