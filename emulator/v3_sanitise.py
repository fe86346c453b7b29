"""Phase 1 of a v3 save: the request's fields cleaned the way SaveRecordAction cleans them.

Unknown fields are dropped. Each kept field is trimmed; a field with a pattern that
its value does not match keeps only its digits; strings are then cut to their
maximum length. The user name loses script-like markup, and whatever still looks
dangerous after that is refused.
"""

from __future__ import annotations

import re
from typing import Any

from emulator.php import digits, intval


class Refused(Exception):
    """Sanitising stopped the save; str() is the message the API returns."""


# field -> (kind, max length, pattern a value must match to be kept as it is)
RULES: dict[str, tuple[str, int | None, str | None]] = {
    "user_username": ("text", 100, None),
    "user_email": ("string", 255, None),
    "user_avatar": ("string", None, None),
    "number": ("string", 8, r"[0-9]{2,8}"),
    "sip_secret": ("string", 100, None),
    "sip_dtmfmode": ("string", None, None),
    "sip_transport": ("string", None, None),
    "sip_manualattributes": ("string", 1024, None),
    "sip_enableRecording": ("bool", None, None),
    "sip_networkfilterid": ("string", None, r"[0-9]+|none"),
    "fwd_ringlength": ("int", None, None),
    "fwd_forwarding": ("routing", 64, r"[0-9]{1,20}|hangup|busy|did2user|voicemail"),
    "fwd_forwardingonbusy": ("routing", 64, r"[0-9]{1,20}|hangup|busy|did2user|voicemail"),
    "fwd_forwardingonunavailable": ("routing", 64, r"[0-9]{1,20}|hangup|busy|did2user|voicemail"),
    "mobile_number": ("string", 50, r"\+?[1-9][0-9]{1,14}"),
    "mobile_dialstring": ("string", 255, None),
}
SYSTEM_NUMBERS = frozenset({"hangup", "busy", "did2user", "voicemail"})
_PHP_SPACE = " \t\n\r\0\x0b"
_TAGS = ("script", "iframe", "object", "embed", "applet", "meta", "link", "style")
_STRIP = [
    *(re.compile(rf"<{t}\b[^<]*(?:(?!</{t}>)<[^<]*)*</{t}>", re.I | re.M) for t in _TAGS),
    *(re.compile(rf"<{t}\b[^>]*/>", re.I | re.M) for t in _TAGS),
    re.compile(r"javascript:[^\"']*[\"']?", re.I),
    re.compile(r"vbscript:[^\"']*[\"']?", re.I),
    re.compile(r"data:text/html[^\"']*[\"']?", re.I),
    re.compile(r"\s*on\w+\s*=\s*[^>]*", re.I),
    re.compile(r"</?form[^>]*>", re.I),
]
_DANGER = [
    re.compile(r"<script\b[^<]*(?:(?!</script>)<[^<]*)*</script>", re.I | re.M),
    re.compile(r"<iframe\b[^<]*(?:(?!</iframe>)<[^<]*)*</iframe>", re.I | re.M),
    re.compile(r"(javascript|vbscript):|data:text/(html|javascript)", re.I),
    re.compile(r"\s*on\w+\s*=\s*[^>]*", re.I),
    re.compile(r"<\?php|<\?=|<!--#\w+", re.I),
    re.compile(r"\bunion\b.*\bselect\b|\bdelete\b.*\bfrom\b|\binsert\b.*\binto\b", re.I),
    re.compile(r"\bupdate\b.*\bset\b", re.I),
]


def sanitise(data: dict[str, Any], rules: dict = RULES) -> dict[str, Any]:
    """The kept fields, cleaned, in the order of `rules`; raises Refused."""
    clean: dict[str, Any] = {}
    for field, (kind, limit, pattern) in rules.items():
        if data.get(field) is not None:  # PHP isset(): null counts as missing
            clean[field] = _clean(data[field], kind, limit, pattern)
    name = clean.get("user_username")
    if isinstance(name, str) and any(rx.search(name) for rx in _DANGER):
        raise Refused("Dangerous content detected in fields: user_username")
    return clean


def _clean(value: Any, kind: str, limit: int | None, pattern: str | None) -> Any:
    if kind == "int":
        return int(intval(value))
    if kind == "bool":
        return boolean(value)
    text = php_string(value).strip(_PHP_SPACE)
    if pattern is not None and not re.fullmatch(pattern, text):
        text = digits(text)
    if limit is not None:
        text = text[:limit]
    if kind == "text":
        text = storage_text(text)
    elif kind == "routing" and text not in SYSTEM_NUMBERS:
        text = digits(text)[:20]  # SystemSanitizer: a routing target is a word or 20 digits
    return text


def php_string(value: Any) -> str:
    """How a request value reads as a string: booleans as "1" / "", arrays as nothing."""
    if isinstance(value, bool):
        return "1" if value else ""
    return value if isinstance(value, str) else ""


def boolean(value: Any) -> bool:
    """filter_var(FILTER_VALIDATE_BOOLEAN): "1", "true", "on" and "yes" are true."""
    if isinstance(value, bool):
        return value
    return php_string(value).strip().lower() in ("1", "true", "on", "yes")


def storage_text(text: str) -> str:
    """TextFieldProcessor::sanitizeForStorage: drops markup that could run as script."""
    text = text.strip(_PHP_SPACE).replace("\0", "")
    for rx in _STRIP:
        text = rx.sub("", text)
    return text
