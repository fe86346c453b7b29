"""What the suite reads from the PBX once, before the first user starts.

The extension numbers already in use (so the pool and the mobiles skip them) and
the PBX's extension length (so the default number range fits the PBX).
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import requests

from pbx import legacy
from pbx.outcome import classify_envelope

TIMEOUT_S = 15.0


class PreflightError(RuntimeError):
    """The PBX could not be read: the message is the one line the user sees."""


@dataclass(frozen=True)
class PbxFacts:
    """What the PBX holds when the test starts."""

    taken_numbers: tuple[str, ...]
    """Every extension number in use: users, mobiles, queues, parking slots..."""
    suggested_number: str
    """The next free number the PBX's template offered ("" when none is free)."""


def read_facts(session: requests.Session, host: str) -> PbxFacts:
    """Read the PBX's numbers and its template's suggestion over the legacy API."""
    template = _get_object(session, host + legacy.TEMPLATE_PATH, legacy.TEMPLATE_REQUEST)
    listing = _get(session, host + legacy.LIST_PATH, "getForSelect")
    try:
        select_data = json.loads(listing.text).get("data")
    except (ValueError, AttributeError):
        raise PreflightError(
            f"getForSelect at {host}: unreadable answer: {listing.text[:200]}"
        ) from None
    return PbxFacts(
        taken_numbers=tuple(legacy.extension_numbers(select_data)),
        suggested_number=str(template.get("number", "")),
    )


def _get(session: requests.Session, url: str, what: str) -> requests.Response:
    try:
        response = session.get(url, timeout=TIMEOUT_S)
    except requests.RequestException as error:
        raise PreflightError(f"cannot reach the PBX at {url}: {error}") from None
    if response.status_code != 200:
        raise PreflightError(
            f"{what} at {url} answered HTTP {response.status_code}: {response.text[:200]}"
        )
    return response


def _get_object(session: requests.Session, url: str, what: str) -> dict:
    outcome = classify_envelope(_get(session, url, what).text)
    if not outcome.ok or outcome.data is None:
        raise PreflightError(f"{what} at {url} failed ({outcome.kind}): {outcome.detail[:200]}")
    return outcome.data
