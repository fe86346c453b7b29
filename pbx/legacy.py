"""The legacy employee API (MikoPBX 2023.2 – 2024.x): `/pbxcore/api/extensions/{action}`."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

API_NAME = "legacy"
BASE = "/pbxcore/api/extensions"
TEMPLATE_PATH = f"{BASE}/getRecord?id="
"""An empty id asks for a new-employee template with fresh uniqids and the next free number."""
SAVE_PATH = f"{BASE}/saveRecord"
LIST_PATH = f"{BASE}/getForSelect?type=all"
NUMBERS_PATH = LIST_PATH
"""Every number in use: users, mobiles (listed as USER), queues, IVR menus, conferences..."""
TEMPLATE_REQUEST = "getRecord"
SAVE_REQUEST = "saveRecord"
ENVELOPE_CODES = frozenset({200})
"""Every business outcome, refusals included, comes with HTTP 200."""

SAVE_HEADERS = {"Content-Type": "application/x-www-form-urlencoded"}
"""The legacy API reads form fields only: a JSON body reaches it as no fields at all."""


def save_body(record: dict[str, Any]) -> str:
    """The filled template, form-encoded (None becomes an empty field, as a browser sends it)."""
    return urlencode({key: "" if value is None else value for key, value in record.items()})


def extension_numbers(select_data: Any) -> list[str]:
    """Every extension number in a `getForSelect?type=all` answer (users, mobiles, queues...)."""
    if not isinstance(select_data, list):
        return []
    return [str(item.get("value", "")) for item in select_data if isinstance(item, dict)]
