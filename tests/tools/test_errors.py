"""The tools' one-line errors: a wrong host, wrong credentials, an unreadable ledger, no seed."""

from __future__ import annotations

import pytest

from suite.ledger import Ledger
from suite.manifest import Manifest, write_manifest
from tools import cleanup, reconcile


@pytest.fixture
def empty_ledger(tmp_path) -> str:
    """A ledger with its header only, and no run manifest beside it."""
    path = str(tmp_path / "ledger.csv")
    Ledger(path).close()
    return path


def error_line(run) -> str:
    """The one line on stderr of a tool that exited with code 2."""
    assert run.code == 2
    (line,) = run.err.splitlines()
    return line


def test_a_wrong_host(tool, empty_ledger) -> None:
    run = tool(reconcile, empty_ledger, "--host", "http://127.0.0.1:9", "--run-seed", "1")
    assert error_line(run) == (
        "error: cannot reach the PBX at http://127.0.0.1:9: [Errno 111] Connection refused"
    )


def test_a_host_that_is_no_pbx(tool, emulator, empty_ledger) -> None:
    run = tool(cleanup, empty_ledger, "--host", emulator.url + "/elsewhere", "--yes")
    assert run.code == 0, "an empty ledger asks nothing of the PBX"
    run = tool(reconcile, empty_ledger, "--host", emulator.url + "/elsewhere", "--run-seed", "1")
    assert error_line(run) == (
        f"error: no legacy MikoPBX API at {emulator.url}/elsewhere (getForSelect: HTTP 404): "
        "a wrong --host, or a PBX of 2026.1 or later: give --api v3"
    )


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (None, "No such file or directory"),
        ("name,number\nx,1\n", "is not a ledger: columns ['name', 'number']"),
        (b"\xff\xfe\x00garbage", "codec can't decode byte 0xff"),
    ],
    ids=["missing", "not-a-ledger", "not-text"],
)
def test_an_unreadable_ledger(tool, tmp_path, content, reason) -> None:
    path = tmp_path / "ledger.csv"
    if isinstance(content, bytes):
        path.write_bytes(content)
    elif content is not None:
        path.write_text(content)
    line = error_line(tool(cleanup, str(path), "--host", "http://127.0.0.1:9"))
    assert line.startswith(f"error: cannot read the ledger {path}: ") and reason in line


def test_no_manifest_needs_a_host_and_a_seed(tool, emulator, empty_ledger) -> None:
    assert error_line(tool(cleanup, empty_ledger)) == (
        "error: no PBX address: the ledger has no run manifest beside it; give --host"
    )
    assert error_line(tool(reconcile, empty_ledger, "--host", emulator.url)) == (
        "error: no run seed: the ledger has no run manifest beside it; give --run-seed "
        "(the run printed it at its start: 'run <id>: seed <n>')"
    )


def test_credentials(tool, emulator_factory, empty_ledger) -> None:
    emulator = emulator_factory("--no-model", "--require-auth")
    write_manifest(Manifest("r", 1, "legacy", emulator.url, ["ru_RU"], None, empty_ledger, ""))
    assert error_line(tool(reconcile, empty_ledger)) == (
        f"error: the PBX at {emulator.url} wants a login: give --pbx-login and --pbx-password"
    )
    wrong = tool(reconcile, empty_ledger, "--pbx-login", "admin", "--pbx-password", "nimda")
    assert error_line(wrong) == (
        f"error: the PBX at {emulator.url} refused the login 'admin': "
        "Authorization failed, you have 9 attempts left"
    )
    assert "nimda" not in wrong.err
    right = tool(reconcile, empty_ledger, "--pbx-login", "admin", "--pbx-password", "admin")
    assert right.code == 0, right.err
    assert right.lines("result: ") == ["result: 0 as recorded, 0 missing, 0 differ, 0 unconfirmed"]
