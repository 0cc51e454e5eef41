"""What the translation pages share (dashboard and editor in views, review in views_review):
the account's rights on a locale, where the files are, checks, countries and names for a page.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from babel import Locale, UnknownLocaleError
from flask_login import current_user
from sqlalchemy import select

from advocacy.accounts.models import User
from advocacy.core.extensions import db
from advocacy.core.i18n import LOCALES
from advocacy.core.web import settings
from advocacy.letters.template import LetterTemplate
from advocacy.translations.checks import Finding, check_translation
from advocacy.translations.store import TemplateRevision

if TYPE_CHECKING:
    from advocacy.translations.revisions import EditorState


def rights_tag(locale: str) -> str:
    """Return the tag accounts use for a template folder's locale (zh_Hans -> zh-Hans)."""
    return next((tag for tag, ident in LOCALES.items() if ident == locale), locale)


def may_edit(locale: str) -> bool:
    return current_user.rights.may_edit(rights_tag(locale))


def may_approve(locale: str) -> bool:
    return current_user.rights.may_approve(rights_tag(locale))


def templates_root() -> Path:
    return settings().letter_templates_dir


def translations_dir() -> Path:
    return settings().catalogs_dir


def run_checks(state: EditorState, draft: LetterTemplate) -> list[Finding]:
    """Check the text in the form against its source, with the data the save is checked with."""
    return check_translation(state.source, draft, state.sample, state.limits)


def default_country(codes: list[str], locale: str) -> str | None:
    """Prefer a country where the locale is spoken (fr -> FR), else the first that fits."""
    try:
        territory = Locale.parse(locale).territory or Locale.parse(locale).language.upper()
    except (ValueError, UnknownLocaleError):
        territory = None
    return territory if territory in codes else (codes[0] if codes else None)


def people_names(history: Iterable[TemplateRevision]) -> dict[int, str]:
    """Map the authors and reviewers in a history to their names."""
    ids = {i for r in history for i in (r.author_id, r.reviewer_id) if i}
    if not ids:
        return {}
    return {u.id: u.name for u in db.session.scalars(select(User).where(User.id.in_(ids)))}
