"""`advocacy templates`: import the template files as revisions, export approved ones, show status."""

from __future__ import annotations

from pathlib import Path

import click
from flask.cli import with_appcontext

from advocacy.core.extensions import db
from advocacy.core.web import settings


@click.group("templates")
def templates_group() -> None:
    """Move letter and question templates between the files and the database."""


def _root() -> Path:
    return settings().letter_templates_dir


def _translations_dir() -> Path:
    return settings().catalogs_dir


@templates_group.command("import")
@click.option(
    "--dir",
    "directory",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    default=None,
    help="Template folder (default: the app's templates/letters).",
)
@click.option("--force", is_flag=True, help="Import changed files even over newer work in the database.")
@click.option(
    "--approve-as",
    "approve_as",
    metavar="ADMIN-EMAIL",
    default=None,
    help="Approve the files marked approved, in this admin's name (recorded); else they await review.",
)
@with_appcontext
def import_command(directory: Path | None, force: bool, approve_as: str | None) -> None:
    """Load the template files that pass the editor's checks as revisions; newer work is kept."""
    from advocacy.translations.files import import_files

    approver = _admin(approve_as) if approve_as else None
    report = import_files(db.session, directory or _root(), force=force, sources=_root(), approver=approver)
    db.session.commit()
    for name, locale in report.awaiting:
        click.secho(f"Awaiting review {locale}/{name}: the file says approved; see --approve-as.", err=True)
    for name, locale in report.approved:
        click.echo(f"Approved {locale}/{name} on import by {approver.email if approver else '-'}.")
    for name, locale, why in report.skipped:
        click.secho(f"Skipped {locale}/{name}: {why}.", fg="yellow", err=True)
    for problem in report.problems:
        click.secho(f"Not imported: {problem}", fg="red", err=True)
    click.echo(
        f"Imported {len(report.imported)} template(s); {len(report.unchanged)} unchanged; "
        f"{len(report.skipped)} skipped; {len(report.problems)} with problems."
    )
    if report.problems:
        raise SystemExit(1)


def _admin(email: str):
    """The active admin account with this address, or stop with a message."""
    from sqlalchemy import select

    from advocacy.accounts.models import User

    user = db.session.scalar(select(User).where(User.email == email.strip().lower()))
    if user is None or not user.active or user.role != "admin":
        raise click.ClickException(f"{email} is not an active admin account; nothing was imported.")
    return user


@templates_group.command("export")
@click.option("--dir", "directory", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder to write to (default: the app's templates/letters).")  # fmt: skip
@with_appcontext
def export_command(directory: Path | None) -> None:
    """Write the approved translations from the database as template files."""
    from advocacy.translations.files import export_files

    written = export_files(db.session, directory or _root())
    for path in written:
        click.echo(f"Wrote {path}")
    click.echo(f"Exported {len(written)} approved translation(s); the others were already up to date.")


@templates_group.command("status")
@with_appcontext
def status_command() -> None:
    """Print, per locale, how many templates are missing, outdated, draft, awaiting review, approved."""
    from advocacy.translations.dashboard import STATUSES, dashboard

    board = dashboard(db.session, _root(), _translations_dir())
    db.session.commit()  # the English sources it recorded
    width = max(len(locale) for locale in board.locales)
    click.echo(" ".join([f"{'locale':<{width}}", *(f"{s:>15}" for s in STATUSES), f"{'approved %':>11}"]))
    for locale in board.locales:
        counts = board.counts[locale]
        cells = [
            f"{locale:<{width}}",
            *(f"{counts[s]:>15}" for s in STATUSES),
            f"{board.percent[locale]:>10.1f}%",
        ]
        click.echo(" ".join(cells))


COMMANDS = [templates_group]
