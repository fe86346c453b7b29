"""Command-line options of the v3 API: which surfaces answer, tokens, queue, rate limit."""

from __future__ import annotations

import argparse
import re

from emulator.config import RateLimitSettings, V3Settings

_API_KEY = re.compile(r"[0-9a-fA-F]{64}")


def _api_key(text: str) -> str:
    if not _API_KEY.fullmatch(text):
        raise argparse.ArgumentTypeError("an API key is 64 hexadecimal characters")
    return text


def _seconds(text: str) -> float:
    value = float(text)
    if value <= 0:
        raise argparse.ArgumentTypeError(f"{text}: give a number of seconds above 0")
    return value


def _count(text: str) -> int:
    value = int(text)
    if value < 0:
        raise argparse.ArgumentTypeError(f"{text} is negative: give 0 or more")
    return value


def add_v3_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("v3 API (2026.1)")
    add = group.add_argument
    add(
        "--api",
        choices=("legacy", "v3", "both"),
        default="both",
        help="surfaces that answer; the other one's paths get 404 (both)",
    )
    add("--jwt-ttl-s", type=_count, default=900, metavar="S", help="access token lifetime (900)")
    add(
        "--jwt-leeway-s",
        type=_count,
        default=600,
        metavar="S",
        help="seconds an expired access token is still accepted (600)",
    )
    add(
        "--api-key",
        type=_api_key,
        action="append",
        default=[],
        metavar="KEY",
        help="API key accepted as a Bearer token (64 hex characters; repeatable)",
    )
    add("--rotate-refresh", action="store_true", help="auth:refresh sets a new refresh cookie")
    add(
        "--v3-timeout-s",
        type=_seconds,
        default=30.0,
        metavar="S",
        help="worker timeout -> 400 (30)",
    )
    add("--v3-queue-max", type=_count, default=50, metavar="N", help="503 when more jobs wait (50)")
    limit = parser.add_argument_group("nginx rate limit (off by default)")
    add = limit.add_argument
    add("--rate-limit", action="store_true", help="limit requests per client address")
    add("--rate-limit-requests", type=_count, default=180, metavar="N", help="per window (180)")
    add("--rate-limit-burst", type=_count, default=20, metavar="N", help="extra requests (20)")
    add("--rate-limit-window-s", type=_seconds, default=60.0, metavar="S", help="window (60)")
    add(
        "--rate-limit-block-s",
        type=_seconds,
        default=300.0,
        metavar="S",
        help="first block; doubles per offence up to 3600 (300)",
    )


def v3_settings(args: argparse.Namespace) -> V3Settings:
    rate_limit = None
    if args.rate_limit:
        rate_limit = RateLimitSettings(
            requests=args.rate_limit_requests,
            burst=args.rate_limit_burst,
            window_s=args.rate_limit_window_s,
            block_s=args.rate_limit_block_s,
        )
    return V3Settings(
        api=args.api,
        jwt_ttl_s=args.jwt_ttl_s,
        jwt_leeway_s=args.jwt_leeway_s,
        api_keys=tuple(args.api_key),
        rotate_refresh=args.rotate_refresh,
        worker_timeout_s=args.v3_timeout_s,
        queue_max=args.v3_queue_max,
        rate_limit=rate_limit,
    )
