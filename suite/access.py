"""How the suite reaches the PBX: which API it speaks and how it signs in.

Kept out of the run's plan on purpose: the plan is written next to the ledger and sent
to workers as data, and a password or key must never travel or be stored with it.
"""

from __future__ import annotations

import argparse

from pbx import legacy, v3
from pbx.auth import Credentials

APIS = ("auto", legacy.API_NAME, v3.API_NAME)
DIALECTS = {legacy.API_NAME: legacy, v3.API_NAME: v3}
"""The modules that know each API's paths, bodies and answer codes."""


def register(parser: argparse.ArgumentParser) -> None:
    """Add the API and sign-in options; the secrets are masked in the web UI's form."""
    parser.add_argument(
        "--api",
        choices=APIS,
        default="auto",
        env_var="PBX_API",
        help="legacy (2023.2-2024.x), v3 (2026.1+), or auto: asked of the PBX once per run",
    )
    parser.add_argument(
        "--pbx-login",
        default="",
        env_var="PBX_LOGIN",
        help="Admin login, for a PBX reached from another address (127.0.0.1 needs none)",
    )
    parser.add_argument(
        "--pbx-password",
        default="",
        env_var="PBX_PASSWORD",
        is_secret=True,
        help="Admin password; one login per Locust process, shared by its users",
    )
    parser.add_argument(
        "--api-key",
        default="",
        env_var="PBX_API_KEY",
        is_secret=True,
        help="v3 API key (64 hex digits), sent as a Bearer token instead of a login",
    )


def credentials(options: argparse.Namespace) -> Credentials:
    return Credentials(options.pbx_login, options.pbx_password, options.api_key)


def check(options: argparse.Namespace) -> str | None:
    """The one-line complaint about these options, or None when they fit together."""
    if bool(options.pbx_login) != bool(options.pbx_password):
        return "give both --pbx-login and --pbx-password, or neither"
    if options.api_key and options.api == legacy.API_NAME:
        return "--api-key works with the v3 API only; give --pbx-login/--pbx-password instead"
    return None
