"""Test data for the employees: people per locale, unique mobiles, free numbers, indices."""

from data.allocator import Allocator, BlockCursor, LocalAllocator
from data.feistel import INDEX_SPACE, FeistelPermutation
from data.locales import (
    DEFAULT_LOCALES,
    KNOWN_SCRIPT_LOCALES,
    LocaleWeight,
    canonical_locale,
    parse_locales,
)
from data.mobiles import MobilePool
from data.numbers import NumberPool, default_range, parse_number_range
from data.people import PeopleFactory, Person, base36, index_of_email
from data.prefixes import FALLBACK_PREFIX, MOBILE_PREFIXES, mobile_prefix

__all__ = [
    "DEFAULT_LOCALES",
    "FALLBACK_PREFIX",
    "INDEX_SPACE",
    "KNOWN_SCRIPT_LOCALES",
    "MOBILE_PREFIXES",
    "Allocator",
    "BlockCursor",
    "FeistelPermutation",
    "LocalAllocator",
    "LocaleWeight",
    "MobilePool",
    "NumberPool",
    "PeopleFactory",
    "Person",
    "base36",
    "canonical_locale",
    "default_range",
    "index_of_email",
    "mobile_prefix",
    "parse_locales",
    "parse_number_range",
]
