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
_INVALID_UTF8 = re.compile("[\udc80-\udcff]")
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


def has_invalid_utf8(text: str) -> bool:
    """True if `text` came from bytes that were not UTF-8 (decoded with surrogateescape)."""
    return bool(_INVALID_UTF8.search(text))


def parse_fields(raw: bytes) -> dict[str, FormValue]:
    """Parse a query string or urlencoded body the way PHP fills $_GET / $_POST.

    Invalid UTF-8 survives as surrogates, so the caller can refuse it the way the
    real server's json_encode does. Repeated names: the last wins; `a[]` makes arrays.
    """
    fields: dict[str, FormValue] = {}
    for chunk in raw.split(b"&"):
        key, _, value = chunk.partition(b"=")
        name, bracket, _rest = _unquote(key).partition("[")
        name = name.lstrip(" ").replace(".", "_").replace(" ", "_")
        if not name:
            continue
        if bracket:
            previous = fields.get(name)
            items = previous if isinstance(previous, list) else []
            fields[name] = [*items, _unquote(value)]
        else:
            fields[name] = _unquote(value)
    return fields


def _unquote(part: bytes) -> str:
    return unquote_to_bytes(part.replace(b"+", b" ")).decode("utf-8", "surrogateescape")


def json_encode(data: Any) -> str:
    """json_encode() with PHP's default flags: compact, \\uXXXX escapes and escaped '/'."""
    return json.dumps(data, ensure_ascii=True, separators=(",", ":")).replace("/", "\\/")


def whoops(exception: str, message: str, where: str, trace: list[str]) -> str:
    """The plain-text report MikoPBX's worker returns for an uncaught exception."""
    path, _, line = where.rpartition(":")
    lines = [f"{exception}: {message} in file {path} on line {line}", "Stack trace:"]
    lines += [f"{number:3d}. {frame}" for number, frame in enumerate(trace, start=1)]
    return "\n".join(lines) + "\n"
