"""Mobile-number prefixes per locale: country calling code plus a real mobile prefix.

A generated number is ``prefix + 8 digits``, so each prefix is chosen to make a number of the
country's real length: e.g. Russia's mobiles are +7 9XX XXX XX XX, and "790" + 8 digits is
exactly that. Countries whose mobile numbers are shorter than prefix + 8 digits (Norway,
Denmark, the Baltics ...) are left out rather than given numbers of the wrong length.
"""

from __future__ import annotations

FALLBACK_PREFIX = "999"
"""For locales not in the table: +999 is reserved by the ITU and assigned to no country, so
such a number is recognisably synthetic and reaches nobody if it is ever dialled."""

MOBILE_PREFIXES: dict[str, str] = {
    # The twelve locales whose names are checked in their own script.
    "ru_RU": "790",  # +7 90X XXX XX XX
    "en_US": "120",  # +1 20X XXX XXXX; NANP has no mobile-only area codes
    "zh_CN": "86139",  # +86 139 XXXX XXXX (China Mobile)
    "ja_JP": "8190",  # +81 90 XXXX XXXX
    "uk_UA": "3806",  # +380 6X XXX XX XX (Kyivstar, Vodafone, lifecell)
    "el_GR": "3069",  # +30 69X XXX XXXX
    "ar_AA": "9715",  # +971 5X XXX XXXX (UAE)
    "he_IL": "9725",  # +972 5X XXX XXXX
    "ko_KR": "8210",  # +82 10 XXXX XXXX
    "hi_IN": "9198",  # +91 98XXX XXXXX
    "th_TH": "668",  # +66 8X XXX XXXX
    "ka_GE": "9955",  # +995 5XX XXX XXX
    # Other common locales.
    "de_DE": "49151",  # +49 151 XXXXXXXX (Telekom)
    "de_AT": "43664",  # +43 664 XXXXXXXX (A1)
    "de_CH": "417",  # +41 7X XXX XX XX
    "fr_CH": "417",
    "it_CH": "417",
    "fr_FR": "336",  # +33 6 XX XX XX XX
    "fr_BE": "3247",  # +32 47X XX XX XX
    "nl_BE": "3247",
    "nl_NL": "316",  # +31 6 XXXX XXXX
    "lb_LU": "3526",  # +352 6XX XXX XXX
    "de_LU": "3526",
    "en_GB": "4474",  # +44 74XX XXXXXX
    "en_IE": "3538",  # +353 8X XXX XXXX
    "ga_IE": "3538",
    "en_CA": "120",  # NANP, as en_US (204 is Manitoba)
    "fr_CA": "120",
    "fr_QC": "120",
    "en_AU": "614",  # +61 4XX XXX XXX
    "en_NZ": "6421",  # +64 21 XXXX XXXX
    "en_IN": "9198",
    "ta_IN": "9198",
    "gu_IN": "9198",
    "mr_IN": "9198",
    "or_IN": "9198",
    "en_PK": "9230",  # +92 30X XXXXXXX
    "en_BD": "88017",  # +880 17XX XXXXXX
    "bn_BD": "88017",
    "en_PH": "6391",  # +63 91X XXX XXXX
    "fil_PH": "6391",
    "tl_PH": "6391",
    "en_MS": "601",  # +60 1X XXX XXXX (Malaysia)
    "en_TH": "668",
    "en_NG": "23480",  # +234 80X XXX XXXX
    "ha_NG": "23480",
    "ig_NG": "23480",
    "yo_NG": "23480",
    "en_KE": "2547",  # +254 7XX XXX XXX
    "es_ES": "346",  # +34 6XX XXX XXX
    "es_CA": "346",
    "es_MX": "5255",  # +52 55 XXXX XXXX
    "es_AR": "54911",  # +54 9 11 XXXX XXXX
    "es_CO": "5730",  # +57 30X XXX XXXX
    "es_CL": "569",  # +56 9 XXXX XXXX
    "es_VE": "5841",  # +58 41X XXX XXXX
    "pt_BR": "55119",  # +55 11 9XXXX XXXX
    "pt_PT": "3519",  # +351 9X XXX XXXX
    "it_IT": "3933",  # +39 33X XXX XXXX
    "pl_PL": "485",  # +48 5XX XXX XXX
    "cs_CZ": "4207",  # +420 7XX XXX XXX
    "sk_SK": "4219",  # +421 9XX XXX XXX
    "hu_HU": "363",  # +36 3X XXX XXXX
    "ro_RO": "407",  # +40 7XX XXX XXX
    "bg_BG": "3598",  # +359 8X XXX XXXX
    "hr_HR": "3859",  # +385 9X XXX XXXX
    "bs_BA": "3876",  # +387 6X XXX XXX(X)
    "sr_BA": "3876",
    "sq_AL": "3556",  # +355 6X XXX XXXX
    "fi_FI": "3584",  # +358 4X XXX XXXX
    "sv_SE": "467",  # +46 7X XXX XX XX
    "tr_TR": "9053",  # +90 53X XXX XX XX
    "az_AZ": "9945",  # +994 5X XXX XX XX
    "uz_UZ": "9989",  # +998 9X XXX XX XX
    "fa_IR": "9891",  # +98 91X XXX XXXX
    "ar_AE": "9715",
    "ar_SA": "9665",  # +966 5X XXX XXXX
    "ar_EG": "2010",  # +20 10 XXXX XXXX
    "ar_JO": "9627",  # +962 7X XXX XXXX
    "ar_PS": "9705",  # +970 5X XXX XXXX
    "ar_DZ": "2136",  # +213 6XX XX XX XX
    "fr_DZ": "2136",
    "zh_TW": "8869",  # +886 9XX XXX XXX
    "vi_VN": "849",  # +84 9X XXX XXXX
    "id_ID": "6281",  # +62 81X XXXX XXXX
    "ne_NP": "97798",  # +977 98X XXXXXXX
    "si_LK": "947",  # +94 7X XXX XXXX
    "am_ET": "2519",  # +251 9X XXX XXXX
    "tw_GH": "2332",  # +233 2X XXX XXXX
    "zu_ZA": "277",  # +27 7X XXX XXXX
}
"""Locale → the digits a mobile number of that locale starts with (no "+")."""


def mobile_prefix(locale: str) -> str:
    """The prefix for ``locale``'s mobile numbers; FALLBACK_PREFIX if the table has none."""
    return MOBILE_PREFIXES.get(locale, FALLBACK_PREFIX)


KNOWN_PREFIXES = frozenset(MOBILE_PREFIXES.values()) | {FALLBACK_PREFIX}
"""Every prefix a generated number can start with."""
