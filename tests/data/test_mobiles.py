"""Mobile numbers: formats per locale, the inverse, the limits of the index space."""

import pytest

from data.mobiles import INDEX_SPACE, MobilePool
from data.prefixes import FALLBACK_PREFIX, MOBILE_PREFIXES

EXPECTED_PREFIXES = {
    "ru_RU": "790",
    "uk_UA": "3806",
    "en_US": "120",
    "zh_CN": "86139",
    "ja_JP": "8190",
    "el_GR": "3069",
    "he_IL": "9725",
    "ar_AA": "9715",
    "ko_KR": "8210",
    "hi_IN": "9198",
    "th_TH": "668",
    "ka_GE": "9955",
    "de_DE": "49151",
    "fr_FR": "336",
}
"""Country calling code and a real mobile prefix of each country."""

SAMPLE_INDICES = [0, 1, 9, 10**4, 10**7, INDEX_SPACE - 1, *range(12_345, 13_345)]


@pytest.fixture(scope="module")
def pool() -> MobilePool:
    return MobilePool(seed=42)


@pytest.mark.parametrize("locale", sorted(EXPECTED_PREFIXES))
def test_number_has_the_locales_country_prefix(pool: MobilePool, locale: str) -> None:
    for index in SAMPLE_INDICES:
        mobile = pool.mobile(index, locale)
        assert mobile.startswith(EXPECTED_PREFIXES[locale])
        assert len(mobile) == len(EXPECTED_PREFIXES[locale]) + 8


@pytest.mark.parametrize("locale", [*sorted(MOBILE_PREFIXES), "xx_XX"])
def test_number_format(pool: MobilePool, locale: str) -> None:
    for index in SAMPLE_INDICES:
        mobile = pool.mobile(index, locale)
        assert mobile.isascii() and mobile.isdigit(), mobile
        assert mobile[0] != "0", mobile
        assert 11 <= len(mobile) <= 15, mobile  # never an internal number (at most 8 digits)


def test_unknown_locale_uses_the_fallback_prefix(pool: MobilePool) -> None:
    assert pool.mobile(7, "xx_XX").startswith(FALLBACK_PREFIX)
    assert len(pool.mobile(7, "xx_XX")) == len(FALLBACK_PREFIX) + 8


@pytest.mark.parametrize("locale", [*sorted(MOBILE_PREFIXES), "xx_XX"])
def test_index_of_inverts_mobile(pool: MobilePool, locale: str) -> None:
    for index in SAMPLE_INDICES:
        assert pool.index_of(pool.mobile(index, locale)) == index


@pytest.mark.parametrize(
    "mobile",
    ["", "201", "79001234", "+79001234567", "7900123456a", "7000012345678", "0790123456789"],
    ids=["empty", "extension", "8 digits", "plus sign", "letter", "unknown prefix", "leading 0"],
)
def test_index_of_refuses_numbers_not_ours(pool: MobilePool, mobile: str) -> None:
    assert pool.index_of(mobile) is None


def test_same_index_shares_its_digits_across_locales(pool: MobilePool) -> None:
    # The tail is the permuted index alone, so a repeat across locales is impossible.
    tails = {pool.mobile(77, locale)[-8:] for locale in EXPECTED_PREFIXES}
    assert len(tails) == 1


def test_different_seeds_give_different_numbers() -> None:
    first, second = MobilePool(1), MobilePool(2)
    same = sum(first.mobile(i, "ru_RU") == second.mobile(i, "ru_RU") for i in range(5000))
    assert same <= 1


@pytest.mark.parametrize("bad", [-1, INDEX_SPACE], ids=["negative", "10**8"])
def test_index_outside_the_space_raises(pool: MobilePool, bad: int) -> None:
    with pytest.raises(ValueError, match="outside the index space"):
        pool.mobile(bad, "ru_RU")


@pytest.mark.parametrize("locale", sorted(MOBILE_PREFIXES))
def test_table_prefixes_are_plain_digits(locale: str) -> None:
    prefix = MOBILE_PREFIXES[locale]
    assert prefix.isascii() and prefix.isdigit() and prefix[0] != "0"
    assert 3 <= len(prefix) <= 7
