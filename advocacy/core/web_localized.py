"""Blueprints whose URLs start with the locale: /<lang>/..."""

from __future__ import annotations

from typing import Any

from babel import Locale, UnknownLocaleError
from flask import Blueprint, abort, g

from advocacy.core.i18n import DEFAULT_TAG, LOCALES


def localized_blueprint(name: str, import_name: str) -> Blueprint:
    """Create a blueprint under /<lang>/ that sets g.lang and fills it into url_for."""
    blueprint = Blueprint(name, import_name, url_prefix="/<lang>")
    blueprint.url_value_preprocessor(_pull_lang)
    blueprint.url_defaults(_add_lang)
    return blueprint


def _pull_lang(endpoint: str | None, values: dict[str, Any] | None) -> None:
    g.lang = (values or {}).pop("lang", DEFAULT_TAG)
    if g.lang not in LOCALES:
        g.lang = DEFAULT_TAG
        abort(404)


def _add_lang(endpoint: str, values: dict[str, Any]) -> None:
    values.setdefault("lang", g.get("lang", DEFAULT_TAG))


def language_label(code: str) -> str:
    """A letter's language named in the interface language (the code when Babel has no name)."""
    try:
        return Locale.parse(code).get_display_name(LOCALES[g.get("lang", DEFAULT_TAG)]) or code
    except (ValueError, UnknownLocaleError):
        return code
