"""Employees as the v3 API shows them (Employees\\DataStructure), keyed by m_Users.id.

A record starts from the new-employee template and takes what the database has,
so an employee without a SIP account shows the next free number and a fresh
secret, as on the PBX. Values are typed by the schema: ids and numbers are strings,
the recording flag a boolean, lengths integers.
"""

from __future__ import annotations

import hashlib
import secrets
from typing import Any

from emulator.records import EXTENSION_SQL, read_record, represent
from emulator.store import Store
from emulator.v3_saving import sip_extension_id

DEFAULT_AVATAR = "/admin-cabinet/assets/img/unknownPerson.jpg"
NO_FILTER = '<i class="globe icon"></i> Connections from any addresses are allowed'
BASE58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
FORWARDINGS = ("fwd_forwarding", "fwd_forwardingonbusy", "fwd_forwardingonunavailable")


def sip_password() -> str:
    """Sip::generateSipPassword in 2026.1: 20 base58 characters."""
    return "".join(secrets.choice(BASE58) for _ in range(20))


def avatar_url(avatar: str | None) -> str:
    """AvatarHelper::getAvatarUrl: an uploaded image is served from the cache directory."""
    if avatar and avatar.startswith("data:image"):
        return f"/admin-cabinet/assets/img/cache/{hashlib.md5(avatar.encode()).hexdigest()}.jpg"
    return DEFAULT_AVATAR  # no file behind any other value exists here


def new_employee(store: Store) -> dict[str, Any]:
    """getDefault: the template of a new employee (createForNewEmployee)."""
    data: dict[str, Any] = {
        "id": "",
        "user_username": "",
        "user_email": "",
        "user_avatar": DEFAULT_AVATAR,
        "number": store.next_number(),
        "extensions_length": store.extension_length,
        "sip_secret": sip_password(),
        "sip_enableRecording": True,
        "sip_dtmfmode": "auto",
        "sip_transport": "udp,tcp",
        "sip_manualattributes": "",
        "fwd_ringlength": 45,
        "mobile_number": "",
        "mobile_dialstring": "",
        "sip_networkfilterid": "none",
        "sip_networkfilterid_represent": NO_FILTER,
    }
    for key in FORWARDINGS:
        data[key] = ""
        data[f"{key}_represent"] = ""
    return data


def employee(store: Store, user_id: str) -> dict[str, Any] | None:
    """GetRecordAction: the employee with m_Users.id `user_id`, None if there is none."""
    user = store.conn.execute(
        "SELECT id, username, email, avatar FROM m_Users WHERE id = ?", (user_id,)
    ).fetchone()
    if user is None:
        return None
    data = new_employee(store)
    data.update(
        id=str(user["id"]),
        user_username=user["username"] or "",
        user_email=user["email"] or "",
        user_avatar=avatar_url(user["avatar"]),
    )
    ext_id = sip_extension_id(store, str(user["id"]))
    row = read_record(store.conn, str(ext_id)) if ext_id is not None else None
    if row is not None:
        _fill(store, data, row)
    return data


def _fill(store: Store, data: dict[str, Any], row: dict[str, Any]) -> None:
    data["number"] = row["number"] or ""
    if row["sip_uniqid"] is not None:
        data["sip_secret"] = row["sip_secret"] or ""
        data["sip_dtmfmode"] = row["sip_dtmfmode"] or ""
        data["sip_transport"] = row["sip_transport"] or "udp,tcp"
        data["sip_manualattributes"] = row["sip_manualattributes"]
        data["sip_enableRecording"] = str(row["sip_enableRecording"]) == "1"
        data["sip_networkfilterid"] = str(row["sip_networkfilterid"] or "none")
        if data["sip_networkfilterid"] != "none":
            data["sip_networkfilterid_represent"] = ""  # no such network filter here
    if row["fwd_ringlength"] is not None or row["fwd_forwarding"] is not None:
        data["fwd_ringlength"] = int(row["fwd_ringlength"] or 0)
        for key in FORWARDINGS:
            data[key] = row[key] or ""
            data[f"{key}_represent"] = number_represent(store, data[key])
    if row["mobile_number"] is not None:
        data["mobile_number"] = row["mobile_number"]
        data["mobile_dialstring"] = row["mobile_dialstring"] or ""


def number_represent(store: Store, number: str) -> str:
    """How a forwarding target is shown: the represent of the extension with that number."""
    if not number:
        return ""
    row = store.conn.execute(EXTENSION_SQL + " WHERE e.number = ? LIMIT 1", (number,)).fetchone()
    return "" if row is None else represent(row)
