"""Template files and database revisions: import the files, export the approved revisions.

Importing never overwrites newer work: when a person saved a revision after the last one
that came from a file, a changed file is skipped and reported (unless forced). A file whose
text the database already has is left alone. Every file passes the editor's checks (parse,
structure, limits, a sample rendering) or is not imported; a file marked approved awaits
review unless an admin approves the import by name.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from advocacy.core.sandbox import MAX_SOURCE_CHARS, TemplateError
from advocacy.letters.template import SOURCE_LOCALE, LetterTemplate, parse_template, template_path
from advocacy.translations import isolated
from advocacy.translations.sample import sample_context
from advocacy.translations.store import TemplateRevision, add_from_file, revisions


@dataclass
class ImportReport:
    """What an import did, per template and locale."""

    imported: list[tuple[str, str]] = field(default_factory=list)
    unchanged: list[tuple[str, str]] = field(default_factory=list)
    skipped: list[tuple[str, str, str]] = field(default_factory=list)  # name, locale, why
    problems: list[str] = field(default_factory=list)  # files that do not parse or fail a check
    awaiting: list[tuple[str, str]] = field(default_factory=list)  # marked approved, not approved
    approved: list[tuple[str, str]] = field(default_factory=list)  # approved by the named admin


def _same_text(row: TemplateRevision, template: LetterTemplate) -> bool:
    return (row.subject, row.body) == (template.subject, template.body)


def import_file(
    session: Session, template: LetterTemplate, *, force: bool, report: ImportReport, approver: Any = None
) -> None:
    """Add one file's text as a revision unless the database has it or has newer work."""
    key = (template.name, template.locale)
    rows = revisions(session, template.name, template.locale)
    if any(_same_text(row, template) for row in rows):
        report.unchanged.append(key)
        return
    newest = rows[0] if rows else None
    if newest is not None and newest.author_id is not None and not force:
        why = (
            f"the database has newer work (revision {newest.id}, {newest.state}, "
            f"{newest.created:%Y-%m-%d %H:%M} UTC); use --force to import the file over it"
        )
        report.skipped.append((*key, why))
        return
    row = add_from_file(session, template, trusted=False, approver=approver)
    report.imported.append(key)
    if template.review == "approved" and row.state != "approved":
        report.awaiting.append(key)
    elif row.reviewer_id is not None:
        report.approved.append(key)


def check_file(session: Session, template: LetterTemplate, source: LetterTemplate) -> str | None:
    """Run the editor's checks on a file's template; return why it may not be imported, if so."""
    size = len(template.subject) + len(template.body)
    if size > MAX_SOURCE_CHARS:
        return f"the template is {size} characters long; at most {MAX_SOURCE_CHARS} are allowed"
    if template.kind != source.kind:
        return f"its kind is {template.kind}, the English one's {source.kind}"
    sample = sample_context(session, template.name, template.locale)
    findings = isolated.checks(source, template, sample.context, sample.limits, isolated.english)
    errors = [finding.message for finding in findings if finding.level == "error"]
    return "; ".join(errors) or None


def import_files(
    session: Session,
    root: Path,
    *,
    force: bool = False,
    sources: Path | None = None,
    approver: Any = None,
) -> ImportReport:
    """Load every template file that passes the checks as a revision: English first; the caller commits.

    A translation needs its English template in `root` or in `sources` (the app's templates).
    `approver`: the admin account that approves the files marked approved (None: they await review).
    """
    report = ImportReport()
    folders = sorted(
        (p for p in root.iterdir() if p.is_dir()), key=lambda p: (p.name != SOURCE_LOCALE, p.name)
    )
    for directory in folders:
        for path in sorted(directory.glob("*.txt")):
            try:
                template = parse_template(path.read_text(encoding="utf-8"), path.stem, directory.name)
            except (TemplateError, UnicodeDecodeError) as error:
                report.problems.append(f"{path}: {error}")
                continue
            source = _english(template, (root, sources))
            if source is None:
                report.problems.append(f"{path}: no English template of that name")
                continue
            problem = check_file(session, template, source)
            if problem:
                report.problems.append(f"{path}: {problem}")
                continue
            import_file(session, template, force=force, report=report, approver=approver)
    return report


def _english(template: LetterTemplate, roots: tuple[Path | None, ...]) -> LetterTemplate | None:
    """The English template a file is checked against: itself for English, else the first found."""
    if template.locale == SOURCE_LOCALE:
        return template
    for root in roots:
        path = template_path(root, SOURCE_LOCALE, template.name) if root is not None else None
        if path is not None and path.is_file():
            try:
                return parse_template(path.read_text(encoding="utf-8"), template.name, SOURCE_LOCALE)
            except (TemplateError, UnicodeDecodeError):
                return None
    return None


def file_text(row: TemplateRevision) -> str:
    """Write a revision in the template file format (an approved translation)."""
    header = [f"subject: {row.subject}", f"kind: {row.kind}", "review: approved"]
    if row.source_revision:
        header.append(f"translated-from: {row.source_revision}")
    return "\n".join(header) + "\n---\n" + row.body


def export_files(session: Session, directory: Path) -> list[Path]:
    """Write each template's latest approved translation as a file; return the files changed."""
    latest: dict[tuple[str, str], TemplateRevision] = {}
    query = select(TemplateRevision).where(
        TemplateRevision.state == "approved", TemplateRevision.locale != SOURCE_LOCALE
    )
    for row in session.scalars(query.order_by(TemplateRevision.id)):
        latest[(row.name, row.locale)] = row
    written = []
    for (name, locale), row in sorted(latest.items()):
        path = template_path(directory, locale, name)
        text = file_text(row)
        if path.is_file() and path.read_text(encoding="utf-8") == text:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
