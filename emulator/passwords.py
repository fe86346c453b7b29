"""SIP secret checks of the v3 API (PasswordService::validate in the SIP context).

The score is MikoPBX's own deterministic estimate, 0-100: length, character
classes, share of distinct characters, minus penalties for runs, keyboard and
counting sequences and short all-letter words. A SIP secret needs "fair", a score
of 60. The real server also looks every secret up in rockyou.txt (14 million
passwords); the emulator knows only a short list of the most common ones.
"""

from __future__ import annotations

import re

MIN_LENGTH = 5
"""SaveRecordAction asks PasswordService for 5 characters, not its default 8."""
MAX_LENGTH = 64
FAIR = 60
TOO_SHORT = "SIP password must be longer than 4 characters"
TOO_LONG = f"Password is too long (maximum {MAX_LENGTH} characters)"
IS_DEFAULT = "Default password is being used"
TOO_COMMON = "This password is too common and easily guessable."
NOT_FAIR = "For security, password must have at least fair strength"

_DEFAULTS = frozenset({"admin", "password", "1234", "12345", "secret"})
_COMMON_TEXT = (
    "123456 123456789 12345678 1234567 1234567890 qwerty qwerty123 qwertyuiop password1 "
    "password123 abc123 iloveyou 111111 000000 123123 654321 666666 121212 987654321 "
    "princess sunshine monkey dragon football baseball letmein master shadow michael "
    "superman trustno1 welcome welcome1 passw0rd p@ssw0rd asdfghjkl zaq12wsx 1q2w3e4r "
    "1q2w3e4r5t qazwsx q1w2e3r4 changeme"
)
_COMMON = frozenset(_COMMON_TEXT.split())
_SEQUENCES = ("qwerty", "asdfgh", "zxcvbn", "12345", "23456", "34567", "45678", "56789")
_SEQUENCES += ("abcde", "bcdef", "cdefg", "defgh")


def secret_errors(secret: str) -> list[str]:
    """The messages SaveRecordAction reports for `secret`, in PasswordService's order."""
    length = len(secret.encode())
    errors = []
    if length < MIN_LENGTH:
        errors.append(TOO_SHORT)
    elif length > MAX_LENGTH:
        errors.append(TOO_LONG)
    if secret.lower() in _DEFAULTS:
        errors.append(IS_DEFAULT)
    elif not errors and secret in _COMMON:
        errors.append(TOO_COMMON)
    if score(secret) < FAIR:
        errors.append(NOT_FAIR)
    return errors


def score(password: str) -> int:
    """PasswordService::calculateScore."""
    raw = password.encode()
    length = len(raw)
    if length == 0:
        return 0
    classes = [
        re.search(rb"[a-z]", raw),
        re.search(rb"[A-Z]", raw),
        re.search(rb"\d", raw),
        re.search(rb"[^a-zA-Z0-9]", raw),
    ]
    diversity = sum(1 for found in classes if found)
    total = _length_points(length) + 10 * diversity + _unique_points(len(set(raw)) / length)
    if diversity >= 3 and length >= 12:
        total += 10
    return max(0, min(100, total - _penalties(password, raw)))


def _length_points(length: int) -> int:
    if length >= 16:
        return 30
    if length >= 12:
        return 20
    return 10 if length >= 8 else length


def _unique_points(ratio: float) -> int:
    if ratio > 0.7:
        return 20
    if ratio > 0.5:
        return 15
    return 10 if ratio > 0.3 else 5


def _penalties(password: str, raw: bytes) -> int:
    penalty = 0
    if re.search(rb"(.)\1{2,}", raw):
        penalty += 10
    lower = password.lower()
    if any(seq in lower or seq[::-1] in lower for seq in _SEQUENCES):
        penalty += 10
    if re.fullmatch(rb"[a-z]+", raw, re.IGNORECASE) and len(raw) < 10:
        penalty += 15  # probably a dictionary word
    return penalty
