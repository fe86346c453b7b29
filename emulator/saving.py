"""saveRecord: create or update an employee in one transaction (SaveRecordAction).

Rows are found the way the real server finds them: the user by `user_id`, its
extensions by user and type, the SIP account by `sip_uniqid`, the forwarding rights
by number, the external phone by `mobile_uniqid`. Reusing a template's uniqid
therefore re-points an earlier employee's row, exactly as on the PBX.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from emulator.db import transaction
from emulator.deleting import SaveRefused, delete_extension_rows, references
from emulator.php import PhpError, empty, whoops
from emulator.rows import save_external_phone, save_forwarding, save_sip
from emulator.store import PBX_LANGUAGE, Store

NOT_UNIQUE = "mo_ThisNumberNotUniqueForExtensionsModels"
_CALLERID_DROP = re.compile(r"[^a-zA-Zа-яА-Я0-9 ]", re.IGNORECASE)
_RENAMED = (
    ("m_Sip", "extension"),
    ("m_ExternalPhones", "extension"),
    ("m_ExtensionForwardingRights", "extension"),
    ("m_ExtensionForwardingRights", "forwarding"),
    ("m_ExtensionForwardingRights", "forwardingonbusy"),
    ("m_ExtensionForwardingRights", "forwardingonunavailable"),
)


@dataclass
class Saved:
    """What a save did: the SIP extension's id when committed, else the error message."""

    ext_id: int | None = None
    created: bool = False
    number: str = ""
    mobile: str = ""
    error: str | None = None
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)


def save(store: Store, data: Mapping[str, Any]) -> Saved:
    return save_record(store, store.build(data))


def save_record(store: Store, record: dict[str, Any]) -> Saved:
    """Write a normalised record; `record["user_id"]` holds the user's id afterwards."""
    saved = Saved(number=record["number"], mobile=record["mobile_number"])
    try:
        with transaction(store.conn) as conn:
            _write(conn, record, saved)
    except sqlite3.IntegrityError as exc:
        if "UNIQUE" not in str(exc):
            raise
        return Saved(error=NOT_UNIQUE)
    except SaveRefused as exc:
        return Saved(error="".join(exc.messages))
    for number in saved.removed:
        store.pool.discard(number)
    for number in saved.added:
        store.pool.add(number)
    return saved


def _write(conn: sqlite3.Connection, record: dict[str, Any], saved: Saved) -> None:
    user_id, saved.created = _save_user(conn, record)
    record["user_id"] = str(user_id)
    saved.ext_id = _save_extension(conn, record, user_id, "SIP", saved)
    save_sip(conn, record)
    save_forwarding(conn, record)
    if not empty(record["mobile_number"]):
        _save_extension(conn, record, user_id, "EXTERNAL", saved)
        save_external_phone(conn, record)
    else:
        _delete_mobile(conn, user_id, saved)


def _save_user(conn: sqlite3.Connection, record: dict[str, Any]) -> tuple[int, bool]:
    uid = record["user_id"]
    values = (record["user_email"], record["user_username"], PBX_LANGUAGE, record["user_avatar"])
    row = conn.execute("SELECT id FROM m_Users WHERE id = ?", (uid,)).fetchone() if uid else None
    if row is not None:
        conn.execute(
            "UPDATE m_Users SET email = ?, username = ?, language = ?, avatar = ? WHERE id = ?",
            (*values, row[0]),
        )
        return row[0], False
    if uid and not uid.strip().lstrip("-").isdigit():
        raise PhpError(_pdo_error("20 datatype mismatch", "saveUser"))
    cursor = conn.execute(
        "INSERT INTO m_Users (id, email, username, language, avatar) VALUES (?, ?, ?, ?, ?)",
        (int(uid) if uid else None, *values),
    )
    return int(cursor.lastrowid or 0), True


def _save_extension(
    conn: sqlite3.Connection, record: dict, user_id: int, kind: str, saved: Saved
) -> int:
    number = record["mobile_number"] if kind == "EXTERNAL" else record["number"]
    row = conn.execute(
        "SELECT id, number FROM m_Extensions"
        " WHERE type = ? AND is_general_user_number = '1' AND userid = ? LIMIT 1",
        (kind, user_id),
    ).fetchone()
    values = (
        number,
        kind,
        _CALLERID_DROP.sub("", record["user_username"]),
        user_id,
        record["show_in_phonebook"],
        record["public_access"],
        record["is_general_user_number"],
    )
    if row is None:
        cursor = conn.execute(
            "INSERT INTO m_Extensions (number, type, callerid, userid, show_in_phonebook,"
            " public_access, is_general_user_number) VALUES (?, ?, ?, ?, ?, ?, ?)",
            values,
        )
        saved.added.append(number)
        return int(cursor.lastrowid or 0)
    conn.execute(
        "UPDATE m_Extensions SET number = ?, type = ?, callerid = ?, userid = ?,"
        " show_in_phonebook = ?, public_access = ?, is_general_user_number = ? WHERE id = ?",
        (*values, row["id"]),
    )
    if row["number"] != number:
        _rename(conn, row["number"], number)
        saved.removed.append(row["number"])
        saved.added.append(number)
    return int(row["id"])


def _rename(conn: sqlite3.Connection, old: str, new: str) -> None:
    """Extensions::afterUpdate: rows that refer to the old number follow the new one."""
    for table, column in _RENAMED:
        conn.execute(f"UPDATE {table} SET {column} = ? WHERE {column} = ?", (new, old))


def _delete_mobile(conn: sqlite3.Connection, user_id: int, saved: Saved) -> None:
    """No mobile in the request: the user's mobile extension goes, if nothing refers to it."""
    row = conn.execute(
        "SELECT id, number FROM m_Extensions"
        " WHERE type = 'EXTERNAL' AND is_general_user_number = '1' AND userid = ? LIMIT 1",
        (user_id,),
    ).fetchone()
    if row is None:
        return
    blocking = references(conn, [row["number"]], exclude=[])
    if blocking:
        raise SaveRefused(blocking)
    delete_extension_rows(conn, row["id"], row["number"])
    saved.removed.append(row["number"])


def _pdo_error(message: str, step: str) -> str:
    where = "/usr/www/src/PBXCoreREST/Lib/Extensions/SaveRecordAction.php:131"
    trace = [
        "PDOStatement->execute() [internal]:0",
        f"MikoPBX\\PBXCoreREST\\Lib\\Extensions\\SaveRecordAction::{step}() {where}",
    ]
    return whoops("PDOException", f"SQLSTATE[HY000]: General error: {message}", where, trace)
