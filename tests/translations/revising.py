"""What the revision tests share: a copy of the template files, accounts by role, saving French."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from advocacy.accounts.models import User
from advocacy.core.extensions import db
from advocacy.core.settings import PROJECT_ROOT
from advocacy.letters.template import load_template
from advocacy.translations.revisions import (
    TemplateRevision,
    save_revision,
)

TRANSLATIONS = PROJECT_ROOT / "translations"
# The bundled French letter with one phrase changed: no errors, no warnings.
REWORDED = ("Je vous remercie par avance", "Je vous remercie d'avance")


def person(role: str) -> User:
    """The test account with this role."""
    return db.session.scalar(select(User).where(User.email == f"{role}@example.org"))


def french(root: Path, name: str = "sanctions", locale: str = "fr") -> tuple[str, str]:
    """The bundled translation (French: reworded); other locales' texts are left as they are."""
    template = load_template(root, locale, name)
    return template.subject, template.body.replace(*REWORDED)


def save(root: Path, role: str = "translator", locale: str = "fr", submit: bool = False, **texts: str):
    subject, body = french(root, locale="fr" if locale in ("en", "es") else locale)
    result = save_revision(
        db.session, person(role), "sanctions", locale, texts.get("subject", subject), texts.get("body", body),
        dismissed=texts.get("dismissed", {}), submit=submit, root=root,
    )  # fmt: skip
    db.session.commit()
    return result


def rows(locale: str = "fr", name: str = "sanctions") -> list[TemplateRevision]:
    """A template's revisions in one locale, oldest first."""
    query = select(TemplateRevision).where(TemplateRevision.name == name, TemplateRevision.locale == locale)
    return list(db.session.scalars(query.order_by(TemplateRevision.id)))
