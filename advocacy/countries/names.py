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
