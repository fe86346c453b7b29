"""The JSON envelope, the error shapes, and bad input of every kind."""

from __future__ import annotations

import hashlib
import re
import socket
from datetime import datetime
from urllib.parse import urlsplit

import pytest
import requests

from tests.emulator.client import Api

ISO_WITH_OFFSET = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d")
ENVELOPE = ["jsonapi", "result", "data", "messages", "function", "processor", "pid", "meta"]
PROCESSOR = "MikoPBX\\PBXCoreREST\\Lib\\ExtensionsManagementProcessor"


def test_envelope_shape(shared_api: Api) -> None:
    response = shared_api.get("getRecord", id="")
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("application/json")
    body = response.json()
    assert list(body) == ENVELOPE
    assert body["jsonapi"] == {"version": "1.0"}
    assert body["messages"] == []  # empty messages are a JSON array
    assert isinstance(body["pid"], int)
    assert list(body["meta"]) == ["timestamp", "hash"]
    assert ISO_WITH_OFFSET.fullmatch(body["meta"]["timestamp"])
    datetime.fromisoformat(body["meta"]["timestamp"])
    assert re.fullmatch(r"[0-9a-f]{40}", body["meta"]["hash"])


def test_hash_is_sha1_of_timestamp_and_content(shared_api: Api) -> None:
    text = shared_api.get("available", number="555").text
    start, end = text.index('"result"'), text.index(',"meta"')
    content = "{" + text[start:end] + "}"
    body = requests.models.complexjson.loads(text)
    expected = hashlib.sha1((body["meta"]["timestamp"] + content).encode()).hexdigest()
    assert body["meta"]["hash"] == expected


def test_slashes_are_escaped_like_php(shared_api: Api) -> None:
    assert "<\\/i>" in shared_api.get("getForSelect").text


def test_empty_data_is_an_array(shared_api: Api) -> None:
    assert shared_api.post("deleteRecord", id="424242").json()["data"] == []


def test_pid_changes_on_every_answer(shared_api: Api) -> None:
    pids = {shared_api.get("available", number="1").json()["pid"] for _ in range(3)}
    assert len(pids) == 3


@pytest.mark.parametrize("action", ["foo", "GetRecord", "getPhoneRepresent"])
def test_unknown_action(shared_api: Api, action: str) -> None:
    body = shared_api.get(action).json()
    assert (body["result"], body["data"], body["function"]) == (False, [], action)
    assert body["messages"] == {"error": [f"Unknown action - {action} in {PROCESSOR}"]}
    assert body["processor"] == PROCESSOR + "::callBack"


@pytest.mark.parametrize("method", ["PUT", "PATCH", "DELETE", "OPTIONS"])
def test_other_methods_get_404(shared_api: Api, method: str) -> None:
    response = shared_api.http.request(method, shared_api.base + "getRecord")
    assert response.status_code == 404
    body = response.json()
    assert list(body) == ["jsonapi", "errors", "meta"]
    assert body["errors"] == ["404 (Not Found)"]


def test_head_gets_404_without_body(shared_api: Api) -> None:
    assert shared_api.http.head(shared_api.base + "getRecord").status_code == 404


@pytest.mark.parametrize(
    "path",
    ["/pbxcore/api/extensions", "/pbxcore/api/extensions/getRecord/extra", "/pbxcore/api/x"],
)
def test_unknown_rest_paths(shared_api: Api, path: str) -> None:
    response = shared_api.http.get(shared_api.emu.url + path)
    assert (response.status_code, response.json()["errors"]) == (404, ["404 (Not Found)"])


def test_paths_outside_the_api_get_nginx_404(shared_api: Api) -> None:
    response = shared_api.http.get(shared_api.emu.url + "/index.php")
    assert response.status_code == 404 and "nginx" in response.text


def test_trailing_slash_is_accepted(shared_api: Api) -> None:
    assert shared_api.http.get(shared_api.base + "getRecord/").json()["result"] is True


def raw_request(api: Api, request: bytes) -> bytes:
    parts = urlsplit(api.emu.url)
    with socket.create_connection((parts.hostname, parts.port), timeout=10) as sock:
        sock.sendall(request)
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks)


MALFORMED = "400 (Bad Request) Malformed UTF-8 characters, possibly incorrectly encoded"


@pytest.mark.parametrize(
    "query",
    [b"number=%FF%FE", b"user_username=\xc3\x28", b"%FF=1"],
    ids=["escaped-bytes", "raw-bytes", "bad-key"],
)
def test_non_utf8_query_gets_400(shared_api: Api, query: bytes) -> None:
    answer = raw_request(
        shared_api,
        b"GET /pbxcore/api/extensions/available?" + query + b" HTTP/1.1\r\n"
        b"Host: x\r\nConnection: close\r\n\r\n",
    )
    head, _, body = answer.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 400")
    assert requests.models.complexjson.loads(body)["errors"] == [MALFORMED]


def test_non_utf8_form_gets_400(shared_api: Api) -> None:
    response = shared_api.http.post(
        shared_api.base + "saveRecord",
        data=b"number=205&user_username=%C0%AF",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert (response.status_code, response.json()["errors"]) == (400, [MALFORMED])


def test_non_utf8_action_gets_400(shared_api: Api) -> None:
    response = shared_api.http.get(shared_api.base + "%FF")
    assert (response.status_code, response.json()["errors"]) == (400, [MALFORMED])


@pytest.mark.parametrize(
    ("action", "fields", "fragment"),
    [
        ("saveRecord", {"number[]": "1"}, "DataStructure::$number of type string"),
        ("getRecord", {"id[]": "1"}, "GetRecordAction::main(): Argument #1 ($id)"),
        ("available", {"number[x]": "1"}, "Utils::ifNumberAvailable(): Argument #1 ($number)"),
    ],
    ids=["save", "get", "available"],
)
def test_array_fields_fail_like_php(shared_api: Api, action, fields, fragment) -> None:
    body = shared_api.get(action, **fields).json()
    assert (body["result"], body["function"], body["processor"]) == (False, "", PROCESSOR)
    (message,) = body["messages"]["error"]
    assert message.startswith("TypeError: ") and fragment in message
    assert "\nStack trace:\n  1. " in message


def test_non_numeric_user_id_fails_like_pdo(api: Api) -> None:
    body = api.save(number="215", user_id="abc")
    assert body["result"] is False
    assert "SQLSTATE[HY000]: General error: 20 datatype mismatch" in body["messages"]["error"][0]
    assert not api.emu.query("SELECT 1 FROM m_Extensions WHERE number = '215'")


def test_very_long_values_are_stored(api: Api) -> None:
    name = "Я" * 100_000
    saved = api.create(number="9" * 300, user_username=name, user_email="e" * 5000)
    assert saved["number"] == "9" * 300 and saved["user_username"] == name


def test_unknown_and_missing_fields_are_ignored(api: Api) -> None:
    saved = api.create(number="216", colour="blue", **{"a.b c": "1"})
    assert "colour" not in saved


def test_multipart_form_is_read(api: Api) -> None:
    files = {"number": (None, "217"), "user_username": (None, "Multi Part")}
    body = api.http.post(api.base + "saveRecord", files=files).json()
    assert (body["result"], body["data"]["number"]) == (True, "217")


@pytest.mark.parametrize(
    "body",
    [b"", b"{not json", b'{"number": "218"}', b"\x00\x01\x02"],
    ids=["empty", "broken-json", "json", "binary"],
)
def test_bodies_php_does_not_parse(shared_api: Api, body: bytes) -> None:
    response = shared_api.http.post(
        shared_api.base + "saveRecord", data=body, headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 200
    assert response.json()["messages"] == {"error": ["Empty number value in POST/GET data"]}
