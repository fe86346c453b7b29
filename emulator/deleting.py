"""deleteRecord: remove a whole employee (DeleteRecordAction and the models' cascades).

Deleting a user cascades to its extensions and, through each number, to the SIP
account, the external phone and the forwarding rights. Forwarding rights of other
extensions that point at one of those numbers block the delete (the models'
RESTRICT relation), with the real message.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field

from emulator.db import transaction
from emulator.records import EXTENSION_SQL, represent
from emulator.store import Store

_REFERENCE = "There are references to the object - Employee routing settings - <a href='#'>{}</a>"


class SaveRefused(Exception):
    """A model refused a write; the transaction rolls back and these are the messages."""

    def __init__(self, messages: list[str]) -> None:
        super().__init__(messages)
        self.messages = messages


@dataclass
class Deleted:
    found: bool = False
    messages: list[str] = field(default_factory=list)


def references(
    conn: sqlite3.Connection, numbers: Sequence[str], exclude: Sequence[str]
) -> list[str]:
    """Messages for forwarding rights (of extensions not in `exclude`) aimed at `numbers`."""
    marks = ", ".join("?" * len(numbers))
    skip = ", ".join("?" * len(exclude))
    rows = conn.execute(
        "SELECT extension FROM m_ExtensionForwardingRights WHERE (forwarding IN"
        f" ({marks}) OR forwardingonbusy IN ({marks}) OR forwardingonunavailable IN ({marks}))"
        f" AND extension NOT IN ({skip}) ORDER BY id",
        (*numbers, *numbers, *numbers, *exclude),
    ).fetchall()
    return [_REFERENCE.format(_represent_number(conn, row[0])) for row in rows]


def _represent_number(conn: sqlite3.Connection, number: str) -> str:
    row = conn.execute(EXTENSION_SQL + " WHERE e.number = ? LIMIT 1", (number,)).fetchone()
    return "" if row is None else represent(row)


def delete_extension_rows(conn: sqlite3.Connection, ext_id: int, number: str) -> None:
    """One extension and what cascades from its number."""
    for table in ("m_Sip", "m_ExternalPhones", "m_ExtensionForwardingRights"):
        conn.execute(f"DELETE FROM {table} WHERE extension = ?", (number,))
    conn.execute("DELETE FROM m_Extensions WHERE id = ?", (ext_id,))


def delete(store: Store, ext_id: str) -> Deleted:
    conn = store.conn
    ext = conn.execute("SELECT number, userid FROM m_Extensions WHERE id = ?", (ext_id,)).fetchone()
    if ext is None:
        return Deleted()
    try:
        with transaction(conn):
            removed = _delete_employee(conn, ext["number"], ext["userid"])
    except SaveRefused as exc:
        return Deleted(found=True, messages=exc.messages)
    for number in removed:
        store.pool.discard(number)
    return Deleted(found=True)


def _delete_employee(conn: sqlite3.Connection, number: str, user_id: int | None) -> list[str]:
    """Forwarding rights of the given extension first, then the user and its extensions."""
    conn.execute(
        "DELETE FROM m_ExtensionForwardingRights WHERE id ="
        " (SELECT id FROM m_ExtensionForwardingRights WHERE extension = ? LIMIT 1)",
        (number,),
    )
    return _delete_user_rows(conn, user_id)


def delete_user(store: Store, user_id: str) -> Deleted:
    """v3 DeleteRecordAction: by m_Users.id, the forwarding rights of all its numbers first."""
    conn = store.conn
    if conn.execute("SELECT 1 FROM m_Users WHERE id = ?", (user_id,)).fetchone() is None:
        return Deleted()
    try:
        with transaction(conn):
            conn.execute(
                "DELETE FROM m_ExtensionForwardingRights WHERE extension IN"
                " (SELECT number FROM m_Extensions WHERE userid = ?)",
                (user_id,),
            )
            removed = _delete_user_rows(conn, int(user_id))
    except SaveRefused as exc:
        return Deleted(found=True, messages=exc.messages)
    for number in removed:
        store.pool.discard(number)
    return Deleted(found=True)


def _delete_user_rows(conn: sqlite3.Connection, user_id: int | None) -> list[str]:
    """The user, its extensions and what cascades from them; refused if others refer to them."""
    user = conn.execute("SELECT id FROM m_Users WHERE id = ?", (user_id,)).fetchone()
    if user is None:
        return []
    extensions = conn.execute(
        "SELECT id, number FROM m_Extensions WHERE userid = ? ORDER BY id", (user["id"],)
    ).fetchall()
    numbers = [row["number"] for row in extensions]
    blocking = references(conn, numbers, exclude=numbers) if numbers else []
    if blocking:
        raise SaveRefused(blocking)
    for row in extensions:
        delete_extension_rows(conn, row["id"], row["number"])
    conn.execute("DELETE FROM m_Users WHERE id = ?", (user["id"],))
    return numbers
