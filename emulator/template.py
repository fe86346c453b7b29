"""The employee record as the legacy API shows and accepts it (Extensions\\DataStructure).

One function builds it from any mapping (request fields or a database row): missing
keys take the defaults, empty uniqids and secrets are generated, numbers are
normalised. The same normalisation runs on a getRecord answer and on saveRecord input.
"""

from __future__ import annotations

import base64
import os
import secrets
from collections.abc import Callable, Mapping
from functools import cache
from typing import Any

from emulator.dialect import Dialect
from emulator.php import PhpError, digits, empty, intval, whoops

INT_KEYS = frozenset({"sip_qualifyfreq", "fwd_ringlength"})
ROUTING_WORDS = frozenset({"voicemail", "busy", "hangup"})
FORWARDINGS = ("fwd_forwarding", "fwd_forwardingonunavailable", "fwd_forwardingonbusy")


@cache
def defaults(dialect: Dialect) -> dict[str, Any]:
    """Keys in the order the API returns them, with their defaults (shared: do not modify)."""
    return {
        "type": "SIP",
        "show_in_phonebook": "1",
        "is_general_user_number": "1",
        "public_access": "0",
        "number": "",
        "user_id": "",
        "user_avatar": "",
        "user_username": "",
        "user_email": "",
        "mobile_uniqid": "",
        "mobile_number": "",
        "mobile_dialstring": "",
        "sip_uniqid": "",
        "sip_secret": "",
        "sip_type": "peer",
        "sip_qualify": "1",
        "sip_qualifyfreq": 60,
        "sip_enableRecording": "1",
        "sip_dtmfmode": "auto",
        "sip_transport": dialect.sip_transport,
        "sip_networkfilterid": "none",
        "sip_manualattributes": "",
        "fwd_ringlength": 45,
        "fwd_forwarding": "",
        "fwd_forwardingonbusy": "",
        "fwd_forwardingonunavailable": "",
    }


def uniqid(prefix: str) -> str:
    """ModelsBase::generateUniqueID: prefix + 4 random bytes as upper-case hex."""
    return prefix + secrets.token_hex(4).upper()


def sip_password() -> str:
    """Sip::generateSipPassword: Phalcon's base64Safe(8), which encodes twice: 16 chars."""
    once = base64.b64encode(os.urandom(8))
    return base64.urlsafe_b64encode(once).decode().rstrip("=")


def build(data: Mapping[str, Any], dialect: Dialect, next_number: Callable[[], str]) -> dict:
    """The record for `data`; `id` comes first when `data` has one (an existing record)."""
    record: dict[str, Any] = {}
    if "id" in data:
        record["id"] = _string("id", data["id"])
    for key, default in defaults(dialect).items():
        if key not in data:
            record[key] = default
        elif key in INT_KEYS:
            record[key] = intval(data[key])
        else:
            record[key] = _string(key, data[key])
    _fill_generated(record)
    _normalise_numbers(record, dialect, next_number)
    return record


def _string(key: str, value: Any) -> str:
    if isinstance(value, list):
        raise PhpError(_type_error(key))
    return "" if value is None else str(value)


def _fill_generated(record: dict[str, Any]) -> None:
    if empty(record["sip_uniqid"]):
        record["sip_uniqid"] = uniqid("SIP-PHONE-")
    if empty(record["sip_secret"]):
        record["sip_secret"] = sip_password()
    if empty(record["mobile_uniqid"]):
        record["mobile_uniqid"] = uniqid("EXTERNAL-")
    if empty(record["sip_networkfilterid"]):
        record["sip_networkfilterid"] = "none"
    if empty(record["sip_dtmfmode"]):
        record["sip_dtmfmode"] = "auto"


def _normalise_numbers(record: dict, dialect: Dialect, next_number: Callable[[], str]) -> None:
    if not empty(record["number"]):
        record["number"] = digits(record["number"])
    if empty(record["number"]):
        record["number"] = next_number()
    if not empty(record["mobile_number"]):
        record["mobile_number"] = digits(record["mobile_number"])
    if empty(record["mobile_dialstring"]):
        record["mobile_dialstring"] = record["mobile_number"]
    for key in FORWARDINGS:
        value = record[key]
        keep = dialect.keep_routing_words and value in ROUTING_WORDS
        if not empty(value) and not keep:
            record[key] = digits(value)


def _type_error(key: str) -> str:
    """What PHP 8 says when a request array lands in a typed string property."""
    where = "/usr/www/src/PBXCoreREST/Lib/Extensions/DataStructure.php:98"
    prop = f"MikoPBX\\PBXCoreREST\\Lib\\Extensions\\DataStructure::${key}"
    trace = [
        f"MikoPBX\\PBXCoreREST\\Lib\\Extensions\\DataStructure->__construct() {where}",
        "MikoPBX\\PBXCoreREST\\Lib\\Extensions\\SaveRecordAction::main() "
        "/usr/www/src/PBXCoreREST/Lib/Extensions/SaveRecordAction.php:60",
    ]
    return whoops(
        "TypeError", f"Cannot assign array to property {prop} of type string", where, trace
    )
