"""create_app: one emulated PBX as a Flask app (flaskr style, one blueprint per surface)."""

from __future__ import annotations

from dataclasses import dataclass

from flask import Flask, Response, current_app, request
from werkzeug.exceptions import HTTPException

from emulator import auth, db, legacy_api, stats, v3_api
from emulator.config import EmulatorConfig
from emulator.dialect import DIALECTS
from emulator.envelope import error_response
from emulator.faults import FaultInjector
from emulator.model import PbxModel
from emulator.rate_limit import RateLimiter
from emulator.store import Store
from emulator.v3_auth import Auth
from emulator.v3_envelope import endpoint_not_found, payload_error, too_many_requests
from emulator.v3_serve import SERVER_ERROR

NGINX_404 = (
    "<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n"
    "<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx</center>\r\n"
    "</body>\r\n</html>\r\n"
)


@dataclass
class Services:
    """Everything a request handler needs, kept in app.extensions["emulator"]."""

    config: EmulatorConfig
    store: Store
    model: PbxModel | None
    faults: FaultInjector
    stats: stats.Stats
    sessions: auth.Sessions
    auth: Auth
    limiter: RateLimiter | None


def create_app(config: EmulatorConfig | None = None) -> Flask:
    """Build the app over `config.database` (":memory:" when empty), seeding it if new."""
    config = config or EmulatorConfig()
    if config.pbx_version not in DIALECTS:
        raise ValueError(f"unknown PBX version {config.pbx_version!r}: use one of {list(DIALECTS)}")
    conn = db.connect(config.database or ":memory:")
    db.init(conn, config.demo)
    app = Flask(__name__)
    # PHP takes forms of any size (post_max_size is 100G on the PBX): no werkzeug limits.
    app.config.update(MAX_FORM_MEMORY_SIZE=None, MAX_FORM_PARTS=None)
    app.extensions["emulator.db"] = conn
    app.extensions["emulator"] = Services(
        config=config,
        store=Store(conn, DIALECTS[config.pbx_version], config.extension_length),
        model=PbxModel(config.model) if config.model else None,
        faults=FaultInjector(config.faults),
        stats=stats.Stats(),
        sessions=auth.Sessions(config.admin_login, config.admin_password),
        auth=Auth(config),
        limiter=RateLimiter(config.v3.rate_limit) if config.v3.rate_limit else None,
    )
    surfaces = {"legacy": [legacy_api.bp], "v3": [v3_api.bp]}
    surfaces["both"] = surfaces["legacy"] + surfaces["v3"]
    for blueprint in (*surfaces[config.v3.api], auth.bp, stats.bp):
        app.register_blueprint(blueprint)
    if config.v3.rate_limit is not None:
        app.before_request(_rate_limit)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(Exception, _internal_error)
    return app


def _rate_limit() -> Response | None:
    """nginx's limiter runs before anything else; the emulator's own pages are exempt."""
    if request.path.startswith("/emulator/"):
        return None
    services: Services = current_app.extensions["emulator"]
    assert services.limiter is not None
    if services.limiter.allow(request.remote_addr or ""):
        return None
    services.stats.rate_limited += 1
    services.stats.rate_limit_blocks = services.limiter.blocks
    return too_many_requests()


def _http_error(exc: HTTPException) -> Response:
    """Unknown routes and methods: the REST app's 404 under /pbxcore, nginx's elsewhere."""
    if not request.path.startswith("/pbxcore"):
        status = 404 if exc.code in (404, 405) else exc.code or 500
        return Response(NGINX_404, status=status, mimetype="text/html")
    if _v3_answers(request.path):
        if exc.code in (404, 405):
            return endpoint_not_found()
        return payload_error(exc.code or 500, exc.description or "")
    if exc.code in (404, 405):
        return error_response(404)
    if exc.code == 400:
        return error_response(400, exc.description)
    return error_response(500, "")


def _v3_answers(path: str) -> bool:
    """A 2026.1 REST app answers every /pbxcore path; with both APIs, only the v3 ones."""
    api = current_app.extensions["emulator"].config.v3.api
    return api == "v3" or (api == "both" and path.startswith("/pbxcore/api/v3"))


def _internal_error(exc: Exception) -> Response:
    """A bug must still answer like the PBX does, never with a traceback."""
    current_app.logger.exception("unexpected error on %s", request.path)
    if request.path.startswith("/pbxcore") and _v3_answers(request.path):
        return payload_error(500, SERVER_ERROR)
    return error_response(500, "")
