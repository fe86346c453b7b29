"""v3 create: each validation phase, its messages, and that the first failing phase wins."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
import requests

from emulator.passwords import score
from tests.emulator.v3_client import LIB, V3Api

SAVE = LIB + "Employees\\SaveRecordAction::main"
DANGEROUS = ["Dangerous content detected in fields: user_username"]
TOO_SHORT = "SIP password must be longer than 4 characters"
NOT_FAIR = "For security, password must have at least fair strength"
BAD_RINGLENGTH = (
    "In the routing settings, the time before forwarding is specified incorrectly."
    " Choose a value between 3-180."
)
DTMF = "Field 'sip_dtmfmode' must be one of: auto, auto_info, inband, rfc4733, info"
TRANSPORT = "Field 'sip_transport' must be one of: udp, tcp, tls, udp,tcp"


def refused(v3: V3Api, fields: dict[str, Any]) -> tuple[int, Any]:
    response = v3.post(**fields)
    body = response.json()
    assert (body["result"], body["function"], body["processor"]) == (False, "create", SAVE)
    return response.status_code, body["messages"]["error"]


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"user_username": "Bob'); DELETE FROM m_Users; --"}, DANGEROUS),
        ({"user_username": "<?php system('id'); ?>"}, DANGEROUS),
        ({"user_username": "union all select 1"}, DANGEROUS),
        ({"user_username": "<script>alert(1)</script>"}, {
            "user_username": "ex_ValidateUsernameEmpty"}),
        ({"user_username": " ", "number": "", "sip_secret": ""}, {
            "user_username": "ex_ValidateUsernameEmpty",
            "number": "ex_ValidateNumberIsEmpty",
            "sip_secret": "ex_ValidateSecretEmpty",
        }),
        ({"user_username": "N", "number": "abc"}, {"number": "ex_ValidateNumberIsEmpty"}),
        ({"user_username": "N", "number": "0"}, {"number": "ex_ValidateNumberIsEmpty"}),
    ],
    ids=["sql", "php-tag", "union-select", "script-stripped-to-empty", "all-missing",
         "number-without-digits", "number-zero"],
)  # fmt: skip
def test_sanitise_and_required_fields(v3: V3Api, fields: dict, expected: Any) -> None:
    status, errors = refused(v3, fields)
    assert (status, errors) == (422, expected)


def test_required_fields_without_a_template(v3: V3Api) -> None:
    response = v3.call("POST", "employees", json={})
    assert response.status_code == 422
    assert list(v3.errors(response)) == ["user_username", "number", "sip_secret"]
    assert "httpCode" not in response.json()


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"sip_dtmfmode": "bogus"}, [DTMF]),
        ({"sip_transport": "sctp"}, [TRANSPORT]),
        ({"sip_transport": ""}, [TRANSPORT]),
        ({"fwd_ringlength": 500}, ["Field 'fwd_ringlength' must be at most 180 (got 500)"]),
        ({"fwd_ringlength": "181s", "sip_dtmfmode": "x"}, [
            DTMF, "Field 'fwd_ringlength' must be at most 180 (got 181)"]),
    ],
    ids=["dtmfmode", "transport", "empty-transport", "ringlength", "two-at-once"],
)  # fmt: skip
def test_schema_checks(v3: V3Api, fields: dict, expected: list[str]) -> None:
    response = v3.post(user_username="Schema", number="3001", **fields)
    assert (response.status_code, v3.errors(response)) == (422, expected)
    assert response.json()["httpCode"] == 422


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"number": "201"}, ["Extension already occupied"]),
        ({"sip_secret": "abc"}, [TOO_SHORT, NOT_FAIR]),
        ({"sip_secret": "Password"}, ["Default password is being used", NOT_FAIR]),
        ({"sip_secret": "qwerty123"}, ["This password is too common and easily guessable.",
                                       NOT_FAIR]),
        ({"sip_secret": "Qwerty12"}, [NOT_FAIR]),
        ({"sip_secret": "Aa1!" * 30}, ["Password is too long (maximum 64 characters)"]),
        ({"user_email": "not-an-email"}, ["Likely the email address is invalid"]),
        ({"user_email": "a@localhost"}, ["Likely the email address is invalid"]),
        ({"mobile_number": "89261111111"}, [
            "The mobile number is already used by another employee"]),
        ({"mobile_number": "201"}, ["The mobile number is already used by another employee"]),
        ({"mobile_number": "0123456"}, ["Check the correctness of entering the mobile number"]),
        ({"mobile_number": "1234567890123456"}, [
            "Check the correctness of entering the mobile number"]),
        ({"fwd_forwarding": "202", "fwd_ringlength": 2}, [BAD_RINGLENGTH]),
        ({"fwd_forwardingonbusy": "3101"}, ["You cannot set up forwarding to your own number"]),
        ({"number": "202", "sip_secret": "abc", "user_email": "x@"}, [
            "Extension already occupied", TOO_SHORT, NOT_FAIR,
            "Likely the email address is invalid"]),
    ],
    ids=["number-of-another-user", "secret-short", "secret-default", "secret-common",
         "secret-weak", "secret-too-long", "email", "email-without-dot", "mobile-taken",
         "mobile-is-internal-number", "mobile-leading-zero", "mobile-16-digits",
         "ringlength-too-short", "forward-to-self", "in-order"],
)  # fmt: skip
def test_business_rules(v3: V3Api, fields: dict, expected: list[str]) -> None:
    response = v3.post(**{"user_username": "Rules", "number": "3101", **fields})
    assert (response.status_code, v3.errors(response)) == (422, expected)
    assert not v3.emu.query("SELECT 1 FROM m_Extensions WHERE number = '3101'")


BREAKS_ALL = {
    "user_username": "x UNION SELECT y",
    "number": "",
    "sip_dtmfmode": "bogus",
    "user_email": "bad",
}


@pytest.mark.parametrize(
    ("fixed", "expected"),
    [
        ({}, DANGEROUS),
        ({"user_username": "Order"}, {"number": "ex_ValidateNumberIsEmpty"}),
        ({"user_username": "Order", "number": "3201"}, [DTMF]),
        ({"user_username": "Order", "number": "3201", "sip_dtmfmode": "info"},
         ["Likely the email address is invalid"]),
    ],
    ids=["sanitise-first", "then-required", "then-schema", "then-business"],
)  # fmt: skip
def test_first_failing_phase_wins(v3: V3Api, fixed: dict, expected: Any) -> None:
    response = v3.call("POST", "employees", json={**v3.template(), **BREAKS_ALL, **fixed})
    assert (response.status_code, v3.errors(response)) == (422, expected)


@pytest.mark.parametrize(
    ("fields", "key", "expected"),
    [
        ({"number": " 3-3-0-1 "}, "number", "3301"),
        ({"number": "123456789"}, "number", "12345678"),
        ({"number": "3302", "mobile_number": "+7 (926) 555-00-01"}, "mobile_number",
         "79265550001"),
        ({"number": "3303", "mobile_number": "+79265550002"}, "mobile_number", "+79265550002"),
        ({"number": "3304", "user_username": "  Trim Me  "}, "user_username", "Trim Me"),
        ({"number": "3305", "user_username": "L" * 101}, "user_username", "L" * 100),
        ({"number": "3306", "user_username": "Ann <b onclick=x()>Lee</b>"}, "user_username",
         "Ann <b>Lee</b>"),
        ({"number": "3307", "user_email": "_@_._"}, "user_email", ""),
        ({"number": "3308", "fwd_forwarding": "+7 926 000", "fwd_ringlength": "30"},
         "fwd_forwarding", "7926000"),
        ({"number": "3309", "fwd_forwardingonbusy": "voicemail"}, "fwd_forwardingonbusy",
         "voicemail"),
        ({"number": "3310", "sip_enableRecording": "off"}, "sip_enableRecording", False),
        ({"number": "3311", "type": "QUEUE", "user_id": "1"}, "number", "3311"),
    ],
    ids=["number-digits", "number-cut-to-8", "mobile-digits", "mobile-keeps-plus", "trimmed",
         "username-cut-to-100", "event-handler-stripped", "email-placeholder-cleared",
         "forwarding-digits", "forwarding-word", "recording-off", "unknown-fields-dropped"],
)  # fmt: skip
def test_sanitised_values_are_saved(v3: V3Api, fields: dict, key: str, expected: Any) -> None:
    created = v3.create(**{"user_username": "Clean", **fields})
    assert created[key] == expected
    user = v3.emu.query("SELECT userid FROM m_Extensions WHERE number = ?", (created["number"],))
    assert str(user[0][0]) == created["id"]


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"number": "801"}, "Failed to save SIP extension: Specified number is already used"
                            " for -  <801>"),
        ({"number": "3401", "mobile_number": "2001"}, "Failed to save mobile extension:"
         " Specified number is already used for - <i class=\"users icon\"></i> Queue:"
         " Sales office <2001>"),
        ({"number": "3402", "mobile_number": "3402"}, "Failed to save mobile extension:"
         " Specified number is already used for - "),
    ],
    ids=["parking-slot", "mobile-of-a-queue", "mobile-equals-own-number"],
)  # fmt: skip
def test_numbers_without_a_user_fail_in_the_model(v3: V3Api, fields: dict, expected: str) -> None:
    # The pre-check only sees numbers of users; the model's own check sees all rows.
    response = v3.post(user_username="Model", **fields)
    (error,) = v3.errors(response)
    assert (response.status_code, error[: len(expected)]) == (422, expected)
    assert "httpCode" not in response.json()
    assert not v3.emu.query("SELECT 1 FROM m_Users WHERE username = 'Model'")


def test_loser_of_a_race_fails_in_the_model(emulator_factory) -> None:
    # Both saves pass the pre-checks before either writes; the second write is refused.
    emu = emulator_factory("--model-save-ms", "150", "--model-jitter", "0")
    template = V3Api(emu).template()

    def create(name: str) -> requests.Response:
        body = {**template, "user_username": name}
        return requests.post(emu.url + "/pbxcore/api/v3/employees", json=body, timeout=30)

    with ThreadPoolExecutor(2) as pool:
        answers = list(pool.map(create, ["Racer One", "Racer Two"]))
    assert sorted(a.status_code for a in answers) == [201, 422]
    (loser,) = [a for a in answers if a.status_code == 422]
    (error,) = loser.json()["messages"]["error"]
    assert error.startswith("Failed to save SIP extension: Specified number is already used for")
    assert len(emu.query("SELECT 1 FROM m_Extensions WHERE number = ?", (template["number"],))) == 1


@pytest.mark.parametrize(
    ("password", "expected"),
    [("abc", 18), ("admin", 20), ("Qwerty12", 50), ("Zx9Lm2Qw7R", 60),
     ("aB3$xY9!kL2#", 90), ("111111111111", 25), ("xK9mQ2vL8pR4tY6wZ3nB", 90)],
    ids=["short", "word", "keyboard-row", "fair", "strong", "repeats", "generated"],
)  # fmt: skip
def test_password_score(password: str, expected: int) -> None:
    assert score(password) == expected


def test_generated_secrets_are_strong_enough(v3: V3Api) -> None:
    secrets = [v3.template()["sip_secret"] for _ in range(20)]
    assert all(score(secret) >= 60 for secret in secrets)
