"""The `advocacy` command: Flask's click group plus set-up and data commands."""

from __future__ import annotations

import getpass
from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import FlaskGroup, with_appcontext
from flask_migrate import upgrade

from advocacy.dataset import ChambersInUse, export_package, is_loaded, load_directory
from advocacy.domain.datafiles import read_package
from advocacy.extensions import db


def _create_app() -> Flask:
    from advocacy import create_app

    return create_app()


@click.group(cls=FlaskGroup, create_app=_create_app)
def cli() -> None:
    """Advocacy toolkit against transnational repression."""


def register_commands(app: Flask) -> None:
    """Attach the app's own commands (also reachable as `flask ...`)."""
    from advocacy.cli_briefing import briefing_command
    from advocacy.cli_briefings import briefings_group, worker_command
    from advocacy.cli_letters import letter_command
    from advocacy.cli_merge import letters_group
    from advocacy.cli_reps import reps_group
    from advocacy.cli_templates import templates_group
    from advocacy.cli_users import users_group

    app.cli.add_command(init_command)
    app.cli.add_command(data_group)
    app.cli.add_command(letter_command)
    app.cli.add_command(letters_group)
    app.cli.add_command(doctor_command)
    app.cli.add_command(reps_group)
    app.cli.add_command(briefing_command)
    app.cli.add_command(briefings_group)
    app.cli.add_command(worker_command)
    app.cli.add_command(users_group)
    app.cli.add_command(templates_group)


def _data_dir() -> Path:
    return Path(current_app.config["DATA_DIR"])


def _report(problems: list, heading: str) -> None:
    click.secho(heading, fg="red", err=True)
    for problem in problems:
        click.echo(f"  {problem}", err=True)


@click.command("init")
@with_appcontext
def init_command() -> None:
    """Migrate the database and load the bundled data if it is empty."""
    upgrade(directory=current_app.extensions["migrate"].directory)
    _record_english_templates()
    if is_loaded(db.session):
        click.echo("Database is up to date; data already loaded, nothing changed.")
    else:
        package, counts = load_directory(db.session, _data_dir(), _data_dir())
        if not package.ok:
            _report(package.problems, f"The bundled data in {_data_dir()} has problems; nothing loaded:")
            raise SystemExit(1)
        click.echo("Loaded " + ", ".join(f"{n} {name}" for name, n in counts.items()) + ".")
    _hint_first_account()


def _hint_first_account() -> None:
    """Say how to make the first admin while there is no account (campaigners need none)."""
    from sqlalchemy import func, select

    from advocacy.accounts import User

    if not db.session.scalar(select(func.count()).select_from(User)):
        click.echo(
            "No staff accounts yet. Create the first admin with: "
            "advocacy users create --email YOU@EXAMPLE.ORG --name NAME --role admin"
        )


def _record_english_templates() -> None:
    """Keep this deploy's English template texts, so translators see what changed in the next."""
    from advocacy.revisions import record_sources

    record_sources(db.session, Path(current_app.config["LETTER_TEMPLATES_DIR"]))
    db.session.commit()


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
        _report(package.problems, f"{len(package.problems)} problem(s) in {directory}:")
        raise SystemExit(1)
    click.echo("OK: " + ", ".join(f"{len(rows)} {name}" for name, rows in package.rows.items()) + ".")


@data_group.command("import")
@click.argument("directory", type=click.Path(file_okay=False, exists=True, path_type=Path))
@with_appcontext
def data_import(directory: Path) -> None:
    """Replace the database's data with DIRECTORY's files, all or nothing."""
    from advocacy.data_transfer import import_directory
    from advocacy.editing import Editor

    editor = Editor(None, f"command line ({_os_user()})")  # recorded in the audit trail
    try:
        result = import_directory(db.session, directory, _schema_dir(directory), editor)
    except ChambersInUse as error:
        raise click.ClickException(f"{error}; the database was not changed") from None
    if not result.ok:
        _report(result.problems, f"{len(result.problems)} problem(s); the database was not changed:")
        raise SystemExit(1)
    click.echo("Imported " + ", ".join(f"{n} {name}" for name, n in result.after.items()) + ".")


@data_group.command("export")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@with_appcontext
def data_export(directory: Path) -> None:
    """Write the database's data to DIRECTORY as CSV files with their schema."""
    counts = export_package(db.session, _data_dir(), directory)
    click.echo(f"Exported to {directory}: " + ", ".join(f"{n} {name}" for name, n in counts.items()) + ".")


def _os_user() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no name for this process's user (a bare container)
        return "unknown user"


def _schema_dir(directory: Path) -> Path:
    """Use the directory's own datapackage.json if it has one, else the bundled one."""
    return directory if (directory / "datapackage.json").exists() else _data_dir()


@click.command("doctor")
def doctor_command() -> None:
    """Check what printing PDF letters needs; exit 1 if something is missing."""
    import shutil

    from advocacy.pdf.fonts import REQUIRED_FAMILIES, run_checks

    checks = run_checks()
    fine = {"fonts": ", ".join(REQUIRED_FAMILIES), "harfbuzz-subset": "found"}
    for name, problems in checks.items():
        click.echo(f"{'FAIL' if problems else 'OK'}  {name}: {'; '.join(problems) or fine.get(name, '')}")
    for tool in ("pdftotext", "pdffonts"):  # the tests read PDFs back with poppler
        found = shutil.which(tool)
        click.echo(
            f"{'OK' if found else 'SKIP'}  {tool} (optional, for tests): {found or 'install poppler-utils'}"
        )
    if any(checks.values()):
        raise SystemExit(1)
