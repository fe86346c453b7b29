"""Fixtures of the emulator's tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from emulator.process import EmulatorProcess
from tests.emulator.client import Api
from tests.emulator.v3_client import V3Api


@pytest.fixture
def api(emulator: EmulatorProcess) -> Api:
    """A client of a fresh emulator (model off, demo employees 201-203 present)."""
    return Api(emulator)


@pytest.fixture(scope="module")
def shared_api() -> Iterator[Api]:
    """One emulator for a module's tests that only read (saves no employee)."""
    emu = EmulatorProcess.start("--no-model")
    try:
        yield Api(emu)
    finally:
        emu.stop()


@pytest.fixture(scope="module")
def v3() -> Iterator[V3Api]:
    """One v3 client per module (4-digit numbers); a test that saves uses numbers of its own."""
    emu = EmulatorProcess.start("--no-model", "--extension-length", "4")
    try:
        yield V3Api(emu)
    finally:
        emu.stop()
