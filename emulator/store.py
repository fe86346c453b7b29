"""The PBX's employee data as one object, shared by every API surface of the emulator."""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from typing import Any

from emulator.dialect import Dialect
from emulator.numbering import NumberPool, next_free_number
from emulator.records import read_record
from emulator.template import build

PBX_LANGUAGE = "en-en"
"""PBXLanguage of a fresh PBX; saveRecord copies it into m_Users.language."""


class Store:
    """The database connection, the numbers in use and the release being imitated."""

    def __init__(self, conn: sqlite3.Connection, dialect: Dialect, extension_length: int) -> None:
        self.conn = conn
        self.dialect = dialect
        self.extension_length = extension_length
        self.pool = NumberPool.load(conn)

    def next_number(self) -> str:
        return next_free_number(self.conn, self.pool, self.extension_length)

    def build(self, data: Mapping[str, Any]) -> dict[str, Any]:
        """A normalised record from request fields or a database row."""
        return build(data, self.dialect, self.next_number)

    def record(self, ext_id: str) -> dict[str, Any] | None:
        """getRecord of an existing employee's SIP extension, None if there is none."""
        row = read_record(self.conn, ext_id)
        return None if row is None else self.build(row)
