"""What the where-to-report pages share: the helpers their templates call, in the page's locale."""

from __future__ import annotations

from typing import Any

from babel import Locale, UnknownLocaleError
from flask import g

from advocacy.core.i18n import DEFAULT_TAG, LOCALES, join_names
from advocacy.reporting import labels


def _locale() -> str:
    return LOCALES[g.get("lang", DEFAULT_TAG)]


def language_names(codes: str | None) -> str:
    """Name the languages (codes separated by spaces) in the page's language, as a list."""
    names = []
    for code in (codes or "").split():
        try:
            names.append(Locale.parse(code).get_display_name(_locale()) or code)
        except (ValueError, UnknownLocaleError):
            names.append(code)
    return join_names(names, _locale()) if names else ""


def contact_names(ways: str | None) -> str:
    """Name ways of contact (phone, sms, web, email, post) in the page's language, as a list."""
    names = [str(labels.CONTACT_WORDS.get(way, way)) for way in (ways or "").split()]
    return join_names(names, _locale()) if names else ""


def template_helpers() -> dict[str, Any]:
    """The names the where-to-report templates use."""
    return {
        "reporting_labels": labels,
        "language_names": language_names,
        "contact_names": contact_names,
    }
