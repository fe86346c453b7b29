"""Shared fixtures: live emulators in child processes, each on its own port and database."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from emulator.process import EmulatorProcess


@pytest.fixture
def emulator() -> Iterator[EmulatorProcess]:
    """A fresh emulator with the PBX model off (fast answers), on a temporary database."""
    emu = EmulatorProcess.start("--no-model")
    try:
        yield emu
    finally:
        emu.stop()


@pytest.fixture
def emulator_factory() -> Iterator[Callable[..., EmulatorProcess]]:
    """Start emulators with any CLI arguments; all are stopped at teardown."""
    started: list[EmulatorProcess] = []

    def start(*args: str, db: str | None = None) -> EmulatorProcess:
        emu = EmulatorProcess.start(*args, db=db)
        started.append(emu)
        return emu

    try:
        yield start
    finally:
        for emu in started:
            emu.stop()
