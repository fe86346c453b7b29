"""Command-line options of `python -m emulator`, turned into an EmulatorConfig."""

from __future__ import annotations

import argparse

from emulator.config import EmulatorConfig, FaultSettings, ModelSettings
from emulator.dialect import DIALECTS
from emulator.options_v3 import add_v3_options, v3_settings

ACTIONS = ("getRecord", "saveRecord", "deleteRecord", "getForSelect", "available")
# option suffix -> fault kind (see emulator.config.FAULT_KINDS)
FAULT_OPTIONS = {
    "500-before": ("http500_before", "HTTP 500 instead of running the request (nothing saved)"),
    "500-after": ("http500_after", "HTTP 500 after the save committed (the employee exists)"),
    "locked": ("locked", "result:false with 'database is locked' (nothing saved)"),
    "html": ("html", "HTTP 200 with an HTML error page instead of JSON"),
    "truncated": ("truncated", "HTTP 200 with the JSON answer cut in half"),
    "non-object": ("non_object", "HTTP 200 with the JSON '[]' instead of an object"),
    "drop": ("drop", "close the connection without an answer (after the save)"),
}


def _rate(text: str) -> float:
    value = float(text)
    if not 0.0 <= value <= 1.0:
        raise argparse.ArgumentTypeError(f"{text} is not a rate: give a number from 0 to 1")
    return value


def _positive(text: str) -> float:
    value = float(text)
    if value < 0:
        raise argparse.ArgumentTypeError(f"{text} is negative: give 0 or more")
    return value


def _actions(text: str) -> frozenset[str]:
    names = frozenset(name.strip() for name in text.split(",") if name.strip())
    unknown = names - set(ACTIONS)
    if unknown:
        raise argparse.ArgumentTypeError(f"unknown action {sorted(unknown)}: use {list(ACTIONS)}")
    return names


def _length(text: str) -> int:
    value = int(text)
    if not 1 <= value <= 9:
        raise argparse.ArgumentTypeError(f"{text}: the extension length must be 1 to 9")
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m emulator", description="Emulator of the MikoPBX REST API (legacy and v3)."
    )
    add = parser.add_argument
    add("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    add("--port", type=int, default=8081, help="port; 0 picks a free one (default 8081)")
    add("--db", metavar="PATH", help="SQLite file to use (default: a fresh one, removed at exit)")
    add("--extension-length", type=_length, default=3, help="PBXInternalExtensionLength (3)")
    add("--pbx-version", choices=sorted(DIALECTS), default="2024.1", help="release to imitate")
    add("--no-demo", action="store_true", help="start without the demo employees 201-203")
    trust = parser.add_mutually_exclusive_group()
    trust.add_argument(
        "--require-auth", action="store_true", help="require a login even from 127.0.0.1"
    )
    trust.add_argument(
        "--no-auth", action="store_true", help="trust every client like 127.0.0.1 (containers)"
    )
    add("--admin-login", default="admin", help="login of the admin cabinet (admin)")
    add("--admin-password", default="admin", help="password of the admin cabinet (admin)")
    add(
        "--forbid-actions",
        type=_actions,
        default=frozenset(),
        metavar="A,B",
        help="actions a logged-in session gets 403 for",
    )
    _add_model(parser)
    _add_faults(parser)
    add_v3_options(parser)
    return parser


def _add_model(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("PBX model (on by default)")
    add = group.add_argument
    add("--no-model", action="store_true", help="no latency, no worker pool: as fast as possible")
    add("--model-workers", type=int, default=4, help="backend workers (4)")
    add("--model-get-ms", type=_positive, default=5.0, help="service time of reads (5)")
    add("--model-save-ms", type=_positive, default=80.0, help="service time of saves/deletes (80)")
    add("--model-jitter", type=_rate, default=0.2, help="service times vary by ±this share (0.2)")
    add("--model-timeout-s", type=_positive, default=10.0, help="worker timeout -> HTTP 500 (10)")
    add("--model-seed", type=int, default=0, help="seed of the jitter (0)")


def _add_faults(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("fault injection (all off by default)")
    add = group.add_argument
    add("--fault-seed", type=int, default=0, help="seed of the fault draws (0)")
    add(
        "--fault-actions",
        type=_actions,
        default=frozenset({"saveRecord", "getRecord"}),
        metavar="A,B",
        help="actions faults apply to (saveRecord,getRecord)",
    )
    for suffix, (_kind, text) in FAULT_OPTIONS.items():
        add(f"--fault-{suffix}-rate", type=_rate, default=0.0, metavar="RATE", help=text)
    add(
        "--fault-slow-rate",
        type=_rate,
        default=0.0,
        metavar="RATE",
        help="share of answers delayed by --fault-slow-ms",
    )
    add("--fault-slow-ms", type=_positive, default=2000.0, help="delay of a slow answer (2000)")


def to_config(args: argparse.Namespace, database: str) -> EmulatorConfig:
    model = None
    if not args.no_model:
        model = ModelSettings(
            workers=args.model_workers,
            get_ms=args.model_get_ms,
            save_ms=args.model_save_ms,
            jitter=args.model_jitter,
            timeout_s=args.model_timeout_s,
            seed=args.model_seed,
        )
    rates = {
        kind: getattr(args, f"fault_{suffix.replace('-', '_')}_rate")
        for suffix, (kind, _text) in FAULT_OPTIONS.items()
    }
    faults = FaultSettings(
        rates=rates,
        slow_rate=args.fault_slow_rate,
        slow_ms=args.fault_slow_ms,
        seed=args.fault_seed,
        actions=args.fault_actions,
    )
    return EmulatorConfig(
        database=database,
        extension_length=args.extension_length,
        pbx_version=args.pbx_version,
        demo=not args.no_demo,
        require_auth=args.require_auth,
        trust_all=args.no_auth,
        admin_login=args.admin_login,
        admin_password=args.admin_password,
        forbidden_actions=args.forbid_actions,
        model=model,
        faults=faults,
        v3=v3_settings(args),
    )
