"""With no --host, the suite targets an emulator of its own, started for this Locust process."""

from __future__ import annotations

import atexit
import logging
import shlex
import weakref
from typing import Any

from emulator.process import EmulatorProcess

log = logging.getLogger(__name__)
_started: weakref.WeakKeyDictionary[Any, EmulatorProcess] = weakref.WeakKeyDictionary()


def needs_emulator(environment: Any) -> bool:
    """True when neither the command line nor a user class names a PBX."""
    if environment.host:
        return False
    return not any(getattr(user_class, "host", None) for user_class in environment.user_classes)


def start_emulator(environment: Any) -> EmulatorProcess:
    """Start the emulator (its PBX model on, unless --emulator-options say otherwise)."""
    options = shlex.split(environment.parsed_options.emulator_options or "")
    emulator = EmulatorProcess.start(*options)
    atexit.register(emulator.stop)
    _started[environment] = emulator
    environment.host = emulator.url
    environment.parsed_options.host = emulator.url
    log.info(
        "no --host given: targeting the MikoPBX emulator at %s (database %s)",
        emulator.url,
        emulator.db_path,
    )
    return emulator


def keep_host(environment: Any) -> None:
    """A test started from the web UI with its host field cleared still targets the emulator."""
    emulator = _started.get(environment)
    if emulator is not None and not environment.host:
        environment.host = emulator.url
