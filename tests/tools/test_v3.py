"""The tools on a v3 PBX (2026.1): ids are m_Users.id, auth by API key or the v3 login."""

from __future__ import annotations

import requests

from data import MobilePool
from pbx import v3
from suite.ledger import Ledger, LedgerRow
from suite.manifest import Manifest, write_manifest
from tools import cleanup, reconcile

API_KEY = "ab" * 32
SEED = 7


def create(host: str, index: int, headers: dict[str, str]) -> dict:
    """One employee as the suite makes it: mobile and e-mail from the same index."""
    template = requests.get(host + v3.TEMPLATE_PATH, headers=headers, timeout=10).json()["data"]
    template.update(
        user_username=f"Иван Петров {index}",
        user_email=f"ivan.petrov.{index}@mail.ru",
        mobile_number=MobilePool(SEED).mobile(index, "ru_RU"),
    )
    saved = requests.post(host + v3.SAVE_PATH, json=template, headers=headers, timeout=10)
    assert saved.status_code == 201, saved.text
    return saved.json()["data"]


def test_v3_reconcile_adopt_cleanup(tool, emulator_factory, pbx_employees, tmp_path) -> None:
    emulator = emulator_factory("--no-model", "--require-auth", "--api-key", API_KEY)
    headers = {"Authorization": f"Bearer {API_KEY}"}
    before = pbx_employees(emulator)
    created = [create(emulator.url, index, headers) for index in range(5)]
    ledger_path = str(tmp_path / "ledger.csv")
    ledger = Ledger(ledger_path)
    for data in created[:3]:  # the last two were created, then the answer was lost
        ledger.record(
            LedgerRow("r", "", "v3", data["id"], "", data["number"], data["user_username"],
                      data["user_email"], data["mobile_number"], "ru_RU")
        )  # fmt: skip
    ledger.close()
    write_manifest(Manifest("r", SEED, "v3", emulator.url, ["ru_RU"], None, ledger_path, ""))

    found = tool(reconcile, ledger_path, "--api-key", API_KEY)
    assert found.code == 1, found.err
    assert [line.rsplit(" id ", 1)[1] for line in found.lines("unconfirmed ")] == [
        created[3]["id"],
        created[4]["id"],
    ]
    assert tool(reconcile, ledger_path, "--api-key", API_KEY, "--adopt").code == 0
    # The v3 login (a JWT) works as well as the key.
    done = tool(cleanup, ledger_path, "--pbx-login", "admin", "--pbx-password", "admin", "--yes")
    assert done.lines("result: ") == ["result: 5 deleted"]
    assert pbx_employees(emulator) == before


def test_v3_on_a_legacy_pbx_says_so(tool, emulator_factory, tmp_path) -> None:
    emulator = emulator_factory("--no-model", "--api", "legacy")
    ledger_path = str(tmp_path / "ledger.csv")
    Ledger(ledger_path).close()
    run = tool(reconcile, ledger_path, "--host", emulator.url, "--api", "v3", "--run-seed", "1")
    assert run.code == 2
    assert run.err.splitlines() == [
        f"error: no v3 MikoPBX API at {emulator.url} (HTTP 404): a wrong --host, or a PBX older "
        "than 2026.1: give --api legacy"
    ]
