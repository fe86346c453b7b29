"""`python -m emulator`: serve one emulated PBX until SIGTERM or SIGINT."""

from __future__ import annotations

import shutil
import signal
import sqlite3
import sys
import tempfile
from pathlib import Path

import gevent
from gevent.event import Event

from emulator.app import create_app
from emulator.options import build_parser, to_config
from emulator.server import EmulatorServer

READY = "MikoPBX emulator listening on {url} (db {db})"
"""The one line printed on start; EmulatorProcess and the suite parse it."""


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    scratch = None if args.db else Path(tempfile.mkdtemp(prefix="mikopbx-emulator-"))
    database = str(Path(args.db).resolve()) if args.db else str(scratch / "mikopbx.db")
    app = None
    try:
        try:
            app = create_app(to_config(args, database))
        except sqlite3.Error as exc:
            print(f"emulator: cannot use the database {database}: {exc}", file=sys.stderr)
            return 2
        server = EmulatorServer((args.host, args.port), app)
        try:
            server.start()  # binds now, so the printed port is the real one (--port 0)
        except OSError as exc:
            print(f"emulator: cannot listen on {args.host}:{args.port}: {exc}", file=sys.stderr)
            return 2
        stop = _stop_on_signal()  # before the ready line: a caller may signal right after it
        print(READY.format(url=server.url, db=database), flush=True)
        stop.wait()
        server.stop(timeout=1)
        return 0
    finally:
        if app is not None:
            app.extensions["emulator.db"].close()
        if scratch is not None:
            shutil.rmtree(scratch, ignore_errors=True)


def _stop_on_signal() -> Event:
    stop = Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        gevent.signal_handler(signum, stop.set)
    return stop
