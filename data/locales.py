"""The `--locales` option: which Faker locales the employees' names come from, and how often."""

from __future__ import annotations

import difflib
import locale as pylocale
import math
from functools import cache
from typing import NamedTuple

from faker.config import AVAILABLE_LOCALES
from faker.utils.loading import find_available_locales

DEFAULT_LOCALES = "ru_RU,en_US,zh_CN,ja_JP"
"""The four locales of MikoPBX's own bulk-creation example."""

KNOWN_SCRIPT_LOCALES = (
    *("ru_RU", "en_US", "zh_CN", "ja_JP", "uk_UA", "el_GR"),
    *("ar_AA", "he_IL", "ko_KR", "hi_IN", "th_TH", "ka_GE"),
)
"""Locales whose names are checked by the tests to come out in the locale's own script."""


class LocaleWeight(NamedTuple):
    """One locale of the mix and its relative share of the generated people."""

    locale: str
    """Faker locale in canonical form, e.g. ``ru_RU``."""
    weight: float
    """Relative weight; ``ru_RU:3,en_US`` gives three Russians for each American."""


def parse_locales(spec: str, option: str = "--locales") -> tuple[LocaleWeight, ...]:
    """Parse ``ru_RU:3,en_US,zh_CN``; raise ValueError with one line naming the bad part."""
    if not spec.strip():
        raise ValueError(f"{option} is empty; give one or more locales, e.g. {DEFAULT_LOCALES}")
    mix: dict[str, LocaleWeight] = {}
    for part in spec.split(","):
        item = _parse_item(part.strip(), option)
        if item.locale in mix:
            raise ValueError(
                f"locale {item.locale} appears twice in {option}; give each locale once, "
                f"with a weight if it should come up more often ({item.locale}:2)"
            )
        mix[item.locale] = item
    return tuple(mix.values())


def _parse_item(item: str, option: str) -> LocaleWeight:
    if not item:
        raise ValueError(
            f"empty item in {option}; separate locales by single commas: ru_RU:3,en_US"
        )
    name, colon, weight_text = (text.strip() for text in item.partition(":"))
    if not name:
        raise ValueError(
            f"no locale before {item!r} in {option}; write LOCALE:WEIGHT, e.g. ru_RU:3"
        )
    locale = _checked_locale(name, option)
    weight = _parse_weight(weight_text, name, option) if colon else 1.0
    return LocaleWeight(locale, weight)


def _parse_weight(text: str, name: str, option: str) -> float:
    try:
        weight = float(text)
    except ValueError:
        weight = math.nan
    if not (math.isfinite(weight) and weight > 0):
        raise ValueError(
            f"bad weight {text!r} for {name} in {option}; use a positive number, e.g. {name}:3"
        )
    return weight


def _checked_locale(name: str, option: str) -> str:
    locale = canonical_locale(name)
    if locale not in AVAILABLE_LOCALES:
        raise ValueError(f"unknown locale {name!r} in {option}; {_suggestion(name)}")
    if locale not in _person_locales():
        raise ValueError(
            f"locale {name} in {option} has no person names in Faker (they would be en_US "
            f"names); choose another, e.g. {', '.join(KNOWN_SCRIPT_LOCALES[:6])}"
        )
    return locale


def canonical_locale(name: str) -> str:
    """The locale Faker would use for ``name``: ``ru-RU`` → ``ru_RU``, ``de`` → ``de_DE``."""
    if not name:
        return name
    # Faker itself normalises this way before it looks a locale up.
    return pylocale.normalize(name.replace("-", "_")).split(".")[0]


def _suggestion(name: str) -> str:
    close = difflib.get_close_matches(name, AVAILABLE_LOCALES, n=1, cutoff=0.6)
    known = f"known locales include {', '.join(KNOWN_SCRIPT_LOCALES)}"
    return f"did you mean {close[0]}? {known}" if close else known


@cache
def _person_locales() -> frozenset[str]:
    # Faker silently falls back to en_US names for a locale with no person provider.
    return frozenset(find_available_locales(["faker.providers.person"]))
