"""Template files and database revisions: import the files, export the approved revisions.

Importing never overwrites newer work: when a person saved a revision after the last one
that came from a file, a changed file is skipped and reported (unless forced). A file whose
text the database already has is left alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from advocacy.core.sandbox import TemplateError
from advocacy.letters.template import SOURCE_LOCALE, LetterTemplate, parse_template, template_path
from advocacy.translations.store import TemplateRevision, add_from_file, revisions


@dataclass
class ImportReport:
    """What an import did, per template and locale."""

    imported: list[tuple[str, str]] = field(default_factory=list)
    unchanged: list[tuple[str, str]] = field(default_factory=list)
    skipped: list[tuple[str, str, str]] = field(default_factory=list)  # name, locale, why
    problems: list[str] = field(default_factory=list)  # files that do not parse


def _same_text(row: TemplateRevision, template: LetterTemplate) -> bool:
    return (row.subject, row.body) == (template.subject, template.body)


def import_file(session: Session, template: LetterTemplate, *, force: bool, report: ImportReport) -> None:
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
    add_from_file(session, template)
    report.imported.append(key)


def import_files(
    session: Session, root: Path, *, force: bool = False, sources: Path | None = None
) -> ImportReport:
    """Load every template file as a revision: English first, then each locale; the caller commits.

    A translation needs its English template in `root` or in `sources` (the app's templates).
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
            english = [template_path(r, SOURCE_LOCALE, path.stem) for r in (root, sources) if r is not None]
            if directory.name != SOURCE_LOCALE and not any(p.is_file() for p in english):
                report.problems.append(f"{path}: no English template of that name")
                continue
            import_file(session, template, force=force, report=report)
    return report


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
