"""The SQLite database: one connection per app, schema and seed on first open.

One connection is enough and fastest: the server runs every request in greenlets of
one OS thread, and no code yields to the gevent hub between BEGIN and COMMIT, so
transactions never interleave.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources

# Fresh-PBX autoincrement counters, so new ids look like the real ones whether or
# not the demo employees are seeded.
_SEQUENCES = {
    "m_Users": 112,
    "m_Extensions": 179,
    "m_Sip": 77,
    "m_ExtensionForwardingRights": 26,
    "m_ExternalPhones": 20,
}


def _sql(name: str) -> str:
    return resources.files("emulator").joinpath(name).read_text(encoding="utf-8")


def connect(path: str) -> sqlite3.Connection:
    """Open `path` in autocommit mode (transactions are explicit) with fast settings.

    WAL lets readers (tests, reconciliation) look while the emulator writes, and
    synchronous=NORMAL skips the fsync per commit: a crash may lose the last
    commits, which an emulator can afford.
    """
    conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute("PRAGMA busy_timeout=5000")
    return conn


def init(conn: sqlite3.Connection, demo: bool) -> bool:
    """Create the tables and seed a fresh PBX unless the file already has them.

    Returns True when the database was seeded now.
    """
    seeded = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type='table' AND name='m_Extensions'"
    ).fetchone()
    conn.executescript(_sql("schema.sql"))
    if seeded:
        return False
    with transaction(conn):
        for statement in _statements(_sql("seed.sql") + (_sql("demo.sql") if demo else "")):
            conn.execute(statement)
        for table, seq in _SEQUENCES.items():
            conn.execute("DELETE FROM sqlite_sequence WHERE name = ?", (table,))
            conn.execute("INSERT INTO sqlite_sequence (name, seq) VALUES (?, ?)", (table, seq))
    return True


def _statements(script: str) -> Iterator[str]:
    """Split a seed script into statements (its strings hold no semicolons)."""
    lines = [line for line in script.splitlines() if not line.lstrip().startswith("--")]
    for statement in "\n".join(lines).split(";"):
        if statement.strip():
            yield statement


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """BEGIN ... COMMIT, or ROLLBACK when the block raises."""
    conn.execute("BEGIN")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
