"""Template revisions in the database: saving translations with checks, and review.

The template files of other locales than English count as revisions until the database has
some for that template and locale: `advocacy templates import` (or the first save) copies
them in. Locales are template folder names ("fr", "zh_Hans"); URL tags ("zh-Hans") are
accepted too. Functions here add to the session; the caller commits. What campaigners are
served is chosen by advocacy.letters.served (re-exported here).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from advocacy.letters.questions import QUESTION_PREFIX, Limits
from advocacy.letters.template import SOURCE_LOCALE, LetterTemplate, RenderedLetter
from advocacy.translations import isolated
from advocacy.translations.checks import Finding, source_diff
from advocacy.translations.sample import sample_context
from advocacy.translations.store import (
    SERVABLE,
    STATES,
    RevisionError,
    Superseded,
    TemplateRevision,
    UnknownTemplate,
    add_from_file,
    english,
    file_template,
    folder,
    locale_tag,
    record_source,
    record_sources,
    review_of,
    revisions,
    seed_from_file,
    utcnow,
)


@dataclass
class SaveResult:
    """The saved revision, or None when the checks refused it; the findings either way."""

    revision: TemplateRevision | None
    findings: list[Finding]


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


def _draft(source: LetterTemplate, locale: str, subject: str, body: str) -> LetterTemplate:
    """Make a translation's text into a template, as a form sends it (Windows line ends, no final newline)."""
    body = body.replace("\r\n", "\n")
    if not body.endswith("\n"):
        body += "\n"
    return LetterTemplate(
        source.name, locale, subject.strip(), source.kind, "not-reviewed", body, source.revision
    )


def preview_draft(
    session: Session,
    root: Path,
    name: str,
    locale: str,
    subject: str,
    body: str,
    *,
    country: str | None = None,
) -> tuple[RenderedLetter | None, list[Finding]]:
    """Render an unsaved translation with a real country's data and run the checks (the editor's preview)."""
    locale = folder(locale)
    source = english(root, name)
    draft = _draft(source, locale, subject, body)
    sample = sample_context(session, name, locale, country)
    findings = isolated.checks(source, draft, sample.context, sample.limits, _)
    rendered, _error = isolated.preview(sample, draft)  # None: the findings say why
    return rendered, findings


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
    root: Path,
) -> SaveResult:
    """Check and save a translation as a draft (or submitted for review); refuse it on any problem."""
    locale = folder(locale)
    if locale == SOURCE_LOCALE:
        raise RevisionError(_("English is the source: change it in the template files."))
    if not author.rights.may_edit(locale_tag(locale)):
        raise RevisionError(_("You may not edit the %(locale)s translations.", locale=locale_tag(locale)))
    source = english(root, name)
    draft = _draft(source, locale, subject, body)
    sample = sample_context(session, name, locale)
    findings = isolated.checks(source, draft, sample.context, sample.limits, _)  # in a worker
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


def superseded_by(session: Session, row: TemplateRevision) -> TemplateRevision | None:
    """The newest later revision of the same template and locale (not a rejected one), if any."""
    query = (
        select(TemplateRevision)
        .where(
            TemplateRevision.name == row.name,
            TemplateRevision.locale == row.locale,
            TemplateRevision.id > row.id,
            TemplateRevision.state != "rejected",
        )
        .order_by(TemplateRevision.id.desc())
    )
    return session.scalars(query).first()


def approved_revision(session: Session, name: str, locale: str) -> TemplateRevision | None:
    """The latest approved revision of a template in a locale (the text campaigners get), if any."""
    return next((r for r in revisions(session, name, locale) if r.state == "approved"), None)


def approve(
    session: Session, reviewer: Any, revision_id: int, *, despite_newer: bool = False
) -> TemplateRevision:
    """Approve a submitted translation: campaigners get it from now on.

    A revision with a newer one after it is refused unless the reviewer confirms (despite_newer).
    """
    row = _reviewable(session, reviewer, revision_id)
    if not despite_newer and superseded_by(session, row) is not None:
        raise Superseded(
            _("A newer revision of this translation exists: review that one, or confirm approving this one.")
        )
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


def templates_version(session: Session) -> str:
    """Change whenever a question revision is added, approved or rejected (stored briefings key on it)."""
    columns = (func.max(TemplateRevision.id), func.max(TemplateRevision.reviewed), func.count())
    query = select(*columns).where(TemplateRevision.name.startswith(QUESTION_PREFIX))
    newest, reviewed, count = session.execute(query).one()
    return f"{newest or 0}:{reviewed.isoformat() if reviewed else '-'}:{count}"


def editor_state(session: Session, root: Path, name: str, locale: str) -> EditorState:
    """Gather the source, the current translation, what changed in the source, and the history."""
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
from advocacy.translations.dashboard import Cell, Dashboard, dashboard  # noqa: E402

__all__ = [
    "SERVABLE",
    "STATES",
    "Cell",
    "Dashboard",
    "EditorState",
    "RevisionError",
    "SaveResult",
    "Superseded",
    "TemplateRevision",
    "UnknownTemplate",
    "add_from_file",
    "approve",
    "approved_revision",
    "dashboard",
    "editor_state",
    "english",
    "file_template",
    "folder",
    "locale_tag",
    "preview_draft",
    "record_source",
    "record_sources",
    "reject",
    "review_of",
    "revisions",
    "save_revision",
    "seed_from_file",
    "superseded_by",
    "templates_version",
    "utcnow",
]  # fmt: skip
