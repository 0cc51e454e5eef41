"""Country codes: which are valid, and their names in a locale (Babel/CLDR)."""

from __future__ import annotations

from functools import cache

from babel import Locale

# CLDR lists these two-letter codes as territories, but they are not countries.
NOT_COUNTRIES = frozenset({"EU", "EZ", "UN", "QO", "ZZ", "XA", "XB"})
# Codes that are not countries but may name a chamber's jurisdiction.
SUPRANATIONAL = frozenset({"EU"})


@cache
def country_codes() -> frozenset[str]:
    """Return the ISO 3166-1 alpha-2 codes CLDR knows, without pseudo-regions."""
    codes = Locale("en").territories.keys()
    return frozenset(c for c in codes if len(c) == 2 and c.isalpha() and c not in NOT_COUNTRIES)


def is_country(code: str) -> bool:
    """Tell whether code is a known ISO 3166-1 alpha-2 country code."""
    return code in country_codes()


@cache
def country_name(code: str, locale: str = "en") -> str:
    """Return the country's name in the locale, or the code when CLDR has none."""
    return Locale.parse(locale).territories.get(code) or code


# English names that take "the" inside a sentence ("the United States has ...", "between
# the Netherlands and China"); CLDR gives the bare form, right for lists and headings.
# Congo: CLDR's "Congo - Brazzaville" is a list label, not a name to write in a letter.
ENGLISH_IN_TEXT = {
    "AE": "the United Arab Emirates",
    "BS": "the Bahamas",
    "CD": "the Democratic Republic of the Congo",
    "CF": "the Central African Republic",
    "CG": "the Republic of the Congo",
    "DO": "the Dominican Republic",
    "GB": "the United Kingdom",
    "GM": "the Gambia",
    "MV": "the Maldives",
    "NL": "the Netherlands",
    "PH": "the Philippines",
    "US": "the United States",
}


def country_name_in_text(code: str, locale: str = "en") -> str:
    """Return the country's name as written inside a sentence of the locale."""
    if locale.split("_")[0] == "en" and code in ENGLISH_IN_TEXT:
        return ENGLISH_IN_TEXT[code]
    return country_name(code, locale)
