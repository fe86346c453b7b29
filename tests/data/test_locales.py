"""The --locales option: good specs, and one clear line for each bad one."""

import pytest

from data.locales import DEFAULT_LOCALES, KNOWN_SCRIPT_LOCALES, LocaleWeight, parse_locales

KNOWN = "ru_RU, en_US, zh_CN, ja_JP, uk_UA, el_GR, ar_AA, he_IL, ko_KR, hi_IN, th_TH, ka_GE"


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        ("ru_RU", [("ru_RU", 1.0)]),
        ("ru_RU:3,en_US", [("ru_RU", 3.0), ("en_US", 1.0)]),
        (" ru_RU : 3 , en_US ", [("ru_RU", 3.0), ("en_US", 1.0)]),
        ("ja_JP:0.5,ko_KR:2", [("ja_JP", 0.5), ("ko_KR", 2.0)]),
        ("ru-RU,de", [("ru_RU", 1.0), ("de_DE", 1.0)]),
        (DEFAULT_LOCALES, [(name, 1.0) for name in DEFAULT_LOCALES.split(",")]),
    ],
    ids=["one", "weighted", "spaces", "fractions", "faker spellings", "default"],
)
def test_good_spec(spec: str, expected: list[tuple[str, float]]) -> None:
    assert parse_locales(spec) == tuple(LocaleWeight(*item) for item in expected)


def test_every_known_script_locale_parses() -> None:
    parsed = parse_locales(",".join(KNOWN_SCRIPT_LOCALES))
    assert [item.locale for item in parsed] == list(KNOWN_SCRIPT_LOCALES)


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("", "--locales is empty; give one or more locales, e.g. ru_RU,en_US,zh_CN,ja_JP"),
        (" ", "--locales is empty; give one or more locales, e.g. ru_RU,en_US,zh_CN,ja_JP"),
        ("xx_XX", f"unknown locale 'xx_XX' in --locales; known locales include {KNOWN}"),
        (
            "ru_RUS",
            f"unknown locale 'ru_RUS' in --locales; did you mean ru_RU? "
            f"known locales include {KNOWN}",
        ),
        (
            "am_ET",
            "locale am_ET in --locales has no person names in Faker (they would be en_US "
            "names); choose another, e.g. ru_RU, en_US, zh_CN, ja_JP, uk_UA, el_GR",
        ),
        (
            "ru_RU,ru_RU:2",
            "locale ru_RU appears twice in --locales; give each locale once, "
            "with a weight if it should come up more often (ru_RU:2)",
        ),
        (
            "ru_RU,ru",
            "locale ru_RU appears twice in --locales; give each locale once, "
            "with a weight if it should come up more often (ru_RU:2)",
        ),
        (
            "ru_RU,,en_US",
            "empty item in --locales; separate locales by single commas: ru_RU:3,en_US",
        ),
        ("ru_RU,", "empty item in --locales; separate locales by single commas: ru_RU:3,en_US"),
        (":3", "no locale before ':3' in --locales; write LOCALE:WEIGHT, e.g. ru_RU:3"),
        ("ru_RU:", "bad weight '' for ru_RU in --locales; use a positive number, e.g. ru_RU:3"),
        ("ru_RU:0", "bad weight '0' for ru_RU in --locales; use a positive number, e.g. ru_RU:3"),
        ("en_US:-1", "bad weight '-1' for en_US in --locales; use a positive number, e.g. en_US:3"),
        ("ru_RU:x", "bad weight 'x' for ru_RU in --locales; use a positive number, e.g. ru_RU:3"),
        (
            "ru_RU:nan",
            "bad weight 'nan' for ru_RU in --locales; use a positive number, e.g. ru_RU:3",
        ),
        (
            "ru_RU:inf",
            "bad weight 'inf' for ru_RU in --locales; use a positive number, e.g. ru_RU:3",
        ),
    ],
    ids=[
        "empty",
        "blank",
        "unknown",
        "misspelt",
        "no names",
        "duplicate",
        "duplicate spelling",
        "double comma",
        "trailing comma",
        "no locale",
        "no weight",
        "zero weight",
        "negative weight",
        "text weight",
        "nan weight",
        "infinite weight",
    ],
)
def test_bad_spec_gives_one_clear_line(spec: str, message: str) -> None:
    with pytest.raises(ValueError) as error:
        parse_locales(spec)
    assert str(error.value) == message


def test_error_names_the_option_it_was_given() -> None:
    with pytest.raises(ValueError, match=r"^unknown locale 'xx' in LOCALES; "):
        parse_locales("xx", option="LOCALES")


@pytest.mark.parametrize("locale", ["ar_AE", "en_CA", "es_VE", "it_CH", "la"])
def test_locales_without_their_own_names_are_refused(locale: str) -> None:
    with pytest.raises(ValueError, match="has no person names in Faker"):
        parse_locales(locale)
