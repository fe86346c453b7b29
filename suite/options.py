"""The suite's command-line options, registered on Locust's parser and validated once.

Every option also reads an environment variable and a `locust.conf` key of the same
name, and shows in the web UI's start form where changing it per test makes sense.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass

from data.locales import DEFAULT_LOCALES, LocaleWeight, parse_locales
from data.numbers import parse_number_range
from suite import access

NUMBER_SOURCES = ("pool", "template")
EMPLOYEE_LOG_LEVELS = ("all", "failures", "none")


def register(parser: argparse.ArgumentParser) -> None:
    """Add the suite's options to Locust's parser (`init_command_line_parser` listener)."""
    # Straight on the parser: Locust's argument groups do not know include_in_web_ui.
    group = parser
    access.register(parser)
    group.add_argument(
        "--employees",
        type=int,
        default=0,
        env_var="PBX_EMPLOYEES",
        help="Exactly this many creation attempts in the whole test, then it stops; 0 = no limit",
    )
    group.add_argument(
        "--locales",
        default=DEFAULT_LOCALES,
        env_var="PBX_LOCALES",
        help="Faker locales of the people, with optional weights: ru_RU:3,en_US,zh_CN,ja_JP",
    )
    group.add_argument(
        "--run-seed",
        type=int,
        default=None,
        env_var="PBX_RUN_SEED",
        help="Key of the mobile-number bijection and seed of the names; random when not given",
    )
    group.add_argument(
        "--number-source",
        choices=NUMBER_SOURCES,
        default="pool",
        env_var="PBX_NUMBER_SOURCE",
        help="pool: unique free numbers from --number-range; template: the PBX's suggestion",
    )
    group.add_argument(
        "--number-range",
        default="",
        env_var="PBX_NUMBER_RANGE",
        help="FIRST-LAST extension numbers for the pool; default from the PBX's extension length",
    )
    group.add_argument(
        "--reserved-numbers",
        default="800-820",
        env_var="PBX_RESERVED_NUMBERS",
        help="FIRST-LAST[,FIRST-LAST] the pool never hands out: MikoPBX's parking slots by "
        "default, which getForSelect does not list; '' for none",
    )
    group.add_argument(
        "--ledger",
        default="reports/ledger-{run_id}.csv",
        env_var="PBX_LEDGER",
        help="CSV of every employee the PBX confirmed; {run_id} is replaced, and {worker} by "
        "the worker (a worker's ledger always names it, so workers never share a file)",
    )
    group.add_argument(
        "--employee-log",
        choices=EMPLOYEE_LOG_LEVELS,
        default="all",
        env_var="PBX_EMPLOYEE_LOG",
        help="Which employees get a console line: all, failures or none",
    )
    group.add_argument(
        "--emulator-options",
        default="",
        env_var="PBX_EMULATOR_OPTIONS",
        include_in_web_ui=False,
        help="Options of the emulator started without --host: --emulator-options=--no-model",
    )


@dataclass(frozen=True)
class Settings:
    """The validated options of one test."""

    employees: int
    locales: tuple[LocaleWeight, ...]
    run_seed: int | None
    number_source: str
    number_range: tuple[int, int] | None
    reserved_numbers: tuple[tuple[int, int], ...]
    ledger: str
    employee_log: str


class OptionError(ValueError):
    """A wrong option: its message is the one line the user sees."""


def settings_from(options: argparse.Namespace) -> Settings:
    """Validate Locust's parsed options; raise OptionError naming the option and the fix."""
    if options.employees < 0:
        raise OptionError(f"--employees must be 0 (no limit) or more, not {options.employees}")
    try:
        locales = parse_locales(options.locales, "--locales")
        number_range = None
        if options.number_range:
            number_range = parse_number_range(options.number_range, "--number-range")
        reserved = tuple(
            parse_number_range(part, "--reserved-numbers")
            for part in options.reserved_numbers.split(",")
            if part.strip()
        )
    except ValueError as error:
        raise OptionError(str(error)) from None
    if complaint := access.check(options):
        raise OptionError(complaint)
    if number_range and options.number_source == "template":
        raise OptionError("--number-range applies to --number-source pool only; drop one of them")
    return Settings(
        employees=options.employees,
        locales=locales,
        run_seed=_run_seed(options.run_seed),
        number_source=options.number_source,
        number_range=number_range,
        reserved_numbers=reserved,
        ledger=options.ledger,
        employee_log=options.employee_log,
    )


def _run_seed(value: int | str | None) -> int | None:
    """The seed, or None for a random one; the web UI's form sends text, "" when left empty."""
    if value is None or isinstance(value, int):
        return value
    if not value.strip():
        return None
    try:
        return int(value)
    except ValueError:
        raise OptionError(f"--run-seed must be a whole number, not {value!r}") from None
