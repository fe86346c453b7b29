"""Who may call the API: loopback without a session, everyone else after a login.

The login is the admin cabinet's form (SessionController::startAction): every call
counts toward 10 per 5 minutes per client address, the successful ones too, and
the call that brings the count to 10 is already refused.
"""

from __future__ import annotations

import secrets
import time
from collections import Counter
from typing import Any

from flask import Blueprint, Request, Response, current_app, request

from emulator.envelope import error_response
from emulator.php import json_encode

COOKIE = "PHPSESSID"
LOGIN_ATTEMPTS = 10
LOGIN_WINDOW_S = 300
HOME_PAGE = "/admin-cabinet/extensions/index"
LOGIN_PAGE = "/admin-cabinet/session/index"
HTML_PAGE = "<!DOCTYPE html><html><head><title>MikoPBX</title></head><body></body></html>\n"


class Sessions:
    """PHP sessions (id -> logged in?) and the login counters per client address."""

    def __init__(self, login: str, password: str) -> None:
        self._credentials = (login, password)
        self._authenticated: set[str] = set()
        self._attempts: Counter[tuple[int, str]] = Counter()
        # Windows are fixed 300 s buckets like the real ones, counted from start-up
        # instead of from the epoch so a short test never straddles a boundary.
        self._epoch = time.monotonic()

    def is_authenticated(self, req: Request) -> bool:
        return req.cookies.get(COOKIE, "") in self._authenticated

    def remaining_attempts(self, address: str) -> int:
        """Count this call and return what the real countRemainAttempts() returns."""
        window = int((time.monotonic() - self._epoch) // LOGIN_WINDOW_S)
        self._attempts[(window, address)] += 1
        return max(LOGIN_ATTEMPTS - self._attempts[(window, address)], 0)

    def check(self, login: str, password: str) -> bool:
        return (login, password) == self._credentials

    def login(self, session_id: str) -> None:
        self._authenticated.add(session_id)


bp = Blueprint("auth", __name__, url_prefix="/admin-cabinet/session")


@bp.route("/start", methods=["GET", "POST"])
def start() -> Response:
    services = current_app.extensions["emulator"]
    sessions: Sessions = services.sessions
    session_id = request.cookies.get(COOKIE) or secrets.token_hex(16)
    view = _attempt(sessions, session_id, services.stats.logins)
    if request.headers.get("X-Requested-With") == "XMLHttpRequest":
        response = Response(json_encode(view), content_type="application/json; charset=UTF-8")
    else:
        response = Response(HTML_PAGE, mimetype="text/html")
    if COOKIE not in request.cookies:
        response.set_cookie(COOKIE, session_id, path="/")
    return response


def _attempt(sessions: Sessions, session_id: str, logins: Counter[str]) -> dict[str, Any]:
    """The view variables of startAction; a GET runs the same code with no fields."""
    remain = sessions.remaining_attempts(request.remote_addr or "")
    if remain == 0:
        logins["blocked"] += 1
        error = f"Too many login attempts. Your IP address is blocked for {LOGIN_WINDOW_S} seconds."
        return {"success": True, "reload": LOGIN_PAGE, "message": {"error": [error]}}
    login = request.form.get("login", "guest") if request.method == "POST" else "guest"
    password = request.form.get("password", "guest") if request.method == "POST" else "guest"
    if not sessions.check(login, password):
        logins["refused"] += 1
        error = f"Authorization failed, you have {remain} attempts left"
        return {"success": False, "reload": False, "message": {"error": [error]}}
    sessions.login(session_id)
    logins["accepted"] += 1
    return {"success": True, "reload": request.form.get("backUri") or HOME_PAGE, "message": []}


def api_access(action: str) -> Response | None:
    """AuthenticationMiddleware: 401 without a session, 403 for a forbidden action."""
    services = current_app.extensions["emulator"]
    config = services.config
    if config.trust_all or (request.remote_addr == "127.0.0.1" and not config.require_auth):
        return None
    if not services.sessions.is_authenticated(request):
        return error_response(401, "The user isn't authenticated.")
    if action in services.config.forbidden_actions:
        return error_response(403, "The route is not allowed")
    return None
