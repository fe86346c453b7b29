"""What the suite reads from the PBX once, before the first user starts.

Which API it speaks (when --api is auto), the extension numbers already in use (so the
pool and the mobiles skip them) and the extension length (so the default number range
fits the PBX).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from types import ModuleType

import requests

from pbx import legacy, v3
from pbx.outcome import classify
from pbx.transport import login_hint
from suite.pbx_session import PbxSession

TIMEOUT_S = 15.0


class PreflightError(RuntimeError):
    """The PBX could not be read: the message is the one line the user sees."""


@dataclass(frozen=True)
class PbxFacts:
    """What the PBX holds when the test starts."""

    taken_numbers: tuple[str, ...]
    """Every extension number in use: users, mobiles, queues..."""
    suggested_number: str
    """The next free number the PBX's template offered ("" when none is free)."""
    extension_length: int | None = None
    """PBXInternalExtensionLength, where the API tells it (v3); else None."""


def detect_api(http: requests.Session, host: str, requested: str) -> str:
    """The API to speak: as asked, or for `auto` the legacy API unless its paths answer 404.

    A real PBX speaks one of them (2026.1 removed the legacy paths); where both answer,
    as on the emulator, the legacy API of the documented provisioning script is chosen.
    """
    if requested != "auto":
        return requested
    response = _send(http, host + legacy.TEMPLATE_PATH)
    return v3.API_NAME if response.status_code == 404 else legacy.API_NAME


def read_facts(session: PbxSession) -> PbxFacts:
    """Read the PBX's numbers and its template over the session's API."""
    api = v3 if session.api == v3.API_NAME else legacy
    template = _template(session, api)
    listing = _get(session, session.host + api.NUMBERS_PATH)
    try:
        select_data = json.loads(listing.content).get("data")
    except (ValueError, AttributeError):
        raise PreflightError(f"{api.NUMBERS_PATH} at {session.host}: unreadable answer") from None
    length = template.get("extensions_length")  # v3 tells it; legacy leaves it to a guess
    return PbxFacts(
        tuple(legacy.extension_numbers(select_data)),
        str(template.get("number", "")),
        length if isinstance(length, int) else None,
    )


def _template(session: PbxSession, api: ModuleType) -> dict:
    response = _get(session, session.host + api.TEMPLATE_PATH)
    outcome = classify(response.status_code, response.content, None, api.ENVELOPE_CODES)
    if not outcome.ok or outcome.data is None:
        raise PreflightError(
            f"{api.TEMPLATE_REQUEST} at {session.host} failed ({outcome.kind}): "
            f"{outcome.detail[:200]}"
        )
    return outcome.data


def _get(session: PbxSession, url: str) -> requests.Response:
    response = _send(session.http, url, session.headers())
    if response.status_code == 401:
        raise PreflightError(login_hint(session.host, session.credentials.has_login))
    if response.status_code != 200:
        raise PreflightError(f"{url} answered HTTP {response.status_code}: {response.text[:200]}")
    return response


def _send(http: requests.Session, url: str, headers: dict | None = None) -> requests.Response:
    try:
        return http.get(url, headers=headers, timeout=TIMEOUT_S)
    except requests.RequestException as error:
        raise PreflightError(f"cannot reach the PBX at {url}: {error}") from None
