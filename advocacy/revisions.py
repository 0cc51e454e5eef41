"""Template revisions in the database: saving translations with checks, review, and what is served.

English (`en`) is the source and lives in the files; its revisions are also kept here (as
they are seen) so a translator can be shown what changed since they translated. The
template files of other locales count as revisions until the database has some for that
template and locale: `advocacy templates import` (or the first save) copies them in.
Locales are template folder names ("fr", "zh_Hans"); URL tags ("zh-Hans") are accepted too.
Functions here add to the session; the caller commits.
"""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import DateTime, ForeignKey, Integer, String, Text, func, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from advocacy.domain.letters import SOURCE_LOCALE, LetterTemplate, parse_template, template_path
from advocacy.domain.questions import Limits
from advocacy.domain.sandbox import TemplateError
from advocacy.domain.translation import Finding, check_translation, source_diff
from advocacy.extensions import db

STATES = ("draft", "submitted", "approved", "rejected")
SERVABLE = ("draft", "submitted")  # served with a "not yet reviewed" notice when nothing is approved


def utcnow() -> datetime.datetime:
    """Naive UTC, as every DateTime column here holds."""
    return datetime.datetime.now(datetime.UTC).replace(tzinfo=None)


class TemplateRevision(db.Model):
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


class UnknownTemplate(RevisionError, LookupError):
    """No English template of that name."""


@dataclass
class SaveResult:
    """The saved revision, or None when the checks refused it; the findings either way."""

    revision: TemplateRevision | None
    findings: list[Finding]


@dataclass(frozen=True)
class Served:
    """What campaigners get: the template and which notice goes with it."""

    template: LetterTemplate
    notice: str  # "approved" | "not-reviewed" | "english"


@dataclass
class EditorState:
    """Everything the editor shows for one template in one locale."""

    source: LetterTemplate
    current: LetterTemplate | None
    current_revision: TemplateRevision | None
    diff: list[str]
    history: list[TemplateRevision]
    limits: Limits | None
    outdated: bool = False
    diff_known: bool = True  # False when the English text the translation followed was never recorded
    sample_country: str | None = None
    sample: dict[str, Any] = field(default_factory=dict)


def folder(locale: str) -> str:
    """Turn a URL tag ("zh-Hans") into the template folder name ("zh_Hans")."""
    return locale.replace("-", "_")


def locale_tag(locale: str) -> str:
    """Turn a folder name ("zh_Hans") into the URL tag that account rights use ("zh-Hans")."""
    return locale.replace("_", "-")


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


def add_from_file(session: Session, template: LetterTemplate) -> TemplateRevision:
    """Record a template file's text as a revision with no author (approved files stay approved)."""
    english_source = template.locale == SOURCE_LOCALE
    state = "approved" if english_source or template.review == "approved" else "draft"
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


def save_revision(
    session: Session,
    author: Any,
    name: str,
    locale: str,
    subject: str,
    body: str,
    *,
    dismissed: dict[str, str],
    submit: bool,
    root: Path | None = None,
) -> SaveResult:
    """Check and save a translation as a draft (or submitted for review); refuse it on any problem."""
    from advocacy.sample import sample_context

    locale = folder(locale)
    if locale == SOURCE_LOCALE:
        raise RevisionError(_("English is the source: change it in the template files."))
    if not author.rights.may_edit(locale_tag(locale)):
        raise RevisionError(_("You may not edit the %(locale)s translations.", locale=locale_tag(locale)))
    root = root or _templates_root()
    source = english(root, name)
    body = body.replace("\r\n", "\n")
    if not body.endswith("\n"):
        body += "\n"
    draft = LetterTemplate(name, locale, subject.strip(), source.kind, "not-reviewed", body, source.revision)
    sample = sample_context(session, name, locale)
    findings = check_translation(source, draft, sample.context, sample.limits, translate=_)
    reasons = {code: reason.strip() for code, reason in dismissed.items() if reason and reason.strip()}
    warnings = {f.code for f in findings if f.level == "warning"}
    if any(f.level == "error" for f in findings) or warnings - set(reasons):
        return SaveResult(None, findings)
    record_source(session, source)
    seed_from_file(session, root, name, locale)
    row = TemplateRevision(
        name=name,
        locale=locale,
        subject=draft.subject,
        body=draft.body,
        kind=draft.kind,
        source_revision=source.revision,
        state="submitted" if submit else "draft",
        author_id=author.id,
        created=utcnow(),
        dismissed=json.dumps({code: reasons[code] for code in sorted(warnings)}, ensure_ascii=False),
    )
    session.add(row)
    session.flush()
    return SaveResult(row, findings)


def _templates_root() -> Path:
    from flask import current_app

    return Path(current_app.config["LETTER_TEMPLATES_DIR"])


def _reviewable(session: Session, reviewer: Any, revision_id: int) -> TemplateRevision:
    row = session.get(TemplateRevision, revision_id)
    if row is None or row.locale == SOURCE_LOCALE:
        raise RevisionError(_("There is no such translation."))
    if not reviewer.rights.may_approve(locale_tag(row.locale)):
        raise RevisionError(
            _("You may not review the %(locale)s translations.", locale=locale_tag(row.locale))
        )
    if row.author_id == reviewer.id:
        raise RevisionError(_("A second person must review a translation: you wrote this one."))
    if row.state != "submitted":
        raise RevisionError(_("Only a translation submitted for review can be approved or rejected."))
    return row


def approve(session: Session, reviewer: Any, revision_id: int) -> TemplateRevision:
    """Approve a submitted translation: campaigners get it from now on."""
    row = _reviewable(session, reviewer, revision_id)
    row.state, row.reviewer_id, row.reviewed = "approved", reviewer.id, utcnow()
    session.flush()
    return row


def reject(session: Session, reviewer: Any, revision_id: int, note: str) -> TemplateRevision:
    """Send a submitted translation back to its author with a comment."""
    if not note.strip():
        raise RevisionError(_("Say what needs changing: a rejection needs a comment."))
    row = _reviewable(session, reviewer, revision_id)
    row.state, row.reviewer_id, row.reviewed, row.note = "rejected", reviewer.id, utcnow(), note.strip()
    session.flush()
    return row


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


def templates_version(session: Session) -> str:
    """Change whenever a revision is added, approved or rejected (stored briefings key on it)."""
    newest, reviewed, count = session.execute(
        select(func.max(TemplateRevision.id), func.max(TemplateRevision.reviewed), func.count())
    ).one()
    return f"{newest or 0}:{reviewed.isoformat() if reviewed else '-'}:{count}"


def editor_state(session: Session, root: Path, name: str, locale: str) -> EditorState:
    """Gather the source, the current translation, what changed in the source, and the history."""
    from advocacy.sample import sample_context

    locale = folder(locale)
    source = english(root, name)
    record_source(session, source)
    history = revisions(session, name, locale)
    current_revision = history[0] if history else None
    current = current_revision.template if current_revision else file_template(root, name, locale)
    followed = current.translated_from if current else None
    old = None
    if followed and followed != source.revision:
        old = next(
            (r.template for r in revisions(session, name, SOURCE_LOCALE) if r.revision == followed), None
        )
    sample = sample_context(session, name, locale)
    return EditorState(
        source=source,
        current=current,
        current_revision=current_revision,
        diff=source_diff(old, source),
        history=history,
        limits=sample.limits,
        outdated=bool(current) and followed != source.revision,
        diff_known=old is not None or not followed or followed == source.revision,
        sample_country=sample.country,
        sample=sample.context,
    )


# The dashboard lives in its own module; it is part of this module's interface.
from advocacy.revision_dashboard import Cell, Dashboard, dashboard  # noqa: E402

__all__ = [
    "Cell", "Dashboard", "EditorState", "RevisionError", "SaveResult", "Served", "TemplateRevision",
    "approve", "dashboard", "editor_state", "reject", "save_revision", "served_template",
]  # fmt: skip
