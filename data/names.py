"""How each locale writes a person's name: one Faker per locale, the name order, a romanisation.

Names are drawn with ``first_name_male()``/``last_name_male()`` (or the female pair), never
``name()``: Faker's ``name()`` formats add titles and suffixes ("Dr.", "Jr.", "MD", "г-н").
"""

from __future__ import annotations

import re

from faker import Faker
from faker.decode import unidecode

FAMILY_FIRST = {
    "zh_CN": "",
    "zh_TW": "",
    "ko_KR": "",
    "ja_JP": " ",
    "hu_HU": " ",
    "vi_VN": " ",
}
"""Locales that write the family name first, and what separates it from the given name.

Chinese and Korean names are written as one word. Japanese running text writes them
together too, but staff lists, forms and directories (and Faker's own formats) put a space
between family and given name, because nothing else shows where a kanji family name ends.
Every other locale writes the given name first, separated by a space.
"""

ASCII_PART_LENGTH = 20
"""At most this many characters of each romanised name go into an e-mail address."""

_ROMAN_NUMERAL = re.compile(r"[IVX]{2,}")
_NOT_ASCII_ALNUM = re.compile(r"[^a-z0-9]+")


class LocaleNames:
    """Names of one locale: draws a gender-consistent given and family name, composes them."""

    def __init__(self, locale: str) -> None:
        self.locale = locale
        """Faker locale, e.g. ``ko_KR``."""
        self.faker = Faker(locale, use_weighting=False)  # weighting costs ≈5x per name
        """This process's only Faker for the locale."""
        self.family_first = locale in FAMILY_FIRST
        """Whether the family name comes first in the full name."""
        self.separator = FAMILY_FIRST.get(locale, " ")
        """What separates the two names: a space, or nothing in Chinese and Korean."""
        person = self.faker.provider("faker.providers.person")
        internet = self.faker.provider("faker.providers.internet")
        self._affixes = _affixes(person)
        self._replacements = tuple(getattr(internet, "replacements", ()))
        self._cache: dict[str, tuple[str, str]] = {}

    def reseed(self, seed: int | str) -> None:
        """Seed this locale's Faker instance (never the global ``Faker.seed()``)."""
        self.faker.seed_instance(f"{seed}/{self.locale}")

    def draw(self, female: bool) -> tuple[str, str, str, str]:
        """(given name, family name, romanised given name, romanised family name)."""
        first = last = ""
        while not (first and last):  # a few of Faker's entries are titles alone
            first, first_ascii = self._clean(self._first_name(female))
            last, last_ascii = self._clean(self._last_name(female))
        return first, last, first_ascii, last_ascii

    def username(self, first: str, last: str) -> str:
        """The full name in the locale's usual order."""
        if self.family_first:
            return f"{last}{self.separator}{first}"
        return f"{first} {last}"

    def email_domain(self) -> str:
        """A free e-mail domain usual in the locale (mail.ru, yahoo.co.jp ...)."""
        return self.faker.free_email_domain()

    def _first_name(self, female: bool) -> str:
        return self.faker.first_name_female() if female else self.faker.first_name_male()

    def _last_name(self, female: bool) -> str:
        # Falls back to last_name() where the locale has no gendered family names.
        return self.faker.last_name_female() if female else self.faker.last_name_male()

    def _clean(self, raw: str) -> tuple[str, str]:
        cached = self._cache.get(raw)
        if cached is None:
            name = _strip_affixes(raw, self._affixes)
            cached = self._cache[raw] = (name, self._romanise(name))
        return cached

    def _romanise(self, name: str) -> str:
        for search, replace in self._replacements:  # the locale's own transliteration first
            name = name.replace(search, replace)
        return _NOT_ASCII_ALNUM.sub("", unidecode(name).lower())[:ASCII_PART_LENGTH]


class JapaneseNames(LocaleNames):
    """ja_JP: romaji from Faker's (kanji, kana, romaji) pairs; unidecode reads kanji as Chinese."""

    def draw(self, female: bool) -> tuple[str, str, str, str]:
        """(given name, family name, romanised given name, romanised family name)."""
        pair = self.faker.first_name_female_pair if female else self.faker.first_name_male_pair
        first, _, first_romaji = pair()
        last, _, last_romaji = self.faker.last_name_pair()
        return first, last, _ascii(first_romaji), _ascii(last_romaji)


def locale_names(locale: str) -> LocaleNames:
    """The names of ``locale``, with the locale's own romanisation where Faker has one."""
    return JapaneseNames(locale) if locale == "ja_JP" else LocaleNames(locale)


def _ascii(text: str) -> str:
    return _NOT_ASCII_ALNUM.sub("", text.lower())[:ASCII_PART_LENGTH]


def _affixes(person: object) -> frozenset[str]:
    # The locale's own titles and suffixes: a few name lists contain them (th_TH "นาย" = Mr.).
    words: set[str] = set()
    for kind in ("prefixes", "suffixes"):
        for variant in ("", "_male", "_female", "_nonbinary"):
            words.update(getattr(person, kind + variant, ()) or ())
    return frozenset(words)


def _strip_affixes(name: str, affixes: frozenset[str]) -> str:
    """Drop what is not a name: "(variant)" notes, ", van" tails, titles, "II", "D." initials."""
    name = re.split(r"[(,;]", name, maxsplit=1)[0]
    words = [
        word
        for word in name.split()
        if word not in affixes and "." not in word and not _ROMAN_NUMERAL.fullmatch(word)
    ]
    return " ".join(words)
