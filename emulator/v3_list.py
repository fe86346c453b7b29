"""GET /pbxcore/api/v3/employees: every user with the SIP and mobile numbers, as table rows.

Like the PBX's query this lists all users, the administrator's account too (with an
empty number). A search phrase may start with id:, email:, number: or mobile:;
otherwise it matches the name or the search index (name, e-mail and number in
lower case), which the emulator computes instead of storing.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from emulator.php import digits, intval
from emulator.v3_records import avatar_url

DEFAULT_LIMIT = 50
MAX_LIMIT = 1000
_FROM = """
FROM m_Users u
LEFT JOIN m_Extensions ie
    ON ie.userid = u.id AND ie.is_general_user_number = '1' AND ie.type = 'SIP'
LEFT JOIN m_Sip s ON s.extension = ie.number
LEFT JOIN m_Extensions me
    ON me.userid = u.id AND me.is_general_user_number = '1' AND me.type = 'EXTERNAL'
LEFT JOIN m_ExternalPhones p ON p.extension = me.number
"""
_COLUMNS = """SELECT u.id, u.username, u.email, u.avatar, ie.number AS extension_number,
       s.disabled AS sip_disabled, me.number AS mobile_number, p.dialstring AS mobile_dialstring
"""
_ORDER = {
    "username": "u.username",
    "number": "CAST(ie.number AS INTEGER)",
    "mobile": "CAST(me.number AS INTEGER)",
    "email": "u.email",
}
_SEARCH_INDEX = "py_lower(ifnull(u.username, '') || ' ' || ifnull(u.email, '') || ' ' || ie.number)"


def employee_list(conn: sqlite3.Connection, params: dict[str, Any]) -> dict[str, Any]:
    conn.create_function("py_lower", 1, _lower, deterministic=True)
    where, binds = _search(str(params.get("search") or ""))
    total = conn.execute(f"SELECT COUNT(u.id) {_FROM} {where}", binds).fetchone()[0]
    sql = f"{_COLUMNS} {_FROM} {where} ORDER BY {_order(params)}, u.id"
    if params.get("limit") is not None or params.get("offset") is not None:
        limit, offset = _page(params)
        sql += f" LIMIT {limit} OFFSET {offset}"
    rows = [_row(row) for row in conn.execute(sql, binds)]
    return {"data": rows, "recordsTotal": total, "recordsFiltered": total}


def _lower(value: Any) -> Any:
    return value.lower() if isinstance(value, str) else value


def _search(phrase: str) -> tuple[str, tuple[Any, ...]]:
    phrase = phrase.strip().lower()
    if not phrase:
        return "", ()
    if phrase.startswith("id:"):
        return "WHERE u.id = ?", (intval(phrase[3:]),)
    if phrase.startswith("email:"):
        return "WHERE u.email LIKE ?", (f"%{phrase[6:]}%",)
    if phrase.startswith("number:"):
        return "WHERE ie.number = ?", (phrase[7:],)
    if phrase.startswith("mobile:"):
        return "WHERE p.dialstring LIKE ?", (f"%{digits(phrase[7:])}%",)
    like = f"%{phrase}%"
    return f"WHERE (u.username LIKE ? OR {_SEARCH_INDEX} LIKE ?)", (like, like)


def _order(params: dict[str, Any]) -> str:
    field = params.get("order_by") or "username"
    direction = str(params.get("order_direction") or "ASC").upper()
    column = _ORDER.get(str(field), _ORDER["username"])
    return f"{column} {direction if direction in ('ASC', 'DESC') else 'ASC'}"


def _page(params: dict[str, Any]) -> tuple[int, int]:
    """AbstractGetListAction::applyPagination: 50 unless given, at most 1000."""
    limit = intval(params.get("limit", DEFAULT_LIMIT))
    limit = DEFAULT_LIMIT if limit <= 0 else min(limit, MAX_LIMIT)
    return limit, max(intval(params.get("offset", 0)), 0)


def _row(row: sqlite3.Row) -> dict[str, Any]:
    return {
        "id": int(row["id"]),
        "number": row["extension_number"] or "",
        "user_username": row["username"] or "",
        "user_email": row["email"] or "",
        "mobile": row["mobile_dialstring"] or row["mobile_number"] or "",
        "avatar": avatar_url(row["avatar"]),
        "disabled": str(row["sip_disabled"]) == "1",
    }
