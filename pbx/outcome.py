"""Reading one PBX answer: success with its data, or a failure of a stable, named kind.

Failure kinds name *what went wrong*, never a unique value (a number, an id, a
timestamp), so Locust's failures table stays a handful of rows at 100,000 requests.
The full text of an odd answer is kept in `detail` for the console and the log.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

# Message texts the PBX uses for a number that another extension row already holds:
# the raw translation key (2023.2, 2024.1), its English text (2024.2), and v3's checks
# ("Extension already occupied"; "... Specified number is already used for - ...").
_NUMBER_TAKEN = (
    "mo_ThisNumberNotUniqueForExtensionsModels",
    "already in use",
    "Extension already occupied",
    "number is already used for",
)
_MOBILE_TAKEN = "mobile number is already used"
_DB_LOCKED = "database is locked"
_VARIABLE_PARTS = re.compile(r"\d+|'[^']*'|\"[^\"]*\"")
_MAX_KIND_LENGTH = 80
# A JSON string value of a secret field, closing quote optional: a truncated answer may
# end inside it. Odd answers are shown in full, but never with a SIP password or a token.
_SECRET_VALUE = re.compile(
    r'("(?:sip_secret|secret|password|accessToken|refreshToken|token)"\s*:\s*)"[^"]*"?'
)


@dataclass(frozen=True)
class Outcome:
    """The verdict on one answer."""

    ok: bool
    """True when the PBX answered `result:true` with the data the flow needs."""
    kind: str = ""
    """Stable failure name for Locust's statistics; empty on success."""
    data: dict[str, Any] | None = None
    """The envelope's `data` object on success."""
    detail: str = ""
    """What the console shows for a failure: the PBX's `messages`, or the full response text."""


RATE_LIMITED = "HTTP 429 rate limited"
"""The kind of an answer from the PBX's rate limiter (nginx, on by default since 2026.1)."""
LEGACY_ENVELOPE_CODES = frozenset({200})
"""The legacy API answers every business outcome, refusals included, with HTTP 200."""


def classify(
    status: int,
    body: bytes | str,
    error: BaseException | None = None,
    envelope_codes: frozenset[int] = LEGACY_ENVELOPE_CODES,
) -> Outcome:
    """Classify an answer: HTTP status, body and transport error.

    `envelope_codes` are the statuses whose body is the API's JSON envelope (v3 adds
    201 for a creation and 422 for a refusal). The body is best given as bytes: JSON is
    read from bytes directly, which spares `requests` its charset detection.
    """
    if error is not None and not status:
        return Outcome(False, f"connection error: {type(error).__name__}", detail=repr(error))
    if status == 429:
        return Outcome(False, RATE_LIMITED, detail=as_text(body))
    if status not in envelope_codes:
        return Outcome(False, f"HTTP {status}", detail=as_text(body))
    return classify_envelope(body)


def as_text(body: bytes | str) -> str:
    """The body as the console shows it: secrets masked, bytes that are not UTF-8 as U+FFFD."""
    text = body.decode("utf-8", errors="replace") if isinstance(body, bytes) else body
    return _SECRET_VALUE.sub(r'\1"***"', text)


def classify_envelope(body: bytes | str) -> Outcome:
    """Classify a JSON envelope `{result, data, messages, ...}` received with a success code."""
    try:
        envelope = json.loads(body)
    except ValueError:
        return Outcome(False, "unparseable response", detail=as_text(body))
    if not isinstance(envelope, dict):
        return Outcome(False, "response not an object", detail=as_text(body))
    result = envelope.get("result")
    if result is False:
        messages = envelope.get("messages")
        return Outcome(
            False, refusal_kind(messages), detail=json.dumps(messages, ensure_ascii=False)
        )
    data = envelope.get("data")
    if result is not True or not isinstance(data, dict):
        return Outcome(False, "unexpected response", detail=as_text(body))
    return Outcome(True, data=data)


def refusal_kind(messages: Any) -> str:
    """Name a `result:false` answer by its first message, with variable parts blanked."""
    first = first_message(messages)
    if _MOBILE_TAKEN in first:
        return "mobile already in use"
    if any(marker in first for marker in _NUMBER_TAKEN):
        return "number already in use"
    if _DB_LOCKED in first:
        return "database is locked"
    if not first:
        return "result false"
    stable = _VARIABLE_PARTS.sub("…", first)[:_MAX_KIND_LENGTH]
    return f"result false: {stable}"


def first_message(messages: Any) -> str:
    """The first text in `messages`, however deeply the PBX nested it."""
    if isinstance(messages, str):
        return messages
    if isinstance(messages, dict):
        for key in ("error", "message", *messages):
            found = first_message(messages.get(key))
            if found:
                return found
        return ""
    if isinstance(messages, list):
        for item in messages:
            found = first_message(item)
            if found:
                return found
    return ""
