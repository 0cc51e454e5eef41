"""Chamber names on pages, in the page's language (Flask side of advocacy.countries.chambers)."""

from __future__ import annotations

from typing import Any

from flask import g
from flask_babel import get_translations
from markupsafe import Markup, escape

from advocacy.core.i18n import DEFAULT_TAG
from advocacy.countries.chambers import translated_name


def chamber_text(chamber_id: str, name: str) -> str:
    """The chamber's name in the page's language, else as the data gives it."""
    if g.get("lang", DEFAULT_TAG) == "en":
        return name
    return translated_name(chamber_id, name, get_translations()) or name


def chamber_label(chamber: Any) -> Markup:
    """The chamber's name for a page: translated, or the data's marked as English."""
    if g.get("lang", DEFAULT_TAG) == "en":
        return escape(chamber.name)
    found = translated_name(chamber.id, chamber.name, get_translations())
    if found:
        return escape(found)
    return Markup('<span lang="en" dir="ltr">{}</span>').format(chamber.name)
