"""getForSelect and available: the read-only lookups over m_Extensions."""

from __future__ import annotations

import sqlite3
from typing import Any

from emulator.php import strip_tags
from emulator.records import EXTENSION_SQL, represent, translate

# DropdownsAction::getQueryParametersByType; any other type lists the whole phonebook.
_TYPES = {
    "phones": ("SIP", "EXTERNAL"),
    "internal": ("SIP",),
    "routing": (
        "SIP",
        "EXTERNAL",
        "MODULES",
        "CONFERENCE",
        "DIALPLAN APPLICATION",
        "IVR MENU",
        "QUEUE",
        "SYSTEM",
    ),
}


def for_select(conn: sqlite3.Connection, kind: str) -> list[dict[str, Any]]:
    """Extensions shown in the phonebook, as {name, value, type, typeLocalized}, sorted."""
    sql = EXTENSION_SQL + " WHERE e.show_in_phonebook = '1'"
    params: tuple[str, ...] = ()
    if kind == "all":
        sql += " AND e.number NOT IN ('did2user')"
    elif kind in _TYPES:
        params = _TYPES[kind]
        sql += f" AND e.type IN ({', '.join('?' * len(params))})"
    items = []
    for row in conn.execute(sql + " ORDER BY e.id", params):
        if row["type"] == "MODULES":
            continue  # no module owns the number: the real server skips such rows too
        items.append(_item(row))
    items.sort(key=lambda item: item[1])
    return [item for item, _sorter in items]


def _item(row: sqlite3.Row) -> tuple[dict[str, Any], str]:
    is_user = (row["userid"] or 0) > 0
    kind = "USER" if is_user else "_".join((row["type"] or "").upper().split())
    name = represent(row)
    cleared = strip_tags(name)  # also drops "<201>": it looks like a tag
    sorter = f"{kind}{cleared}{row['number']}" if is_user else f"{kind}{cleared}"
    item = {
        "name": name,
        "value": row["number"],
        "type": kind,
        "typeLocalized": translate(f"ex_dropdownCategory_{kind}"),
    }
    return item, sorter


def available(conn: sqlite3.Connection, number: str) -> dict[str, Any]:
    """Utils::ifNumberAvailable: who holds `number`, if anyone."""
    row = conn.execute(EXTENSION_SQL + " WHERE e.number = ? LIMIT 1", (number,)).fetchone()
    if row is None:
        return {"available": True}
    if row["type"] in ("SIP", "EXTERNAL"):
        return {"available": False, "userId": row["userid"], "represent": represent(row)}
    if row["type"] == "PARKING":
        return {"available": False, "represent": "ex_ThisNumberOverlapWithParkingSlots"}
    return {"available": False, "represent": "ex_ThisNumberIsNotFree"}
