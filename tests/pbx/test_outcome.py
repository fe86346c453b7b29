"""Classification of PBX answers into stable failure kinds."""

import json

import pytest

from pbx.outcome import classify, first_message, refusal_kind

ENVELOPE = {"jsonapi": {"version": "1.0"}, "messages": [], "function": "saveRecord"}


def envelope(**fields) -> str:
    return json.dumps({**ENVELOPE, **fields})


def test_success_carries_the_data() -> None:
    outcome = classify(200, envelope(result=True, data={"id": "7", "number": "201"}))
    assert outcome.ok
    assert outcome.data == {"id": "7", "number": "201"}
    assert outcome.kind == ""


@pytest.mark.parametrize(
    ("status", "text", "error", "kind"),
    [
        (0, "", ConnectionResetError("reset by peer"), "connection error: ConnectionResetError"),
        (500, "500 (Internal Server Error) ", None, "HTTP 500"),
        (429, "Too many requests", None, "HTTP 429 rate limited"),
        (401, '{"errors":["The user isn\'t authenticated."]}', None, "HTTP 401"),
        (200, "<html><body>Bad Gateway</body></html>", None, "unparseable response"),
        (200, '{"result": true, "data": {"id"', None, "unparseable response"),
        (200, '["not", "an", "object"]', None, "response not an object"),
        (200, "null", None, "response not an object"),
        (200, '{"result": true, "data": []}', None, "unexpected response"),
        (200, '{"data": {"id": "1"}}', None, "unexpected response"),
    ],
    ids=[
        "connection",
        "http-500",
        "http-429",
        "http-401",
        "html",
        "truncated",
        "array",
        "null",
        "empty-data",
        "no-result",
    ],
)
def test_failures_are_named_by_kind(status, text, error, kind) -> None:
    outcome = classify(status, text, error)
    assert not outcome.ok
    assert outcome.kind == kind


@pytest.mark.parametrize(
    ("status", "text"),
    [(500, "500 (Internal Server Error) "), (200, "<html>oops</html>"), (200, "[1, 2]")],
    ids=["http", "html", "array"],
)
def test_odd_answers_keep_the_full_text(status, text) -> None:
    assert classify(status, text).detail == text


@pytest.mark.parametrize(
    ("messages", "kind"),
    [
        ({"error": ["mo_ThisNumberNotUniqueForExtensionsModels"]}, "number already in use"),
        ({"error": ["The specified extension number is already in use"]}, "number already in use"),
        ({"error": ["SQLSTATE[HY000]: General error: 5 database is locked"]}, "database is locked"),
        (
            {"error": ["Extension with id 42 does not exist"]},
            "result false: Extension with id … does not exist",
        ),
        (
            {"error": [[{"field": "email", "message": "Email '7@x' is bad", "code": 0}]]},
            "result false: Email … is bad",
        ),
        ([], "result false"),
    ],
    ids=["raw-key", "english", "locked", "numbers-blanked", "nested", "empty"],
)
def test_refusals_are_named_without_unique_values(messages, kind) -> None:
    outcome = classify(200, envelope(result=False, data=[], messages=messages))
    assert outcome.kind == kind
    assert outcome.detail == json.dumps(messages, ensure_ascii=False)


def test_refusal_kind_is_bounded_in_length() -> None:
    assert len(refusal_kind({"error": ["x" * 500]})) <= len("result false: ") + 80


def test_first_message_prefers_the_error_list() -> None:
    assert first_message({"info": ["saved"], "error": ["broken"]}) == "broken"


def test_bytes_are_read_and_bad_bytes_still_shown() -> None:
    assert classify(200, envelope(result=True, data={"id": "1"}).encode()).ok
    outcome = classify(502, b"Bad \xff gateway")
    assert (outcome.kind, outcome.detail) == ("HTTP 502", "Bad \ufffd gateway")


@pytest.mark.parametrize(
    ("body", "shown"),
    [
        (
            '{"result": true, "data": {"sip_secret": "Nk9oOFI2ZXdDMEU9", "number": "2',
            '{"result": true, "data": {"sip_secret": "***", "number": "2',
        ),
        (
            '{"data": {"number": "201", "sip_secret":"Nk9oOF',
            '{"data": {"number": "201", "sip_secret":"***"',
        ),
        ('{"data": {"accessToken": "eyJhbGciOi.x.y"}}', '{"data": {"accessToken": "***"}}'),
    ],
    ids=["truncated-after-secret", "cut-inside-secret", "token"],
)
def test_secrets_are_masked_in_odd_answers(body, shown) -> None:
    assert classify(200, body).detail == shown


V3_CODES = frozenset({200, 201, 422})


@pytest.mark.parametrize(
    ("status", "messages", "kind"),
    [
        (
            422,
            {"error": {"user_username": "ex_ValidateUsernameEmpty"}},
            "result false: ex_ValidateUsernameEmpty",
        ),
        (422, {"error": ["Extension already occupied"]}, "number already in use"),
        (
            422,
            {
                "error": [
                    "Failed to save SIP extension: Specified number is already used for - "
                    "Ivan <201>"
                ]
            },
            "number already in use",
        ),
        (
            422,
            {"error": ["The mobile number is already used by another employee"]},
            "mobile already in use",
        ),
        (
            422,
            {"error": ["Field 'fwd_ringlength' must be at most 180 (got 500)"]},
            "result false: Field … must be at most … (got …)",
        ),
    ],
    ids=["required-field", "occupied", "race-loser", "mobile", "schema"],
)
def test_v3_refusals(status, messages, kind) -> None:
    body = json.dumps({"result": False, "data": [], "messages": messages})
    assert classify(status, body, envelope_codes=V3_CODES).kind == kind


def test_v3_creation_is_a_success_and_other_codes_are_http_failures() -> None:
    created = json.dumps({"result": True, "data": {"id": "5"}, "httpCode": 201})
    assert classify(201, created, envelope_codes=V3_CODES).data == {"id": "5"}
    timeout = classify(400, "Request timeout or worker not responding", envelope_codes=V3_CODES)
    assert timeout.kind == "HTTP 400"
    assert classify(201, created).kind == "HTTP 201", "the legacy API never answers 201"
