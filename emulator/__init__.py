"""Emulator of the MikoPBX legacy employee REST API (Flask + SQLite, served by gevent)."""

from emulator.app import create_app

__all__ = ["create_app"]
