"""Generated people: script, name order, no titles, gender, unique and valid e-mails."""

import re
import unicodedata
from collections import Counter

import pytest
from faker import Faker

from data.locales import KNOWN_SCRIPT_LOCALES, LocaleWeight, parse_locales
from data.people import PeopleFactory, Person, base36, index_of_email

SCRIPTS = {
    "ru_RU": ("CYRILLIC",),
    "uk_UA": ("CYRILLIC",),
    "en_US": ("LATIN",),
    "zh_CN": ("CJK",),
    "ja_JP": ("CJK", "HIRAGANA", "KATAKANA", "IDEOGRAPHIC"),
    "el_GR": ("GREEK",),
    "ar_AA": ("ARABIC",),
    "he_IL": ("HEBREW",),
    "ko_KR": ("HANGUL",),
    "hi_IN": ("DEVANAGARI",),
    "th_TH": ("THAI",),
    "ka_GE": ("GEORGIAN",),
}
"""Unicode character-name prefixes of each locale's script."""

ORDER = {  # locale → (family name first, separator)
    **{locale: (False, " ") for locale in KNOWN_SCRIPT_LOCALES},
    "zh_CN": (True, ""),
    "ko_KR": (True, ""),
    "ja_JP": (True, " "),
    "hu_HU": (True, " "),
}

TITLES = {"Mr.", "Mrs.", "Ms.", "Miss", "Dr.", "Prof.", "Jr.", "Sr.", "MD", "PhD", "DDS", "DVM"}
TITLES |= {"I", "II", "III", "IV", "V", "г-н", "г-жа", "тов.", "пан", "пані", "السيد", "นาย"}

EMAIL = re.compile(r"[a-z0-9]+(\.[a-z0-9]+)*@[a-z0-9-]+(\.[a-z0-9-]+)+")


def people(locale: str, count: int, seed: int | str = 1) -> list[Person]:
    factory = PeopleFactory([LocaleWeight(locale, 1.0)], seed)
    return [factory.person(index) for index in range(count)]


def faker_affixes(locale: str) -> set[str]:
    provider = Faker(locale).provider("faker.providers.person")
    words: set[str] = set()
    for kind in ("prefixes", "suffixes"):
        for variant in ("", "_male", "_female", "_nonbinary"):
            words.update(getattr(provider, kind + variant, ()) or ())
    return words


def test_the_twelve_locales_are_the_known_script_locales() -> None:
    assert set(KNOWN_SCRIPT_LOCALES) == set(SCRIPTS)


@pytest.mark.parametrize("locale", sorted(SCRIPTS))
def test_names_are_in_the_locales_script(locale: str) -> None:
    for person in people(locale, 500):
        for char in person.first_name + person.last_name:
            # Letters and their marks; "ʼ" is a letter in Unicode but the Ukrainian apostrophe.
            if unicodedata.category(char)[0] in "LM" and char != "\N{MODIFIER LETTER APOSTROPHE}":
                assert unicodedata.name(char).startswith(SCRIPTS[locale]), (person, char)


@pytest.mark.parametrize("locale", [*sorted(SCRIPTS), "hu_HU", "de_DE", "th_TH", "hi_IN"])
def test_no_titles_or_suffixes(locale: str) -> None:
    forbidden = TITLES | faker_affixes(locale)
    for person in people(locale, 3000):
        words = set(person.first_name.split()) | set(person.last_name.split())
        assert not words & forbidden, person
        assert "." not in person.username and "(" not in person.username


@pytest.mark.parametrize("locale", sorted(ORDER))
def test_username_is_first_and_last_name_in_the_locales_order(locale: str) -> None:
    family_first, separator = ORDER[locale]
    for person in people(locale, 300):
        assert person.first_name and person.last_name
        if family_first:
            parts = (person.last_name, person.first_name)
        else:
            parts = (person.first_name, person.last_name)
        assert person.username == separator.join(parts), person


@pytest.mark.parametrize(
    "locale", ["ru_RU", "en_US", "zh_CN", "ja_JP", "el_GR", "ko_KR", "ka_GE", "th_TH"]
)
def test_username_has_exactly_two_parts(locale: str) -> None:
    # These locales have no spaces inside a name, so the parts can be counted.
    for person in people(locale, 300):
        if ORDER[locale][1]:
            assert len(person.username.split(" ")) == 2, person
        else:
            assert person.username == person.last_name + person.first_name


@pytest.mark.parametrize("locale", ["ru_RU", "uk_UA", "el_GR"])
def test_family_name_agrees_with_the_given_names_gender(locale: str) -> None:
    provider = Faker(locale).provider("faker.providers.person")
    female_first = set(provider.first_names_female)
    genders = Counter()
    for person in people(locale, 1000):
        female = person.first_name in female_first
        genders[female] += 1
        family = provider.last_names_female if female else provider.last_names_male
        assert person.last_name in family, person
    assert min(genders.values()) > 350  # both genders, about half each


def test_japanese_email_uses_the_names_own_romaji() -> None:
    provider = Faker("ja_JP").provider("faker.providers.person")
    pairs = list(provider.first_name_male_pairs) + list(provider.first_name_female_pairs)
    romaji = {kanji: roman.lower() for kanji, _, roman in pairs}
    for person in people("ja_JP", 200):
        assert person.email.startswith(romaji[person.first_name] + "."), person


@pytest.mark.parametrize("locale", sorted(SCRIPTS))
def test_email_is_lowercase_ascii_and_valid(locale: str) -> None:
    for index, person in enumerate(people(locale, 500)):
        local = person.email.partition("@")[0]
        assert EMAIL.fullmatch(person.email), person
        assert len(local) <= 64 and len(person.email) <= 254
        assert index_of_email(person.email) == index
        assert local.count(".") >= 1  # a name part, then the index


def test_emails_are_unique_across_100k_people() -> None:
    factory = PeopleFactory(parse_locales(",".join(KNOWN_SCRIPT_LOCALES)), seed=9)
    emails = [factory.person(index).email for index in range(100_000)]
    assert len(set(emails)) == len(emails)


def test_same_seed_gives_the_same_people() -> None:
    mix = parse_locales("ru_RU:2,ja_JP,ar_AA")
    first, second = PeopleFactory(mix, "run-1"), PeopleFactory(mix, "run-1")
    assert [first.person(i) for i in range(300)] == [second.person(i) for i in range(300)]


def test_different_seeds_give_different_people() -> None:
    mix = parse_locales("ru_RU,en_US")
    first, second = PeopleFactory(mix, 1), PeopleFactory(mix, 2)
    same = sum(first.person(i) == second.person(i) for i in range(300))
    assert same < 10


def test_reseed_restarts_the_stream_like_a_new_factory() -> None:
    mix = parse_locales("ru_RU,zh_CN")
    factory = PeopleFactory(mix, 1)
    [factory.person(i) for i in range(50)]
    factory.reseed("worker-3")
    fresh = PeopleFactory(mix, "worker-3")
    assert [factory.person(i) for i in range(100)] == [fresh.person(i) for i in range(100)]


def test_weights_set_each_locales_share() -> None:
    factory = PeopleFactory(parse_locales("ru_RU:3,en_US"), seed=4)
    shares = Counter(factory.person(i).locale for i in range(20_000))
    assert 0.73 < shares["ru_RU"] / 20_000 < 0.77


def test_negative_index_raises() -> None:
    factory = PeopleFactory(parse_locales("en_US"), seed=1)
    with pytest.raises(ValueError, match="0 or more"):
        factory.person(-1)


def test_factory_needs_a_locale() -> None:
    with pytest.raises(ValueError, match="at least one locale"):
        PeopleFactory([], seed=1)


def test_factory_refuses_a_weight_of_zero() -> None:
    with pytest.raises(ValueError, match="weights must be positive"):
        PeopleFactory([LocaleWeight("ru_RU", 1.0), LocaleWeight("en_US", 0.0)], seed=1)


@pytest.mark.parametrize(
    ("number", "text"), [(0, "0"), (35, "z"), (36, "10"), (10**8 - 1, "1njchr")], ids=str
)
def test_base36(number: int, text: str) -> None:
    assert base36(number) == text
    assert index_of_email(f"a.b.{text}@mail.ru") == number


@pytest.mark.parametrize(
    "email",
    ["ivan@mail.ru", "ivan.petrov.@mail.ru", "ivan.00a@mail.ru", "ivan.A1@mail.ru", "x.a-b@y.z"],
    ids=["no index", "empty index", "leading zero", "upper case", "not base 36"],
)
def test_index_of_email_refuses_foreign_addresses(email: str) -> None:
    assert index_of_email(email) is None
