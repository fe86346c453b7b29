"""Injected faults: drawn from one seeded generator in request order, so a run repeats.

Each eligible request takes exactly two draws: one picks at most one outcome fault
(the rates partition [0, 1) in FAULT_KINDS order), the other decides whether the
answer is also slow. The same seed and the same request order give the same faults.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from flask import Response

from emulator.config import FAULT_KINDS, SAVE_ONLY_FAULTS, FaultSettings
from emulator.dialect import PROCESSOR
from emulator.envelope import JSON_TYPE, ApiResult
from emulator.model import WRITE_ACTIONS
from emulator.php import whoops

# What nginx shows when PHP-FPM fails (its stock 50x.html), sent with status 200 as
# when a PHP error page replaces the JSON: the body does not parse.
HTML_PAGE = """<!DOCTYPE html>
<html>
<head>
<title>Error</title>
</head>
<body>
<h1>An error occurred.</h1>
<p>Sorry, the page you are looking for is currently unavailable.<br/>
Please try again later.</p>
</body>
</html>
"""
NON_OBJECT = "[]"
_LIB_DIR = "/usr/www/src/PBXCoreREST/Lib"
LOCKED = "SQLSTATE[HY000]: General error: 5 database is locked"


@dataclass(frozen=True)
class Draw:
    kind: str | None = None
    slow: bool = False


NO_FAULT = Draw()


class FaultInjector:
    def __init__(self, settings: FaultSettings) -> None:
        self.settings = settings
        self._random = random.Random(settings.seed)

    def draw(self, action: str) -> Draw:
        s = self.settings
        if action not in s.actions or not s.any_enabled():
            return NO_FAULT
        outcome, slow = self._random.random(), self._random.random()
        edge = 0.0
        for kind in FAULT_KINDS:
            if kind in SAVE_ONLY_FAULTS and action not in WRITE_ACTIONS:
                continue
            edge += s.rates.get(kind, 0.0)
            if outcome < edge:
                return Draw(kind, slow < s.slow_rate)
        return Draw(None, slow < s.slow_rate)


def locked_result() -> ApiResult:
    """What the worker answers when SQLite stays locked past the busy timeout."""
    where = f"{_LIB_DIR}/Extensions/SaveRecordAction.php:131"
    trace = [
        "PDOStatement->execute() [internal]:0",
        f"MikoPBX\\PBXCoreREST\\Lib\\Extensions\\SaveRecordAction::saveUser() {where}",
        f"{PROCESSOR}::callBack() {_LIB_DIR}/ExtensionsManagementProcessor.php:48",
    ]
    return ApiResult("", PROCESSOR).error(whoops("PDOException", LOCKED, where, trace))


def garble(kind: str, body: str) -> Response:
    """An answer whose body a client cannot use as the API's JSON object."""
    if kind == "html":
        return Response(HTML_PAGE, status=200, mimetype="text/html")
    if kind == "truncated":
        return Response(body[: len(body) // 2], status=200, mimetype=JSON_TYPE)
    return Response(NON_OBJECT, status=200, mimetype=JSON_TYPE)
