"""`advocacy data check|import|export`: the data files, all or nothing."""

from __future__ import annotations

import getpass
from pathlib import Path

import click
from flask.cli import with_appcontext

from advocacy.core.extensions import db
from advocacy.core.web import settings, withdrawn
from advocacy.records.datafiles import read_package
from advocacy.records.dataset import SCHEMA_FILE, ChambersInUse, export_package, table_rows
from advocacy.records.schema import load_resources


def data_dir() -> Path:
    return settings().data_dir


def report_problems(problems: list, heading: str) -> None:
    click.secho(heading, fg="red", err=True)
    for problem in problems:
        click.echo(f"  {problem}", err=True)


@click.group("data")
def data_group() -> None:
    """Check, import and export the data files."""


@data_group.command("check")
@click.argument("directory", type=click.Path(file_okay=False, exists=True, path_type=Path))
@with_appcontext
def data_check(directory: Path) -> None:
    """Check every data file in DIRECTORY against the schema."""
    package = read_package(directory, _schema_dir(directory))
    if not package.ok:
        report_problems(package.problems, f"{len(package.problems)} problem(s) in {directory}:")
        raise SystemExit(1)
    click.echo("OK: " + ", ".join(f"{len(rows)} {name}" for name, rows in package.rows.items()) + ".")


@data_group.command("import")
@click.argument("directory", type=click.Path(file_okay=False, exists=True, path_type=Path))
@with_appcontext
def data_import(directory: Path) -> None:
    """Replace the database's data with DIRECTORY's files, all or nothing."""
    from advocacy.records.editing import Editor, withdrawn_cases
    from advocacy.records.transfer import import_directory

    editor = Editor(None, f"command line ({_os_user()})")  # recorded in the audit trail
    cases = [r for r in load_resources(_schema_dir(directory) / SCHEMA_FILE) if r.name == "cases"]
    before = table_rows(db.session, cases[0]) if cases else []
    try:
        result = import_directory(db.session, directory, _schema_dir(directory), editor)
    except ChambersInUse as error:
        raise click.ClickException(f"{error}; the database was not changed") from None
    if not result.ok:
        report_problems(result.problems, f"{len(result.problems)} problem(s); the database was not changed:")
        raise SystemExit(1)
    if cases:  # a case the public could see, gone or changed: drop the briefings that show it
        withdrawn(withdrawn_cases(before, table_rows(db.session, cases[0])))
    click.echo("Imported " + ", ".join(f"{n} {name}" for name, n in result.after.items()) + ".")


@data_group.command("export")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option("--public", is_flag=True, help="Leave out restricted cases (what the data page offers).")
@with_appcontext
def data_export(directory: Path, public: bool) -> None:
    """Write the database's data to DIRECTORY as CSV files with their schema."""
    counts = export_package(db.session, data_dir(), directory, public_only=public)
    click.echo(f"Exported to {directory}: " + ", ".join(f"{n} {name}" for name, n in counts.items()) + ".")


def _os_user() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no name for this process's user (a bare container)
        return "unknown user"


def _schema_dir(directory: Path) -> Path:
    """Use the directory's own datapackage.json if it has one, else the bundled one."""
    return directory if (directory / "datapackage.json").exists() else data_dir()


COMMANDS = [data_group]
