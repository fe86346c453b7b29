"""The plan of one test: decided once, before any user starts, the same in every process."""

from __future__ import annotations

import secrets
import time
from dataclasses import asdict, dataclass, fields
from typing import Any

from data.locales import LocaleWeight
from data.numbers import NumberPool, default_range
from suite.options import OptionError, Settings
from suite.preflight import PbxFacts


@dataclass(frozen=True)
class Plan:
    """Everything a process needs to generate this test's employees."""

    run_id: str
    run_seed: int
    settings: Settings
    number_range: tuple[int, int] | None
    """The pool's range; None when numbers come from the PBX's template."""
    taken_numbers: tuple[str, ...]
    """Numbers the PBX holds or reserves: the pool skips them, the mobiles avoid them."""
    api: str


def new_run_id() -> str:
    """Sortable and unique enough to tell runs apart in one ledger: time plus 16 random bits."""
    return time.strftime("%Y%m%dT%H%M%S", time.gmtime()) + "-" + secrets.token_hex(2)


def make_plan(settings: Settings, facts: PbxFacts, api: str) -> Plan:
    """Fix the run's seed and number range, checking the pool can hold the quota."""
    run_seed = settings.run_seed if settings.run_seed is not None else secrets.randbits(32)
    number_range = None
    taken = facts.taken_numbers + reserved_numbers(settings)
    if settings.number_source == "pool":
        number_range = settings.number_range or _default_range(facts)
        free = NumberPool(*number_range, taken).free_count
        if settings.employees > free:
            first, last = number_range
            raise OptionError(
                f"--employees {settings.employees} needs as many free extension numbers, but "
                f"{first}-{last} has {free} free on this PBX; lower --employees or widen "
                f"--number-range"
            )
    return Plan(new_run_id(), run_seed, settings, number_range, taken, api)


def reserved_numbers(settings: Settings) -> tuple[str, ...]:
    """Numbers the PBX uses without listing them (parking slots), as taken numbers."""
    return tuple(
        str(n) for first, last in settings.reserved_numbers for n in range(first, last + 1)
    )


def _default_range(facts: PbxFacts) -> tuple[int, int]:
    """The range of the PBX's extension length: told by v3, guessed from the template's
    suggested number by the legacy API."""
    if facts.extension_length:
        return default_range(facts.extension_length)
    if not facts.suggested_number.isdigit():
        raise OptionError(
            "the PBX offers no free extension number, so its extension length is unknown; "
            "give --number-range FIRST-LAST"
        )
    return default_range(len(facts.suggested_number))


def plan_to_wire(plan: Plan) -> dict[str, Any]:
    """The plan as plain data (dicts, lists, strings, numbers) for Locust's messages."""
    return asdict(plan)


def plan_from_wire(data: dict[str, Any]) -> Plan:
    """The plan a master sent: its lists back to tuples, its locales back to LocaleWeight."""
    settings = {f.name: _frozen(data["settings"][f.name]) for f in fields(Settings)}
    settings["locales"] = tuple(LocaleWeight(*pair) for pair in settings["locales"])
    plan = {f.name: _frozen(data[f.name]) for f in fields(Plan) if f.name != "settings"}
    return Plan(settings=Settings(**settings), **plan)


def _frozen(value: Any) -> Any:
    """Lists (msgpack's tuples) as tuples, all the way down."""
    return tuple(_frozen(item) for item in value) if isinstance(value, (list, tuple)) else value
