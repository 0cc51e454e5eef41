"""`advocacy reps`: import a chamber's list of representatives, and list it for staff."""

from __future__ import annotations

from pathlib import Path

import click
from flask.cli import with_appcontext
from sqlalchemy import delete

from advocacy.core.extensions import db
from advocacy.representatives.models import Representative
from advocacy.representatives.popolo import parse_popolo
from advocacy.representatives.rows import RepresentativesError, parse_csv
from advocacy.representatives.store import UnknownChamber, import_representatives, list_representatives

PARSERS = {"csv": parse_csv, "popolo": parse_popolo}
EXTENSIONS = {".csv": "csv", ".json": "popolo"}


@click.group("reps")
def reps_group() -> None:
    """Import and list the representatives of a chamber."""


@reps_group.command("import")
@click.argument("file", type=click.Path(dir_okay=False, exists=True, path_type=Path))
@click.option("--chamber", "chamber_id", required=True, help="Chamber id, e.g. gb-commons.")
@click.option("--format", "file_format", type=click.Choice(sorted(PARSERS)),
              help="csv or popolo (Popolo JSON); by default from the extension, .csv or .json.")  # fmt: skip
@click.option("--add", is_flag=True, help="Add to and update the chamber's list instead of replacing it.")
@with_appcontext
def reps_import(file: Path, chamber_id: str, file_format: str | None, add: bool) -> None:
    """Replace a chamber's representatives with FILE's, all or nothing."""
    file_format = file_format or EXTENSIONS.get(file.suffix.lower())
    if file_format is None:
        raise click.BadParameter("use a .csv or .json file, or say which with --format", param_hint="FILE")
    try:
        rows = PARSERS[file_format](file.read_bytes())
        count = import_representatives(db.session, chamber_id, rows, replace=not add)
    except RepresentativesError as error:
        click.secho(f"{len(error.problems)} problem(s); the database was not changed:", fg="red", err=True)
        for problem in error.problems:
            click.echo(f"  {problem.in_file(file.name)}", err=True)
        raise SystemExit(1) from None
    except UnknownChamber as error:
        raise click.ClickException(f"{error} (see data/chambers.csv); the database was not changed") from None
    verb = "Imported" if not add else "Added or updated"
    click.echo(f"{verb} {count} representative(s) for {chamber_id}.")


@reps_group.command("list")
@click.option("--chamber", "chamber_id", required=True, help="Chamber id, e.g. gb-commons.")
@with_appcontext
def reps_list(chamber_id: str) -> None:
    """List a chamber's representatives: id, name, constituency, party, e-mail."""
    try:
        reps = list_representatives(db.session, chamber_id)
    except UnknownChamber as error:
        raise click.ClickException(f"{error} (see data/chambers.csv)") from None
    for rep in reps:
        cells = (rep.id, rep.name, rep.constituency, rep.party, rep.email)
        click.echo("\t".join(cell or "" for cell in cells))
    click.echo(f"{len(reps)} representative(s) for {chamber_id}.", err=True)


@reps_group.command("clear")
@click.option("--chamber", "chamber_id", required=True, help="Chamber id, e.g. gb-commons.")
@with_appcontext
def reps_clear(chamber_id: str) -> None:
    """Remove every representative of a chamber."""
    statement = delete(Representative).where(Representative.chamber_id == chamber_id)
    removed = db.session.execute(statement).rowcount
    db.session.commit()
    click.echo(f"Removed {removed} representative(s) for {chamber_id}.")


COMMANDS = [reps_group]
