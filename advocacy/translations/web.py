"""What the translation pages share: the account's rights per locale, locale names, lookups."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from babel import Locale, UnknownLocaleError
from flask import abort, g, redirect, request, url_for
from flask_babel import gettext
from flask_login import current_user
from sqlalchemy import select

from advocacy.accounts.models import User
from advocacy.core.extensions import db
from advocacy.core.i18n import LOCALES, folder_name, url_tag
from advocacy.core.web import settings
from advocacy.letters.template import SOURCE_LOCALE, LetterTemplate, available_languages, template_path
from advocacy.translations import isolated
from advocacy.translations.checks import Finding
from advocacy.translations.sample import preferred_countries

NAME = re.compile(r"[a-z0-9][a-z0-9-]{0,79}")
LOCALE = re.compile(r"[A-Za-z]{2,3}(?:[_-][A-Za-z]{2,4})?")


def rights_tag(locale: str) -> str:
    """Return the tag accounts use for a template folder's locale (zh_Hans -> zh-Hans)."""
    return url_tag(locale)


def canonical_locale_url() -> Any:
    """Redirect a workspace URL whose locale is spelled otherwise than public URLs (zh_Hans -> zh-Hans).

    Run before each workspace request: URLs, accounts and links use the tag ("zh-Hans"),
    stored revisions and folders the identifier ("zh_Hans"); the views get the identifier.
    """
    args = dict(request.view_args or {})
    locale = args.get("locale")
    if not isinstance(locale, str) or not LOCALE.fullmatch(locale):
        return None
    if locale != url_tag(locale):
        args["locale"] = url_tag(locale)
        target = url_for(request.endpoint or "", **args, **request.args.to_dict())
        return redirect(target, 308)  # 308 keeps a POST a POST
    request.view_args["locale"] = folder_name(locale)  # type: ignore[index]
    return None


def may_edit(locale: str) -> bool:
    """Whether the signed-in account may edit this locale."""
    return current_user.rights.may_edit(rights_tag(locale))


def may_approve(locale: str) -> bool:
    """Whether the signed-in account may approve this locale."""
    return current_user.rights.may_approve(rights_tag(locale))


def locale_label(locale: str) -> str:
    """Name a locale in the interface language, with its code."""
    try:
        name = Locale.parse(locale).get_display_name(LOCALES.get(g.lang, "en"))
    except (ValueError, UnknownLocaleError):
        name = None
    return f"{name} ({locale})" if name else locale


def locale_dir(locale: str) -> str:
    """Return the writing direction of a template locale."""
    try:
        return Locale.parse(locale).text_direction
    except (ValueError, UnknownLocaleError):
        return "ltr"


def templates_root() -> Path:
    """The folder of template files."""
    return settings().letter_templates_dir


def translations_dir() -> Path:
    """The folder of interface catalogs."""
    return settings().catalogs_dir


def require_template(locale: str, name: str) -> None:
    """Refuse unknown templates and locales (404) and locales the account may not edit (403)."""
    root = templates_root()
    known = (available_languages(root) | set(LOCALES.values())) - {SOURCE_LOCALE}
    if not (NAME.fullmatch(name) and LOCALE.fullmatch(locale) and locale in known):
        abort(404)
    if not template_path(root, SOURCE_LOCALE, name).exists():
        abort(404)
    if not may_edit(locale):
        abort(403)


def run_checks(state: Any, draft: LetterTemplate) -> list[Finding]:
    """Check the text in the form against its source, with the data the save is checked with."""
    return isolated.checks(state.source, draft, state.sample, state.limits, gettext)


def default_country(codes: list[str], locale: str) -> str | None:
    """Prefer where the locale is spoken (fr -> FR) or its readers' cases are (ug), else the first."""
    preferred = [code for code in preferred_countries(db.session, locale) if code in codes]
    return preferred[0] if preferred else (codes[0] if codes else None)


def people_names(history: Any) -> dict[int, str]:
    """Map the authors and reviewers in a history to their names."""
    ids = {i for r in history for i in (r.author_id, r.reviewer_id) if i}
    if not ids:
        return {}
    return {u.id: u.name for u in db.session.scalars(select(User).where(User.id.in_(ids)))}
