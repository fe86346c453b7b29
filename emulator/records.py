"""Reading employees and extensions back: getRecord's query and how rows are named."""

from __future__ import annotations

import base64
import binascii
import sqlite3
from typing import Any

# GetRecordAction's query: a SIP extension that belongs to a user, with its SIP
# account (by number), the user's mobile and the forwarding rights (by number).
_RECORD_SQL = """
SELECT e.id AS id, e.number AS number, u.id AS user_id, u.username AS user_username,
       u.email AS user_email, u.avatar AS user_avatar,
       f.ringlength AS fwd_ringlength, f.forwardingonbusy AS fwd_forwardingonbusy,
       f.forwardingonunavailable AS fwd_forwardingonunavailable, f.forwarding AS fwd_forwarding,
       p.extension AS mobile_number, p.uniqid AS mobile_uniqid, p.dialstring AS mobile_dialstring,
       s.enableRecording AS sip_enableRecording, s.dtmfmode AS sip_dtmfmode,
       s.manualattributes AS sip_manualattributes, s.uniqid AS sip_uniqid,
       s.secret AS sip_secret, s.networkfilterid AS sip_networkfilterid,
       s.transport AS sip_transport
FROM m_Extensions e
JOIN m_Users u ON u.id = e.userid
LEFT JOIN m_Sip s ON s.extension = e.number
LEFT JOIN m_Extensions x ON x.userid = u.id AND x.type = 'EXTERNAL'
LEFT JOIN m_ExternalPhones p ON p.extension = x.number
LEFT JOIN m_ExtensionForwardingRights f ON f.extension = e.number
WHERE e.id = ? AND e.type = 'SIP'
LIMIT 1
"""

EXTENSION_SQL = """
SELECT e.id, e.number, e.type, e.callerid, e.userid, u.username
FROM m_Extensions e LEFT JOIN m_Users u ON u.id = e.userid
"""

_TRANSLATIONS = {
    "mo_SystemExten_hangup": "End call",
    "mo_SystemExten_busy": "Play busy signal",
    "mo_SystemExten_did2user": "Direct to employee (match by DID)",
    "mo_SystemExten_voicemail": "Voice mail",
    "ex_dropdownCategory_USER": "Employees",
    "ex_dropdownCategory_CONFERENCE": "Conference",
    "ex_dropdownCategory_DIALPLAN_APPLICATION": "Dialplan applications",
    "ex_dropdownCategory_IVR_MENU": "Interactive Voice Response (IVR) Menu",
    "ex_dropdownCategory_QUEUE": "Call Queues",
    "ex_dropdownCategory_MODULES": "Additional modules",
    "ex_dropdownCategory_SYSTEM": "Service numbers",
    "ex_dropdownCategory_PARKING": "parking slots",
}

_USER_ICON = '<i class="icons"><i class="user outline icon"></i></i>'
_MOBILE_ICON = (
    '<i class="icons"><i class="user outline icon"></i>'
    '<i class="top right corner alternate mobile icon"></i></i>'
)
# Short names of the objects behind non-user numbers; the emulator names them by
# their callerid, which the fresh PBX sets to the object's name.
_OBJECTS = {
    "CONFERENCE": ('<i class="phone volume icon"></i>', "Conference"),
    "QUEUE": ('<i class="users icon"></i>', "Queue"),
    "DIALPLAN APPLICATION": ('<i class="php icon"></i>', "Application"),
    "IVR MENU": ('<i class="sitemap icon"></i>', "IVR Menu"),
}


def translate(key: str) -> str:
    """English translation, or the key itself like Phalcon's translator when it has none."""
    return _TRANSLATIONS.get(key, key)


def read_record(conn: sqlite3.Connection, ext_id: str) -> dict[str, Any] | None:
    row = conn.execute(_RECORD_SQL, (ext_id,)).fetchone()
    if row is None:
        return None
    data = dict(row)
    data["sip_manualattributes"] = _base64_decode(data["sip_manualattributes"] or "")
    return data


def _base64_decode(text: str) -> str:
    """PHP's lenient base64_decode: skips characters outside the alphabet."""
    clean = "".join(ch for ch in text if ch.isalnum() or ch in "+/")
    try:
        raw = base64.b64decode(clean + "=" * (-len(clean) % 4))
    except (binascii.Error, ValueError):
        return ""
    return raw.decode("utf-8", "replace")


def represent(row: sqlite3.Row | dict[str, Any]) -> str:
    """Extensions::getRepresent() for a row of EXTENSION_SQL."""
    number, kind = row["number"], (row["type"] or "").upper()
    if (row["userid"] or 0) > 0:
        icon = _MOBILE_ICON if row["type"] == "EXTERNAL" else _USER_ICON
        return f"{icon} {trim_name(row['username'] or '')} <{number}>"
    if kind in _OBJECTS:
        icon, label = _OBJECTS[kind]
        return f"{icon} {label}: {row['callerid']} <{number}>"
    if kind == "MODULES":
        return f'<i class="puzzle piece icon"></i> Module: {row["callerid"]}'
    if kind == "SYSTEM":
        return f'<i class="cogs icon"></i> {translate("mo_SystemExten_" + number)}'
    return f"{row['callerid']} <{number}>"


def trim_name(name: str) -> str:
    """ModelsBase::trimName: over 64 bytes, cut at the last space before byte 61 + '...'."""
    raw = name.encode()
    if len(raw) <= 64:
        return name
    cut = raw.rfind(b" ", 0, 62)
    return raw[: max(cut, 0)].decode("utf-8", "ignore") + "..."
