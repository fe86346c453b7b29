"""The few PHP behaviours the real server's answers depend on, written for Python."""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import unquote_to_bytes

FormValue = str | list[str]
"""A PHP request field: a string, or an array for `name[]=` / `name[key]=` fields."""

_LEADING_NUMBER = re.compile(r"[ \t\n\r\v\f]*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")
_TAG = re.compile(r"<[^>]*>")
_INT64 = 2**63


class PhpError(Exception):
    """An exception inside the backend worker; str() is the text the worker reports."""


def empty(value: Any) -> bool:
    """PHP's empty(): "", "0", [], null and 0 are all empty."""
    return value is None or value in ("", "0", 0) or (isinstance(value, list) and not value)


def intval(value: Any) -> int:
    """PHP's intval() for request values: leading number of a string, arrays give 0 or 1."""
    if isinstance(value, list):
        return 1 if value else 0
    if isinstance(value, int):
        return value
    match = _LEADING_NUMBER.match(str(value or ""))
    if not match:
        return 0
    number = float(match.group(0))
    if not -_INT64 <= number < _INT64:
        return 0  # PHP 8 on 64-bit gives an unspecified value; 0 keeps it harmless
    return int(number)


def digits(value: str) -> str:
    """preg_replace('/\\D/', '', $value): ASCII digits only."""
    return "".join(ch for ch in value if "0" <= ch <= "9")


def strip_tags(text: str) -> str:
    return _TAG.sub("", text)


class Fields(dict[str, FormValue]):
    """Parsed request fields; `malformed` is set when some bytes were not UTF-8."""

    malformed = False


def parse_fields(raw: bytes) -> Fields:
    """Parse a query string or urlencoded body the way PHP fills $_GET / $_POST.

    Repeated names: the last wins; `a[]` and `a[key]` make arrays. Bytes that are not
    UTF-8 survive as surrogates and set `malformed`, so the caller can refuse them the
    way the real server's json_encode does.
    """
    fields = Fields()
    for chunk in raw.split(b"&"):
        key, _, value = chunk.partition(b"=")
        name, bracket, _rest = _unquote(key, fields).partition("[")
        name = name.lstrip(" ").replace(".", "_").replace(" ", "_")
        if not name:
            continue
        if bracket:
            previous = fields.get(name)
            items = previous if isinstance(previous, list) else []
            fields[name] = [*items, _unquote(value, fields)]
        else:
            fields[name] = _unquote(value, fields)
    return fields


def _unquote(part: bytes, fields: Fields) -> str:
    if b"%" in part or b"+" in part:
        part = unquote_to_bytes(part.replace(b"+", b" "))
    try:
        return part.decode()
    except UnicodeDecodeError:
        fields.malformed = True
        return part.decode("utf-8", "surrogateescape")


def json_encode(data: Any) -> str:
    """json_encode() with PHP's default flags: compact, \\uXXXX escapes and escaped '/'."""
    return json.dumps(data, ensure_ascii=True, separators=(",", ":")).replace("/", "\\/")


def whoops(exception: str, message: str, where: str, trace: list[str]) -> str:
    """The plain-text report MikoPBX's worker returns for an uncaught exception."""
    path, _, line = where.rpartition(":")
    lines = [f"{exception}: {message} in file {path} on line {line}", "Stack trace:"]
    lines += [f"{number:3d}. {frame}" for number, frame in enumerate(trace, start=1)]
    return "\n".join(lines) + "\n"
