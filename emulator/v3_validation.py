"""Phases 2-5 of a v3 save: required fields, defaults, schema checks, business rules.

Each phase stops the save with its own errors, so a request that breaks several
rules gets only the first failing phase's messages. Required fields answer with
untranslated keys by field; the later phases answer with lists of English texts.
"""

from __future__ import annotations

import re
import sqlite3
from typing import Any

from emulator.passwords import secret_errors
from emulator.php import empty
from emulator.v3_sanitise import RULES

REQUIRED = (
    ("user_username", "ex_ValidateUsernameEmpty"),
    ("number", "ex_ValidateNumberIsEmpty"),
    ("sip_secret", "ex_ValidateSecretEmpty"),
)
DEFAULTS: dict[str, Any] = {
    "sip_dtmfmode": "auto",
    "sip_transport": "udp",  # the schema's default; getDefault offers "udp,tcp"
    "sip_manualattributes": "",
    "sip_enableRecording": True,
    "sip_networkfilterid": "none",
    "fwd_ringlength": 45,
    "fwd_forwarding": "",
    "fwd_forwardingonbusy": "",
    "fwd_forwardingonunavailable": "",
    "mobile_number": "",
    "mobile_dialstring": "",
}
ENUMS = {
    "sip_dtmfmode": ("auto", "auto_info", "inband", "rfc4733", "info"),
    "sip_transport": ("udp", "tcp", "tls", "udp,tcp"),
}
MAX_RINGLENGTH = 180
NUMBER_TAKEN = "Extension already occupied"
NAME_EMPTY = "Enter username"
NUMBER_EMPTY = "Employee internal number is not filled in"
NUMBER_NOT_DIGITS = "Extension number must only consist of numbers"
SECRET_EMPTY = "The SIP password can't be empty"
BAD_EMAIL = "Likely the email address is invalid"
MOBILE_TAKEN = "The mobile number is already used by another employee"
BAD_MOBILE = "Check the correctness of entering the mobile number"
BAD_RINGLENGTH = (
    "In the routing settings, the time before forwarding is specified incorrectly."
    " Choose a value between 3-180."
)
SELF_FORWARDING = "You cannot set up forwarding to your own number"
FORWARDINGS = ("fwd_forwarding", "fwd_forwardingonbusy", "fwd_forwardingonunavailable")
EMAIL_PLACEHOLDERS = frozenset({"_@_._", "@", "_@_", "___@___.___"})
_ATOM = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
_EMAIL = re.compile(rf"(?=.{{1,64}}@){_ATOM}(?:\.{_ATOM})*@{_LABEL}(?:\.{_LABEL})+")


def required_errors(data: dict[str, Any], creating: bool) -> dict[str, str]:
    """Messages keyed by field; the secret is required only when creating."""
    errors = {}
    for field, key in REQUIRED:
        if field == "sip_secret" and not creating:
            continue
        if empty(data.get(field)):
            errors[field] = key
        elif field == "number" and not re.fullmatch(r"[0-9]+", data[field]):
            errors[field] = "ex_ValidateExtensionNumber"
    return errors


def with_defaults(data: dict[str, Any]) -> dict[str, Any]:
    """A new employee's missing fields take the schema defaults."""
    return {**data, **{k: v for k, v in DEFAULTS.items() if k not in data}}


def schema_errors(data: dict[str, Any]) -> list[str]:
    errors = []
    for field in RULES:
        value = data.get(field)
        if field in ENUMS and field in data and value not in ENUMS[field]:
            errors.append(f"Field '{field}' must be one of: {', '.join(ENUMS[field])}")
        if field == "fwd_ringlength" and isinstance(value, int) and value > MAX_RINGLENGTH:
            errors.append(f"Field 'fwd_ringlength' must be at most {MAX_RINGLENGTH} (got {value})")
    return errors


def business_errors(
    conn: sqlite3.Connection, data: dict[str, Any], user_id: str, creating: bool
) -> list[str]:
    """validateEmployeeData; clears a placeholder e-mail in `data` as the real one does."""
    errors = [NUMBER_TAKEN] if _held_by_another_user(conn, data["number"], user_id) else []
    return errors + other_errors(conn, data, user_id, creating)


def batch_errors(conn: sqlite3.Connection, data: dict[str, Any]) -> list[str]:
    """batchCreate's own check (SaveEmployeeAction): required fields are in the list too."""
    errors = [NAME_EMPTY] if empty(data.get("user_username")) else []
    number = data.get("number")
    if empty(number):
        errors.append(NUMBER_EMPTY)
    elif not re.fullmatch(r"[0-9]+", number):
        errors.append(NUMBER_NOT_DIGITS)
    elif _held_by_another_user(conn, number, "0"):
        errors.append(NUMBER_TAKEN)
    return errors + other_errors(conn, data, "0", True)


def other_errors(
    conn: sqlite3.Connection, data: dict[str, Any], user_id: str, creating: bool
) -> list[str]:
    """The rules after the number's: secret, e-mail, mobile, forwarding."""
    errors = []
    if creating or not empty(data.get("sip_secret")):
        secret = data.get("sip_secret")
        errors += secret_errors(secret) if not empty(secret) else [SECRET_EMPTY]
    email = data.get("user_email")
    if not empty(email) and email in EMAIL_PLACEHOLDERS:
        data["user_email"] = ""
    elif not empty(email) and not valid_email(email):
        errors.append(BAD_EMAIL)
    errors += _mobile_errors(conn, data.get("mobile_number"), user_id)
    ringlength = int(data.get("fwd_ringlength") or 0)
    if not empty(data.get("fwd_forwarding")) and not 3 <= ringlength <= MAX_RINGLENGTH:
        errors.append(BAD_RINGLENGTH)
    if any(not empty(data.get(f)) and data.get(f) == data.get("number") for f in FORWARDINGS):
        errors.append(SELF_FORWARDING)
    return errors


def _mobile_errors(conn: sqlite3.Connection, mobile: Any, user_id: str) -> list[str]:
    if empty(mobile):
        return []
    errors = [MOBILE_TAKEN] if _held_by_another_user(conn, mobile, user_id) else []
    if not re.fullmatch(r"\+?[1-9][0-9]{1,14}", mobile):
        errors.append(BAD_MOBILE)
    return errors


def _held_by_another_user(conn: sqlite3.Connection, number: str, user_id: str) -> bool:
    """`number = :n: AND userid != :id:`: rows without a user (queues, parking) never match,
    so such numbers pass here and fail later in the model."""
    row = conn.execute(
        "SELECT 1 FROM m_Extensions WHERE number = ? AND userid != ? LIMIT 1", (number, user_id)
    ).fetchone()
    return row is not None


def valid_email(email: str) -> bool:
    """An approximation of PHP's FILTER_VALIDATE_EMAIL: ASCII dot-atom @ dotted domain."""
    return email.isascii() and len(email) <= 320 and _EMAIL.fullmatch(email) is not None
