"""The rows saveRecord writes per number: SIP account, forwarding rights, external phone.

Each is found the way the real server finds it (by uniqid or by number) and updated,
or inserted with the defaults a new model object carries.
"""

from __future__ import annotations

import base64
import sqlite3
from typing import Any

from emulator.php import empty


def save_sip(conn: sqlite3.Connection, record: dict[str, Any]) -> None:
    filter_id = record["sip_networkfilterid"]
    values = {
        "uniqid": record["sip_uniqid"],
        "extension": record["number"],
        "type": record["sip_type"],
        "secret": record["sip_secret"],
        "transport": record["sip_transport"],
        "dtmfmode": record["sip_dtmfmode"],
        "qualifyfreq": record["sip_qualifyfreq"],
        "qualify": record["sip_qualify"],
        "networkfilterid": None if filter_id == "none" else filter_id,
        "manualattributes": base64.b64encode(record["sip_manualattributes"].encode()).decode(),
        "description": record["user_username"],
        "enableRecording": record["sip_enableRecording"],
        "weakSecret": "0",
    }
    row = conn.execute("SELECT id FROM m_Sip WHERE uniqid = ? LIMIT 1", (values["uniqid"],))
    _upsert(conn, "m_Sip", row.fetchone(), values, _NEW_SIP)


# Property defaults of a new Sip model that saveRecord does not set.
_NEW_SIP = {
    "disabled": "0",
    "registration_type": "",
    "host": "",
    "port": "5060",
    "username": "",
    "outbound_proxy": "",
    "fromuser": "",
    "fromdomain": "",
    "nat": "",
    "disablefromuser": "0",
    "noregister": "0",
    "receive_calls_without_auth": "0",
}


def save_forwarding(conn: sqlite3.Connection, record: dict[str, Any]) -> None:
    ringlength = record["fwd_ringlength"] or (0 if empty(record["fwd_forwarding"]) else 45)
    values = {
        "extension": record["number"],
        "forwarding": record["fwd_forwarding"],
        "forwardingonbusy": record["fwd_forwardingonbusy"],
        "forwardingonunavailable": record["fwd_forwardingonunavailable"],
        "ringlength": ringlength,
    }
    row = conn.execute(
        "SELECT id FROM m_ExtensionForwardingRights WHERE extension = ? LIMIT 1",
        (record["number"],),
    ).fetchone()
    _upsert(conn, "m_ExtensionForwardingRights", row, values, {})


def save_external_phone(conn: sqlite3.Connection, record: dict[str, Any]) -> None:
    values = {
        "extension": record["mobile_number"],
        "uniqid": record["mobile_uniqid"],
        "dialstring": record["mobile_dialstring"],
    }
    row = conn.execute(
        "SELECT id FROM m_ExternalPhones WHERE uniqid = ? LIMIT 1", (values["uniqid"],)
    ).fetchone()
    new = {"manualdialplanincoming": "", "manualdialplanoutgoing": "", "disabled": "0"}
    _upsert(conn, "m_ExternalPhones", row, values, new)


def _upsert(
    conn: sqlite3.Connection, table: str, row: Any, values: dict[str, Any], new: dict[str, Any]
) -> None:
    """UPDATE the found row, or INSERT `values` plus the new-model defaults `new`."""
    if row is not None:
        assignments = ", ".join(f"{column} = ?" for column in values)
        conn.execute(f"UPDATE {table} SET {assignments} WHERE id = ?", (*values.values(), row[0]))
        return
    columns = {**new, **values}
    marks = ", ".join("?" * len(columns))
    conn.execute(
        f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", (*columns.values(),)
    )
