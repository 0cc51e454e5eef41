"""Which text of a template campaigners get in a language, and the notice that goes with it.

Translations are edited and reviewed in advocacy.translations; this module only reads what
is stored (advocacy.translations.store), so letters never depend on the editing side.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from advocacy.letters.template import SOURCE_LOCALE, LetterTemplate
from advocacy.translations.store import SERVABLE, english, file_template, folder, revisions


@dataclass(frozen=True)
class Served:
    """What campaigners get: the template and which notice goes with it."""

    template: LetterTemplate
    notice: str  # "approved" | "not-reviewed" | "english"

    @property
    def review(self) -> str:
        """Name the state a letter rendered from it carries: "source" or "approved", else the notice."""
        return self.template.review if self.notice == "approved" else self.notice


def served_template(session: Session, root: Path, name: str, locale: str) -> Served:
    """Pick what campaigners get: approved, else a draft with a notice, else English with a notice."""
    locale = folder(locale)
    source = english(root, name)
    if locale == SOURCE_LOCALE:
        return Served(source, "approved")
    rows = revisions(session, name, locale)
    if rows:
        approved = next((r for r in rows if r.state == "approved"), None)
        if approved is not None:
            return Served(approved.template, "approved")
        pending = next((r for r in rows if r.state in SERVABLE), None)
        if pending is not None:
            return Served(pending.template, "not-reviewed")
        return Served(source, "english")
    found = file_template(root, name, locale)
    if found is None or found.kind != source.kind:
        return Served(source, "english")
    return Served(found, "approved" if found.review == "approved" else "not-reviewed")
