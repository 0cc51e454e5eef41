"""Template revisions: the table, and moving texts between the files and it.

English (`en`) is the source and lives in the files; its revisions are also kept here (as
they are seen: at `advocacy init` and by the workspace) so a translator can be shown what
changed since they translated. Locales are template folder names ("fr", "zh_Hans"); URL
tags ("zh-Hans") are accepted too. Functions here add to the session; the caller commits.
"""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import DateTime, ForeignKey, Integer, String, Text, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from advocacy.core.extensions import Model, db
from advocacy.core.i18n import folder_name, url_tag
from advocacy.core.sandbox import TemplateError
from advocacy.letters.template import SOURCE_LOCALE, LetterTemplate, parse_template, template_path

STATES = ("draft", "submitted", "approved", "rejected")
SERVABLE = ("draft", "submitted")  # served with a "not yet reviewed" notice when nothing is approved


def utcnow() -> datetime.datetime:
    """Naive UTC, as every DateTime column here holds."""
    return datetime.datetime.now(datetime.UTC).replace(tzinfo=None)


class TemplateRevision(Model):
    """One saved text of a template in a locale; English rows record the sources seen."""

    __tablename__ = "template_revision"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(80))
    locale: Mapped[str] = mapped_column(String(16))
    subject: Mapped[str] = mapped_column(Text)
    body: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(20))
    source_revision: Mapped[str | None] = mapped_column(String(12))  # the English revision it follows
    state: Mapped[str] = mapped_column(String(20), index=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))  # None: imported from a file
    created: Mapped[datetime.datetime] = mapped_column(DateTime)
    reviewer_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    reviewed: Mapped[datetime.datetime | None] = mapped_column(DateTime)
    note: Mapped[str | None] = mapped_column(Text)  # the reviewer's comment
    dismissed: Mapped[str] = mapped_column(Text, default="{}")  # JSON: warning code -> reason

    __table_args__ = (db.Index("ix_template_revision_name_locale", "name", "locale"),)

    @property
    def template(self) -> LetterTemplate:
        """This revision as a template to render."""
        review = "source" if self.locale == SOURCE_LOCALE else review_of(self.state)
        return LetterTemplate(
            self.name, self.locale, self.subject, self.kind, review, self.body, self.source_revision
        )

    @property
    def revision(self) -> str:
        """The text's hash, as LetterTemplate.revision."""
        return self.template.revision

    @property
    def dismissed_reasons(self) -> dict[str, str]:
        return json.loads(self.dismissed or "{}")


def review_of(state: str) -> str:
    """The file header's review value for a revision state."""
    return "approved" if state == "approved" else "not-reviewed"


class RevisionError(ValueError):
    """A save, approval or rejection that cannot be done, with a message for the person."""


class Superseded(RevisionError):
    """Approving a revision that a newer one follows, without saying so."""


class UnknownTemplate(RevisionError, LookupError):
    """No English template of that name."""


def folder(locale: str) -> str:
    """Turn a URL tag ("zh-Hans") into the template folder name ("zh_Hans")."""
    return folder_name(locale)


def locale_tag(locale: str) -> str:
    """Turn a folder name ("zh_Hans") into the URL tag that account rights use ("zh-Hans")."""
    return url_tag(locale)


def english(root: Path, name: str) -> LetterTemplate:
    """Load the current English source, or raise UnknownTemplate."""
    path = template_path(root, SOURCE_LOCALE, name)
    if "/" in name or "\\" in name or not path.is_file():
        raise UnknownTemplate(_("There is no English template named %(name)s.", name=name))
    return parse_template(path.read_text(encoding="utf-8"), name, SOURCE_LOCALE)


def file_template(root: Path, name: str, locale: str) -> LetterTemplate | None:
    """Load a locale's own template file, or None (no fallback to English; a bad file is None)."""
    path = template_path(root, locale, name)
    if "/" in name or "/" in locale or not path.is_file():
        return None
    try:
        return parse_template(path.read_text(encoding="utf-8"), name, locale)
    except TemplateError:
        return None


def revisions(session: Session, name: str, locale: str) -> list[TemplateRevision]:
    """Return a template's revisions in a locale, newest first."""
    query = (
        select(TemplateRevision)
        .where(TemplateRevision.name == name, TemplateRevision.locale == folder(locale))
        .order_by(TemplateRevision.id.desc())
    )
    return list(session.scalars(query))


def add_from_file(
    session: Session, template: LetterTemplate, *, trusted: bool = True, approver: Any = None
) -> TemplateRevision:
    """Record a template file's text as a revision with no author.

    A file marked approved stays approved when it is the app's own (trusted) or an admin
    approves it by name (recorded as its reviewer, with a note); any other file marked
    approved awaits review, since it cannot approve itself.
    """
    english_source = template.locale == SOURCE_LOCALE
    marked = template.review == "approved"
    approved = english_source or (marked and (trusted or approver is not None))
    state = "approved" if approved else ("submitted" if marked else "draft")
    row = TemplateRevision(
        name=template.name,
        locale=template.locale,
        subject=template.subject,
        body=template.body,
        kind=template.kind,
        source_revision=None if english_source else template.translated_from,
        state=state,
        created=utcnow(),
        dismissed="{}",
    )
    if approved and not english_source and approver is not None:
        row.reviewer_id, row.reviewed = approver.id, row.created
        row.note = f"Approved on import by {approver.email} (advocacy templates import --approve-as)."
    session.add(row)
    session.flush()
    return row


def record_source(session: Session, source: LetterTemplate) -> None:
    """Keep the current English text, so later changes to it can be shown as a diff."""
    for row in revisions(session, source.name, SOURCE_LOCALE):
        if row.revision == source.revision:
            return
    add_from_file(session, source)


def record_sources(session: Session, root: Path) -> list[LetterTemplate]:
    """Keep every current English template's text (run at `advocacy init`, i.e. on each deploy)."""
    sources = [english(root, path.stem) for path in sorted((root / SOURCE_LOCALE).glob("*.txt"))]
    known = {
        (row.name, row.revision)
        for row in session.scalars(select(TemplateRevision).where(TemplateRevision.locale == SOURCE_LOCALE))
    }
    for source in sources:
        if (source.name, source.revision) not in known:
            add_from_file(session, source)
    return sources


def seed_from_file(session: Session, root: Path, name: str, locale: str) -> None:
    """Copy a locale's file into the database if it has no revision of that template yet."""
    if revisions(session, name, locale):
        return
    found = file_template(root, name, locale)
    if found is not None:
        add_from_file(session, found)
