"""getRecord: the new-employee template and an existing employee's record."""

from __future__ import annotations

import re

import pytest

from tests.emulator.client import Api

# The data of the sample answer in the MikoPBX documentation page on generating
# employees through the REST API (release 2023.2).
SAMPLE = {
    "type": "SIP",
    "show_in_phonebook": "1",
    "is_general_user_number": "1",
    "public_access": "0",
    "number": "275",
    "user_id": "",
    "user_avatar": "",
    "user_username": "",
    "user_email": "",
    "mobile_uniqid": "EXTERNAL-7870338E",
    "mobile_number": "",
    "mobile_dialstring": "",
    "sip_uniqid": "SIP-PHONE-5A230111",
    "sip_secret": "Nk9oOFI2ZXdDMEU9",
    "sip_type": "peer",
    "sip_qualify": "1",
    "sip_qualifyfreq": 60,
    "sip_enableRecording": "1",
    "sip_dtmfmode": "auto",
    "sip_transport": " ",
    "sip_networkfilterid": "none",
    "sip_manualattributes": "",
    "fwd_ringlength": 45,
    "fwd_forwarding": "",
    "fwd_forwardingonbusy": "",
    "fwd_forwardingonunavailable": "",
}
FRESH = ("number", "mobile_uniqid", "sip_uniqid", "sip_secret")
SIP_UNIQID = re.compile(r"SIP-PHONE-[0-9A-F]{8}")
MOBILE_UNIQID = re.compile(r"EXTERNAL-[0-9A-F]{8}")
SECRET = re.compile(r"[A-Za-z0-9_-]{16}")


def test_keys_types_and_order_equal_the_sample(shared_api: Api) -> None:
    data = shared_api.template()
    assert list(data) == list(SAMPLE)
    assert [type(v) for v in data.values()] == [type(v) for v in SAMPLE.values()]


@pytest.mark.parametrize("key", [k for k in SAMPLE if k not in FRESH and k != "sip_transport"])
def test_defaults_equal_the_sample(shared_api: Api, key: str) -> None:
    assert shared_api.template()[key] == SAMPLE[key]


@pytest.mark.parametrize(
    ("version", "transport", "processor"),
    [("2023.2", " ", "GetRecord::main"), ("2024.1", "", "GetRecordAction::main")],
    ids=["2023.2", "2024.1"],
)
def test_release_differences(emulator_factory, version, transport, processor) -> None:
    api = Api(emulator_factory("--no-model", "--pbx-version", version))
    answer = api.get("getRecord", id="").json()
    assert answer["data"]["sip_transport"] == transport
    assert answer["processor"] == "MikoPBX\\PBXCoreREST\\Lib\\Extensions\\" + processor


def test_uniqids_and_secret_have_the_real_formats(shared_api: Api) -> None:
    data = shared_api.template()
    assert SIP_UNIQID.fullmatch(data["sip_uniqid"])
    assert MOBILE_UNIQID.fullmatch(data["mobile_uniqid"])
    assert SECRET.fullmatch(data["sip_secret"])


def test_uniqids_and_secret_are_new_on_every_call(shared_api: Api) -> None:
    templates = [shared_api.template() for _ in range(20)]
    for key in ("sip_uniqid", "mobile_uniqid", "sip_secret"):
        assert len({t[key] for t in templates}) == 20, key


def test_concurrent_templates_offer_the_same_number(shared_api: Api) -> None:
    # Nothing is reserved: the number stays free until someone saves it.
    assert shared_api.template()["number"] == shared_api.template()["number"] == "204"


def test_existing_record_has_id_first_then_the_same_keys(api: Api) -> None:
    saved = api.create(user_username="Anna Petrova", mobile_number="79161234567")
    record = api.get("getRecord", id=saved["id"]).json()["data"]
    assert list(record) == ["id", *SAMPLE]
    assert record["id"] == saved["id"] and isinstance(record["id"], str)
    assert record["user_username"] == "Anna Petrova"
    assert record["mobile_number"] == record["mobile_dialstring"] == "79161234567"


def test_record_reads_back_the_database(api: Api) -> None:
    saved = api.create(user_email="a@example.com", sip_manualattributes="[endpoint]\nx=1")
    record = api.get("getRecord", id=saved["id"]).json()["data"]
    row = api.emu.query("SELECT * FROM m_Sip WHERE uniqid = ?", (record["sip_uniqid"],))[0]
    assert record["sip_secret"] == row["secret"]
    assert record["sip_manualattributes"] == "[endpoint]\nx=1"  # stored base64-encoded
    assert row["manualattributes"] == "W2VuZHBvaW50XQp4PTE="
    assert record["user_email"] == "a@example.com"


@pytest.mark.parametrize(
    "ext_id",
    ["145", "153", "999999", "abc", "0"],
    ids=["mobile", "queue", "unknown", "text", "zero"],
)
def test_non_employee_ids_give_a_template(shared_api: Api, ext_id: str) -> None:
    answer = shared_api.get("getRecord", id=ext_id).json()
    assert answer["result"] is True
    assert "id" not in answer["data"]
    assert answer["data"]["number"] == "204"


def test_demo_employee_record(shared_api: Api) -> None:
    record = shared_api.get("getRecord", id="144").json()["data"]
    assert (record["number"], record["user_username"], record["user_id"]) == (
        "201",
        "Smith James",
        "110",
    )
    assert record["mobile_number"] == "89261111111"
    assert record["fwd_forwarding"] == "89261111111"
