"""The v3 employee API (MikoPBX 2026.1 and later): `/pbxcore/api/v3/employees`.

Same fields as the legacy API, but JSON bodies, 201 for a creation, 422 for a refusal,
and a template (`employees:getDefault`) that exposes no uniqids: the PBX makes them.
"""

from __future__ import annotations

import json
from typing import Any

API_NAME = "v3"
BASE = "/pbxcore/api/v3"
TEMPLATE_PATH = f"{BASE}/employees:getDefault"
SAVE_PATH = f"{BASE}/employees"
LIST_PATH = f"{BASE}/employees"
NUMBERS_PATH = f"{BASE}/extensions:getForSelect?type=all"
"""Every number in use, as the legacy getForSelect lists them (the employees list has no
queues, IVR menus or conferences)."""
TEMPLATE_REQUEST = "employees:getDefault"
SAVE_REQUEST = "employees create"
ENVELOPE_CODES = frozenset({200, 201, 422})
"""Statuses whose body is the v3 envelope: success, creation, refusal."""
SAVE_HEADERS = {"Content-Type": "application/json"}
LIST_PAGE = 1000
"""The most rows one list request returns."""


def save_body(record: dict[str, Any]) -> str:
    """The filled template as JSON; the PBX drops fields it does not know (the *_represent)."""
    return json.dumps(record, ensure_ascii=False)


def list_page_path(offset: int) -> str:
    return f"{LIST_PATH}?limit={LIST_PAGE}&offset={offset}"


def page_rows(data: Any) -> tuple[list[dict[str, Any]], int]:
    """The rows of one list answer and the total the PBX holds."""
    if not isinstance(data, dict) or not isinstance(data.get("data"), list):
        return [], 0
    rows = [row for row in data["data"] if isinstance(row, dict)]
    return rows, int(data.get("recordsTotal") or 0)
