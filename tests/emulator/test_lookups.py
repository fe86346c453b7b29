"""deleteRecord, getForSelect and available."""

from __future__ import annotations

import pytest

from tests.emulator.client import Api

TABLES = ("m_Users", "m_Extensions", "m_Sip", "m_ExtensionForwardingRights", "m_ExternalPhones")
LIB = "MikoPBX\\PBXCoreREST\\Lib\\Extensions\\"


def test_delete_removes_the_whole_employee(api: Api) -> None:
    saved = api.create(number="210", mobile_number="79260000210", fwd_forwarding="79260000210")
    answer = api.post("deleteRecord", id=saved["id"]).json()
    assert (answer["result"], answer["data"]) == (True, {"id": saved["id"]})
    assert answer["processor"] == LIB + "DeleteRecordAction::main"
    q = api.emu.query
    assert not q("SELECT 1 FROM m_Users WHERE id = ?", (saved["user_id"],))
    assert not q("SELECT 1 FROM m_Extensions WHERE userid = ?", (saved["user_id"],))
    assert not q("SELECT 1 FROM m_Sip WHERE uniqid = ?", (saved["sip_uniqid"],))
    assert not q("SELECT 1 FROM m_ExternalPhones WHERE uniqid = ?", (saved["mobile_uniqid"],))
    assert not q("SELECT 1 FROM m_ExtensionForwardingRights WHERE extension = '210'")


def test_delete_by_the_mobile_extension_id(api: Api) -> None:
    saved = api.create(number="211", mobile_number="79260000211")
    mobile_id = api.emu.query("SELECT id FROM m_Extensions WHERE number = '79260000211'")[0][0]
    assert api.post("deleteRecord", id=mobile_id).json()["result"] is True
    assert not api.emu.query("SELECT 1 FROM m_Users WHERE id = ?", (saved["user_id"],))


def test_delete_unknown_id(api: Api) -> None:
    answer = api.post("deleteRecord", id="99999").json()
    assert (answer["result"], answer["data"]) == (False, [])
    assert answer["messages"] == {"error": ["Extension with id 99999 does not exist"]}


@pytest.mark.parametrize(
    ("version", "message"),
    [("2024.1", "Empty ID in POST/GET data"), ("2023.2", "empty ID in POST/GET data")],
    ids=["2024.1", "2023.2"],
)
def test_delete_without_id(emulator_factory, version, message) -> None:
    api = Api(emulator_factory("--no-model", "--pbx-version", version))
    assert api.post("deleteRecord").json()["messages"] == {"error": [message]}


def test_delete_refused_while_someone_forwards_to_the_employee(api: Api) -> None:
    target = api.create(number="212")
    api.create(number="213", fwd_forwarding="212")
    before = [api.emu.query(f"SELECT COUNT(*) FROM {t}")[0][0] for t in TABLES]
    answer = api.post("deleteRecord", id=target["id"]).json()
    assert answer["result"] is False and answer["data"] == {"id": target["id"]}
    assert answer["messages"]["error"][0].startswith(
        "There are references to the object - Employee routing settings - <a href='#'>"
    )
    # The whole delete rolled back, the target's own forwarding row included.
    after = [api.emu.query(f"SELECT COUNT(*) FROM {t}")[0][0] for t in TABLES]
    assert before == after


def test_delete_of_a_queue_id_deletes_nothing(api: Api) -> None:
    answer = api.post("deleteRecord", id="150").json()
    assert answer["result"] is True
    assert api.emu.query("SELECT number FROM m_Extensions WHERE id = 150")[0][0] == "2001"


def values(api: Api, kind: str) -> list[str]:
    answer = api.get("getForSelect", type=kind).json()
    assert answer["result"] is True
    return [item["value"] for item in answer["data"]]


def test_get_for_select_all(shared_api: Api) -> None:
    answer = shared_api.get("getForSelect").json()
    assert answer["processor"] == LIB + "DropdownsAction::getForSelect"
    items = answer["data"]
    assert all(list(item) == ["name", "value", "type", "typeLocalized"] for item in items)
    found = {item["value"]: item for item in items}
    assert found["89261111111"]["type"] == "USER"  # mobiles are listed as the user's
    assert found["201"]["name"].endswith(" Smith James <201>")
    assert found["2001"]["typeLocalized"] == "Call Queues"
    assert found["voicemail"]["type"] == "SYSTEM"
    assert not {"800", "801", "820", "did2user", "000063"} & set(found)  # not in phonebook


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("internal", ["201", "202", "203"]),
        ("phones", ["201", "202", "203", "89161111111", "89251111111", "89261111111"]),
    ],
    ids=["internal", "phones"],
)
def test_get_for_select_by_type(shared_api: Api, kind: str, expected: list[str]) -> None:
    assert sorted(values(shared_api, kind)) == expected


def test_get_for_select_routing_keeps_did2user_out_of_all_only(shared_api: Api) -> None:
    assert "did2user" in values(shared_api, "routing")
    assert "did2user" not in values(shared_api, "all")


def test_get_for_select_sorts_by_type_then_name(shared_api: Api) -> None:
    types = [item["type"] for item in shared_api.get("getForSelect").json()["data"]]
    assert types == sorted(types)


@pytest.mark.parametrize(
    ("number", "data"),
    [
        ("555", {"available": True}),
        ("801", {"available": False, "represent": "ex_ThisNumberOverlapWithParkingSlots"}),
        ("2001", {"available": False, "represent": "ex_ThisNumberIsNotFree"}),
        ("voicemail", {"available": False, "represent": "ex_ThisNumberIsNotFree"}),
    ],
    ids=["free", "parking", "queue", "system"],
)
def test_available(shared_api: Api, number: str, data: dict) -> None:
    answer = shared_api.get("available", number=number).json()
    assert (answer["result"], answer["data"]) == (True, data)


def test_available_names_the_user(shared_api: Api) -> None:
    data = shared_api.get("available", number="89161111111").json()["data"]
    assert (data["available"], data["userId"]) == (False, 111)
    assert data["represent"].endswith(" Brown Brandon <89161111111>")


@pytest.mark.parametrize("number", ["", "0"], ids=["empty", "zero"])
def test_available_without_number(shared_api: Api, number: str) -> None:
    answer = shared_api.get("available", number=number).json()
    assert answer["messages"] == {"error": ["Empty number value in POST/GET data"]}
