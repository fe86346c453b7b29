"""The v3 employee routes: template, create, read, list, update, patch, delete, batch."""

from __future__ import annotations

import re

import pytest

from tests.emulator.client import Api
from tests.emulator.v3_client import LIB, V3Api

TEMPLATE_KEYS = [
    "id", "user_username", "user_email", "user_avatar", "number", "extensions_length",
    "sip_secret", "sip_enableRecording", "sip_dtmfmode", "sip_transport", "sip_manualattributes",
    "fwd_ringlength", "mobile_number", "mobile_dialstring", "sip_networkfilterid",
    "sip_networkfilterid_represent", "fwd_forwarding", "fwd_forwarding_represent",
    "fwd_forwardingonbusy", "fwd_forwardingonbusy_represent", "fwd_forwardingonunavailable",
    "fwd_forwardingonunavailable_represent",
]  # fmt: skip
ENVELOPE = ["result", "data", "messages", "function", "processor", "pid"]
LIST_ROW = ["id", "number", "user_username", "user_email", "mobile", "avatar", "disabled"]


def test_get_default(v3: V3Api) -> None:
    response = v3.call("GET", "employees:getDefault")
    body = response.json()
    assert response.status_code == 200
    assert list(body) == [*ENVELOPE, "meta"]
    assert (body["function"], body["processor"]) == (
        "getDefault",
        LIB + "Employees\\GetDefaultAction::main",
    )
    data = body["data"]
    assert list(data) == TEMPLATE_KEYS
    assert (data["id"], data["number"], data["extensions_length"]) == ("", "204", 4)
    assert re.fullmatch(r"[1-9A-HJ-NP-Za-km-z]{20}", data["sip_secret"])
    assert (data["sip_enableRecording"], data["fwd_ringlength"]) == (True, 45)
    assert (data["sip_transport"], data["sip_networkfilterid"]) == ("udp,tcp", "none")
    assert data["user_avatar"] == "/admin-cabinet/assets/img/unknownPerson.jpg"
    assert data["sip_networkfilterid_represent"].endswith(
        "Connections from any addresses are allowed"
    )
    assert v3.template()["sip_secret"] != data["sip_secret"]


def test_create_answers_201_with_the_employee(v3: V3Api) -> None:
    fields = {"user_username": "Ada Lovelace", "user_email": "ada@example.com", "number": "4001"}
    response = v3.post(mobile_number="79265551001", fwd_forwarding="4002", **fields)
    body = response.json()
    assert response.status_code == 201
    assert list(body) == [*ENVELOPE, "httpCode", "reload", "meta"]
    user_id = body["data"]["id"]
    assert (body["httpCode"], body["reload"]) == (201, f"extensions/modify/{user_id}")
    assert (body["function"], body["processor"]) == (
        "create",
        LIB + "Employees\\SaveRecordAction::main",
    )
    assert list(body["data"]) == TEMPLATE_KEYS
    assert {k: body["data"][k] for k in fields} == fields
    assert body["data"]["mobile_number"] == "79265551001"
    rows = v3.emu.query(
        "SELECT e.type, e.number, e.public_access, s.transport, f.forwarding, f.ringlength"
        " FROM m_Extensions e LEFT JOIN m_Sip s ON s.extension = e.number"
        " LEFT JOIN m_ExtensionForwardingRights f ON f.extension = e.number"
        " WHERE e.userid = ? ORDER BY e.id",
        (user_id,),
    )
    assert [tuple(row) for row in rows] == [
        ("SIP", "4001", "1", "udp,tcp", "4002", 45),
        ("EXTERNAL", "79265551001", "1", None, None, None),
    ]


def test_created_on_v3_is_seen_on_legacy_and_back(v3: V3Api) -> None:
    legacy = Api(v3.emu)
    created = v3.create(user_username="Cross One", number="4011", mobile_number="79265551011")
    ext_id = v3.emu.query("SELECT id FROM m_Extensions WHERE number = '4011'")[0][0]
    record = legacy.get("getRecord", id=str(ext_id)).json()["data"]
    assert (record["user_id"], record["user_username"]) == (created["id"], "Cross One")
    assert (record["mobile_number"], record["sip_secret"]) == ("79265551011", created["sip_secret"])
    saved = legacy.create(number="4012", user_username="Cross Two", mobile_number="79265551012")
    seen = v3.call("GET", f"employees/{saved['user_id']}").json()["data"]
    assert (seen["number"], seen["user_username"], seen["mobile_number"]) == (
        "4012",
        "Cross Two",
        "79265551012",
    )
    assert seen["sip_secret"] == saved["sip_secret"]


@pytest.mark.parametrize(
    ("path", "message"),
    [("employees/999", "Employee with user_id 999 not found")],
    ids=["unknown-id"],
)
def test_get_record_of_nobody_is_422(v3: V3Api, path: str, message: str) -> None:
    response = v3.call("GET", path)
    assert (response.status_code, v3.errors(response)) == (422, [message])


def test_a_user_without_sip_account_shows_the_template(v3: V3Api) -> None:
    admin = v3.call("GET", "employees/1").json()["data"]
    assert (admin["id"], admin["user_username"]) == ("1", "Account of the administrator")
    assert admin["number"] == v3.template()["number"]  # the next free one, as on the PBX


def test_list_rows_and_totals(v3: V3Api) -> None:
    body = v3.call("GET", "employees", params={"search": "number:201"}).json()
    assert body["data"]["recordsTotal"] == body["data"]["recordsFiltered"] == 1
    (row,) = body["data"]["data"]
    assert list(row) == LIST_ROW
    assert row == {
        "id": 110,
        "number": "201",
        "user_username": "Smith James",
        "user_email": "",
        "mobile": "89261111111",
        "avatar": "/admin-cabinet/assets/img/unknownPerson.jpg",
        "disabled": False,
    }


@pytest.mark.parametrize(
    ("params", "names"),
    [
        ({"search": "smith"}, ["Smith James"]),
        ({"search": "SMITH"}, ["Smith James"]),
        ({"search": "20", "order_by": "number", "order_direction": "desc"},
         ["Collins Melanie", "Brown Brandon", "Smith James"]),
        ({"search": "mobile:8 (916)"}, ["Brown Brandon"]),
        ({"search": "id:112"}, ["Collins Melanie"]),
        ({"search": "number:20"}, []),
        ({"search": "a", "limit": "2"}, ["Account of the administrator", "Brown Brandon"]),
        ({"search": "a", "limit": "2", "offset": "2"}, ["Collins Melanie", "Smith James"]),
    ],
    ids=["name", "case", "number-desc", "mobile", "id", "number-exact", "limit", "offset"],
)  # fmt: skip
def test_list_search_and_pages(shared_api: Api, params: dict, names: list[str]) -> None:
    v3 = V3Api(shared_api.emu)  # a PBX with only the demo employees
    data = v3.call("GET", "employees", params=params).json()["data"]
    assert [row["user_username"] for row in data["data"]] == names


def test_list_limit_is_at_most_1000(emulator) -> None:
    v3 = V3Api(emulator)
    for number in range(4100, 4105):
        v3.create(user_username=f"Page {number}", number=str(number))
    data = v3.call("GET", "employees", params={"limit": "5000", "offset": "-3"}).json()["data"]
    assert (len(data["data"]), data["recordsTotal"]) == (9, 9)
    assert len(v3.call("GET", "employees", params={"limit": "0"}).json()["data"]["data"]) == 9


def test_put_replaces_and_drops_the_mobile(v3: V3Api) -> None:
    created = v3.create(user_username="Put Me", number="4201", mobile_number="79265554201")
    body = {"user_username": "Put Done", "number": "4202", "sip_dtmfmode": "rfc4733"}
    response = v3.call("PUT", f"employees/{created['id']}", json=body)
    answer = response.json()
    assert (response.status_code, answer["httpCode"], answer["function"]) == (200, 200, "update")
    assert "reload" not in answer
    data = answer["data"]
    assert (data["user_username"], data["number"], data["sip_dtmfmode"]) == (
        "Put Done",
        "4202",
        "rfc4733",
    )
    assert (data["mobile_number"], data["sip_secret"]) == ("", created["sip_secret"])
    assert not v3.emu.query("SELECT 1 FROM m_Extensions WHERE number IN ('4201', '79265554201')")


def test_patch_changes_only_what_it_is_given(v3: V3Api) -> None:
    created = v3.create(user_username="Patch Me", number="4301", mobile_number="79265554301")
    response = v3.call("PATCH", f"employees/{created['id']}", data={"user_email": "p@example.com"})
    data = response.json()["data"]
    assert (response.status_code, response.json()["function"]) == (200, "patch")
    assert (data["user_email"], data["number"], data["mobile_number"]) == (
        "p@example.com",
        "4301",
        "79265554301",
    )


@pytest.mark.parametrize("method", ["PUT", "PATCH"])
def test_put_and_patch_of_nobody_are_404(v3: V3Api, method: str) -> None:
    fields = {"user_username": "Ghost", "number": "4401", "sip_secret": "Xy7pQ2mL9vR4"}
    response = v3.call(method, "employees/9999", json=fields)
    assert response.status_code == 404
    assert response.json()["httpCode"] == 404
    assert not v3.emu.query("SELECT 1 FROM m_Users WHERE id = 9999")


def test_delete_removes_every_row(v3: V3Api) -> None:
    created = v3.create(user_username="Delete Me", number="4501", mobile_number="79265554501")
    response = v3.call("DELETE", f"employees/{created['id']}")
    assert (response.status_code, response.json()["data"]) == (200, {"deleted_id": created["id"]})
    for table in ("m_Users", "m_Extensions", "m_Sip", "m_ExternalPhones"):
        column = (
            "id" if table == "m_Users" else "userid" if table == "m_Extensions" else "extension"
        )
        value = created["id"] if column != "extension" else "4501"
        assert not v3.emu.query(f"SELECT 1 FROM {table} WHERE {column} = ?", (value,))
    again = v3.call("DELETE", f"employees/{created['id']}")
    assert (again.status_code, v3.errors(again)) == (
        422,
        [f"Employee not found (ID: {created['id']})"],
    )
    assert v3.template()["number"] == "204"  # the number is free again (4501 was never next)


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        ("9876", {"available": True}),
        ("801", {"available": False, "represent": "ex_ThisNumberOverlapWithParkingSlots"}),
        ("2001", {"available": False, "represent": "ex_ThisNumberIsNotFree"}),
    ],
    ids=["free", "parking", "queue"],
)
def test_extensions_available(v3: V3Api, number: str, expected: dict) -> None:
    response = v3.call("POST", "extensions:available", json={"number": number})
    body = response.json()
    assert (response.status_code, body["data"], body["function"]) == (200, expected, "available")


def test_extensions_available_of_an_employee(v3: V3Api) -> None:
    data = v3.call("POST", "extensions:available", data={"number": "202"}).json()["data"]
    assert (data["available"], data["userId"]) == (False, 111)
    assert data["represent"].endswith("Brown Brandon <202>")


def test_form_body_and_query_over_body(v3: V3Api) -> None:
    form = {**v3.template(), "user_username": "From Form", "number": "4601"}
    form["sip_enableRecording"] = "0"
    response = v3.call("POST", "employees", data=form, params={"user_username": "From Query"})
    data = response.json()["data"]
    assert (response.status_code, data["user_username"]) == (201, "From Query")
    assert (data["number"], data["sip_enableRecording"]) == ("4601", False)


def test_batch_create(v3: V3Api) -> None:
    employees = [
        {"user_username": "Batch One", "number": "4701"},
        {"user_username": "Batch Two"},
        {"user_username": "", "number": "4703"},
        {"user_username": "Batch Four", "number": "4704"},
    ]
    body = {"employees": employees, "mode": "create", "skip_errors": True}
    answer = v3.call("POST", "employees:batchCreate", json=body).json()
    stats = answer["data"]["stats"]
    assert (answer["result"], stats["created"], stats["failed"], stats["total"]) == (True, 3, 1, 4)
    statuses = [result["status"] for result in answer["data"]["results"]]
    assert statuses == ["created", "created", "validation_failed", "created"]
    assert answer["data"]["results"][2]["errors"] == ["Enter username"]
    assert answer["data"]["results"][1]["data"]["number"] == "204"
    assert answer["messages"] == {
        "info": ["Successfully created 3 employees"],
        "warning": ["Failed to process 1 records"],
        "error": ["Record 2: validation error"],
    }


@pytest.mark.parametrize(
    ("body", "status", "error"),
    [
        ({"employees": [{"user_username": "", "number": "4801"}, {"user_username": "Never"}]},
         422, "Record 0: validation error"),
        ({"employees": [{}] * 21}, 422, "Batch size exceeds maximum of 20 records. Provided: 21"),
        ({"employees": [], "mode": "create"}, 422, "Employee array is required"),
        ({"employees": [{}], "mode": "dry"}, 422,
         "Invalid mode. Allowed values: validate or create"),
    ],
    ids=["stops-at-first-error", "too-many", "empty", "bad-mode"],
)  # fmt: skip
def test_batch_refusals(v3: V3Api, body: dict, status: int, error: str) -> None:
    response = v3.call("POST", "employees:batchCreate", json=body)
    assert (response.status_code, v3.errors(response)[0]) == (status, error)
    assert not v3.emu.query("SELECT 1 FROM m_Users WHERE username = 'Never'")


@pytest.mark.parametrize(
    ("method", "path", "status", "error"),
    [
        ("GET", "employees/abc", 404, "Endpoint not found: /pbxcore/api/v3/employees/abc"),
        ("GET", "nowhere?x=1", 404, "Endpoint not found: /pbxcore/api/v3/nowhere?x=1"),
        ("POST", "employees:getDefault", 405, "Method 'getDefault' is not allowed with HTTP POST"),
        ("GET", "employees:batchCreate", 405, "Method 'batchCreate' is not allowed with HTTP GET"),
        ("PUT", "employees", 400, "Employee ID is required for update"),
        ("DELETE", "employees", 422, "Invalid employee ID"),
    ],
    ids=["non-numeric-id", "unknown", "getDefault-by-post", "batch-by-get", "put-without-id",
         "delete-without-id"],
)  # fmt: skip
def test_routing_errors(v3: V3Api, method: str, path: str, status: int, error: str) -> None:
    response = v3.call(method, path)
    assert (response.status_code, v3.errors(response)) == (status, [error])


def test_unknown_route_shape(v3: V3Api) -> None:
    body = v3.call("GET", "nowhere").json()
    assert list(body) == ["success", "messages", "data", "meta"]
    assert (body["success"], body["data"]) == (False, None)


def test_head_is_not_an_operation(v3: V3Api) -> None:
    assert v3.call("HEAD", "employees").status_code == 405
    assert v3.call("GET", "employees/").status_code == 200
