"""saveRecord: normalisation, the five table writes, rollback, updates and uniqid reuse."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import requests

from emulator.process import EmulatorProcess
from tests.emulator.client import Api

TABLES = ("m_Users", "m_Extensions", "m_Sip", "m_ExtensionForwardingRights", "m_ExternalPhones")
NOT_UNIQUE = {"error": ["mo_ThisNumberNotUniqueForExtensionsModels"]}
EMPTY_NUMBER = {"error": ["Empty number value in POST/GET data"]}
LIB = "MikoPBX\\PBXCoreREST\\Lib\\"


@pytest.fixture(scope="module")
def pbx() -> Iterator[Api]:
    """One emulator for this module; each test uses numbers and mobiles of its own."""
    emu = EmulatorProcess.start("--no-model", "--extension-length", "4")
    try:
        yield Api(emu)
    finally:
        emu.stop()


def counts(api: Api) -> dict[str, int]:
    return {table: api.emu.query(f"SELECT COUNT(*) FROM {table}")[0][0] for table in TABLES}


@pytest.mark.parametrize(
    ("fields", "key", "expected"),
    [
        ({"number": " 3-0-1 "}, "number", "301"),
        ({"number": "302", "mobile_number": "+7 (926) 111-22-33"}, "mobile_number", "79261112233"),
        (
            {"number": "303", "mobile_number": "+7 926 111 22 34"},
            "mobile_dialstring",
            "79261112234",
        ),
        (
            {"number": "304", "mobile_number": "79261112235", "mobile_dialstring": "8-926"},
            "mobile_dialstring",
            "8-926",
        ),
        ({"number": "305", "fwd_forwarding": "+7 (926) 000"}, "fwd_forwarding", "7926000"),
        (
            {"number": "306", "fwd_forwardingonbusy": "voicemail"},
            "fwd_forwardingonbusy",
            "voicemail",
        ),
        (
            {"number": "307", "fwd_forwardingonunavailable": "busy"},
            "fwd_forwardingonunavailable",
            "busy",
        ),
        ({"number": "308", "fwd_forwarding": "hangup"}, "fwd_forwarding", "hangup"),
        ({"number": "309", "fwd_forwarding": "Voicemail"}, "fwd_forwarding", ""),
        ({"number": "310", "sip_dtmfmode": "", "sip_networkfilterid": ""}, "sip_dtmfmode", "auto"),
        ({"number": "311", "sip_secret": ""}, "sip_secret", "generated"),
        (
            {"number": "312", "user_username": "<b>Ünïcødé</b> 李"},
            "user_username",
            "<b>Ünïcødé</b> 李",
        ),
    ],
    ids=[
        "number-digits",
        "mobile-digits",
        "dialstring-defaults-to-mobile",
        "dialstring-kept",
        "forwarding-digits",
        "voicemail-kept",
        "busy-kept",
        "hangup-kept",
        "other-words-stripped",
        "empty-defaults",
        "empty-secret-generated",
        "username-as-given",
    ],
)
def test_normalisation(pbx: Api, fields: dict, key: str, expected: str) -> None:
    saved = pbx.create(**fields)
    if expected == "generated":
        assert len(saved[key]) == 16
    else:
        assert saved[key] == expected


def test_number_without_digits_takes_the_next_free(pbx: Api) -> None:
    offered = pbx.template()["number"]
    assert pbx.create(number="abc")["number"] == offered


@pytest.mark.parametrize(
    "number", [None, "", "0"], ids=["missing", "empty", "zero-is-empty-in-php"]
)
def test_empty_number_is_refused(pbx: Api, number: str | None) -> None:
    fields = {k: v for k, v in pbx.template().items() if k != "number"}
    if number is not None:
        fields["number"] = number
    before = counts(pbx)
    answer = pbx.post("saveRecord", **fields).json()
    assert (answer["result"], answer["messages"], answer["data"]) == (False, EMPTY_NUMBER, [])
    assert answer["processor"] == LIB + "ExtensionsManagementProcessor::callBack"
    assert answer["function"] == "saveRecord"
    assert counts(pbx) == before


def test_json_body_is_not_read(pbx: Api) -> None:
    response = pbx.http.post(pbx.base + "saveRecord", json={**pbx.template(), "number": "320"})
    assert response.json()["messages"] == EMPTY_NUMBER


def test_post_ignores_the_query_string(pbx: Api) -> None:
    response = pbx.http.post(pbx.base + "saveRecord", params={"number": "321"}, data={"x": "1"})
    assert response.json()["messages"] == EMPTY_NUMBER


def test_get_reads_the_query_string(pbx: Api) -> None:
    answer = pbx.get("saveRecord", number="322", user_username="Via Get").json()
    assert answer["result"] is True
    assert answer["data"]["number"] == "322"


@pytest.mark.parametrize(
    ("ringlength", "forwarding", "stored"),
    [("30", "79000000001", 30), ("", "79000000002", 45), ("0", "", 0), ("", "", 0), ("45", "", 45)],
    ids=["given", "forwarding-default-45", "zero", "nothing", "template-default"],
)
def test_ringlength_rule(pbx: Api, ringlength, forwarding, stored) -> None:
    saved = pbx.create(fwd_ringlength=ringlength, fwd_forwarding=forwarding, number="x")
    row = pbx.emu.query(
        "SELECT ringlength FROM m_ExtensionForwardingRights WHERE extension = ?", (saved["number"],)
    )
    assert row[0]["ringlength"] == stored


def test_success_answer(pbx: Api) -> None:
    answer = pbx.save(number="330", user_username="Olga")
    assert answer["result"] is True and answer["messages"] == []
    assert answer["function"] == "saveRecord"
    assert answer["processor"] == LIB + "Extensions\\SaveRecordAction::main"
    data = answer["data"]
    assert list(data)[:1] == ["id"] and data["id"].isdigit() and data["user_id"].isdigit()
    ext = pbx.emu.query("SELECT * FROM m_Extensions WHERE id = ?", (data["id"],))[0]
    assert (ext["number"], str(ext["userid"]), ext["type"]) == ("330", data["user_id"], "SIP")


def test_rows_in_all_five_tables(pbx: Api) -> None:
    before = counts(pbx)
    saved = pbx.create(
        number="340",
        user_username="Jean-Luc O'Neil 李",
        user_email="jl@example.com",
        mobile_number="79260000340",
        fwd_forwarding="79260000340",
        fwd_forwardingonbusy="79260000340",
    )
    after = counts(pbx)
    added = {table: after[table] - before[table] for table in TABLES}
    assert added == {
        "m_Users": 1,
        "m_Extensions": 2,
        "m_Sip": 1,
        "m_ExtensionForwardingRights": 1,
        "m_ExternalPhones": 1,
    }
    q = pbx.emu.query
    user = q("SELECT * FROM m_Users WHERE id = ?", (saved["user_id"],))[0]
    assert (user["username"], user["email"], user["language"]) == (
        "Jean-Luc O'Neil 李",
        "jl@example.com",
        "en-en",
    )
    sip_ext, mobile_ext = q(
        "SELECT * FROM m_Extensions WHERE userid = ? ORDER BY id", (saved["user_id"],)
    )
    assert (sip_ext["type"], sip_ext["number"], sip_ext["callerid"]) == (
        "SIP",
        "340",
        "JeanLuc ONeil ",
    )
    assert (sip_ext["show_in_phonebook"], sip_ext["public_access"]) == ("1", "0")
    assert (mobile_ext["type"], mobile_ext["number"]) == ("EXTERNAL", "79260000340")
    sip = q("SELECT * FROM m_Sip WHERE extension = '340'")[0]
    assert (sip["uniqid"], sip["secret"], sip["type"]) == (
        saved["sip_uniqid"],
        saved["sip_secret"],
        "peer",
    )
    assert (sip["description"], sip["networkfilterid"], sip["port"]) == (
        "Jean-Luc O'Neil 李",
        None,
        5060,
    )
    fwd = q("SELECT * FROM m_ExtensionForwardingRights WHERE extension = '340'")[0]
    assert (fwd["forwarding"], fwd["forwardingonbusy"], fwd["ringlength"]) == (
        "79260000340",
    ) * 2 + (45,)
    phone = q("SELECT * FROM m_ExternalPhones WHERE extension = '79260000340'")[0]
    assert (phone["uniqid"], phone["dialstring"]) == (saved["mobile_uniqid"], "79260000340")


@pytest.mark.parametrize(
    "fields",
    [{"number": "201"}, {"number": "350", "mobile_number": "89261111111"}, {"number": "800"}],
    ids=["taken-number", "taken-mobile", "parking-number"],
)
def test_duplicate_rolls_back_every_table(pbx: Api, fields: dict) -> None:
    before = counts(pbx)
    answer = pbx.save(user_username="Duplicate", **fields)
    assert (answer["result"], answer["messages"], answer["data"]) == (False, NOT_UNIQUE, [])
    assert counts(pbx) == before
    assert not pbx.emu.query("SELECT 1 FROM m_Users WHERE username = 'Duplicate'")


def test_mobile_equal_to_own_number_is_a_duplicate(pbx: Api) -> None:
    answer = pbx.save(number="351", mobile_number="351")
    assert answer["messages"] == NOT_UNIQUE


def test_update_by_user_id(pbx: Api) -> None:
    saved = pbx.create(number="360", user_username="Before", mobile_number="79260000360")
    before = counts(pbx)
    record = pbx.get("getRecord", id=saved["id"]).json()["data"]
    updated = pbx.create(**{**record, "number": "361", "user_username": "After"})
    assert counts(pbx) == before
    assert (updated["id"], updated["user_id"]) == (saved["id"], saved["user_id"])
    assert (updated["number"], updated["user_username"]) == ("361", "After")
    assert (
        pbx.emu.query("SELECT extension FROM m_Sip WHERE uniqid = ?", (saved["sip_uniqid"],))[0][0]
        == "361"
    )
    assert pbx.get("available", number="360").json()["data"] == {"available": True}


def test_update_without_mobile_removes_it(pbx: Api) -> None:
    saved = pbx.create(number="362", mobile_number="79260000362")
    record = pbx.get("getRecord", id=saved["id"]).json()["data"]
    pbx.create(**{**record, "mobile_number": "", "mobile_dialstring": ""})
    assert not pbx.emu.query("SELECT 1 FROM m_Extensions WHERE number = '79260000362'")
    assert not pbx.emu.query("SELECT 1 FROM m_ExternalPhones WHERE extension = '79260000362'")


def test_mobile_still_forwarded_to_cannot_be_removed(pbx: Api) -> None:
    saved = pbx.create(number="363", mobile_number="79260000363", fwd_forwarding="79260000363")
    record = pbx.get("getRecord", id=saved["id"]).json()["data"]
    answer = pbx.save(**{**record, "mobile_number": ""})
    assert answer["result"] is False
    assert answer["messages"]["error"][0].startswith("There are references to the object - ")


def test_unknown_numeric_user_id_creates_that_user(pbx: Api) -> None:
    saved = pbx.create(number="370", user_id="5000")
    assert saved["user_id"] == "5000"


def test_reused_sip_uniqid_repoints_the_earlier_employee(pbx: Api) -> None:
    template = pbx.template()
    first = pbx.create(**{**template, "number": "380", "user_username": "First"})
    second = pbx.create(**{**template, "number": "381", "user_username": "Second"})
    rows = pbx.emu.query(
        "SELECT extension, description FROM m_Sip WHERE uniqid = ?", (template["sip_uniqid"],)
    )
    assert [tuple(row) for row in rows] == [("381", "Second")]
    assert not pbx.emu.query("SELECT 1 FROM m_Sip WHERE extension = '380'")
    again = pbx.get("getRecord", id=first["id"]).json()["data"]
    assert again["sip_uniqid"] != template["sip_uniqid"]  # no SIP row: a fresh one is shown
    assert second["sip_uniqid"] == template["sip_uniqid"]


def test_concurrent_templates_race_on_one_number(pbx: Api) -> None:
    a, b = pbx.template(), pbx.template()
    assert a["number"] == b["number"]
    assert pbx.post("saveRecord", **a).json()["result"] is True
    assert pbx.post("saveRecord", **b).json()["messages"] == NOT_UNIQUE


def test_keep_alive_session_works_for_many_saves(pbx: Api) -> None:
    session = requests.Session()
    for i in range(20):
        data = {**pbx.template(), "number": str(400 + i)}
        assert session.post(pbx.base + "saveRecord", data=data).json()["result"] is True
