"""Emulator of the MikoPBX employee REST API, legacy and v3 (Flask + SQLite, served by gevent)."""

from emulator.app import create_app

__all__ = ["create_app"]
