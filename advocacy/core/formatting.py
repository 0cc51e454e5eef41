"""Locale-aware formatting of the data's partial dates and numbers (Babel)."""

from __future__ import annotations

import datetime
from decimal import Decimal

from babel.dates import format_date, format_skeleton
from babel.numbers import format_decimal

# English pages use day-month-year ("17 July 2015"), the international convention.
FORMAT_LOCALES = {"en": "en_GB"}


def formatting_locale(locale: str) -> str:
    """Return the Babel locale used for dates and numbers in a page locale."""
    return FORMAT_LOCALES.get(locale, locale)


def format_partial_date(value: str | None, locale: str) -> str:
    """Format YYYY, YYYY-MM or YYYY-MM-DD in the locale, at the precision given."""
    if not value:
        return ""
    parts = [int(p) for p in value.split("-")]
    babel_locale = formatting_locale(locale)
    if len(parts) == 3:
        return format_date(datetime.date(*parts), format="long", locale=babel_locale)
    if len(parts) == 2:
        return format_skeleton("yMMMM", datetime.date(parts[0], parts[1], 1), locale=babel_locale)
    return format_skeleton("y", datetime.date(parts[0], 1, 1), locale=babel_locale)


def format_number(value: str | int | float | Decimal, locale: str) -> str:
    """Format a number with the locale's digits and grouping."""
    return format_decimal(Decimal(str(value)), locale=formatting_locale(locale))
