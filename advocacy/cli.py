"""The `advocacy` command: Flask's click group plus set-up and data commands."""

from __future__ import annotations

from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import FlaskGroup, with_appcontext
from flask_migrate import upgrade

from advocacy.dataset import export_package, is_loaded, load_directory
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
    from advocacy.cli_letters import letter_command

    app.cli.add_command(init_command)
    app.cli.add_command(data_group)
    app.cli.add_command(letter_command)


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
    if is_loaded(db.session):
        click.echo("Database is up to date; data already loaded, nothing changed.")
        return
    package, counts = load_directory(db.session, _data_dir(), _data_dir())
    if not package.ok:
        _report(package.problems, f"The bundled data in {_data_dir()} has problems; nothing loaded:")
        raise SystemExit(1)
    click.echo("Loaded " + ", ".join(f"{n} {name}" for name, n in counts.items()) + ".")


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
    package, counts = load_directory(db.session, directory, _schema_dir(directory))
    if not package.ok:
        _report(package.problems, f"{len(package.problems)} problem(s); the database was not changed:")
        raise SystemExit(1)
    click.echo("Imported " + ", ".join(f"{n} {name}" for name, n in counts.items()) + ".")


@data_group.command("export")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@with_appcontext
def data_export(directory: Path) -> None:
    """Write the database's data to DIRECTORY as CSV files with their schema."""
    counts = export_package(db.session, _data_dir(), directory)
    click.echo(f"Exported to {directory}: " + ", ".join(f"{n} {name}" for name, n in counts.items()) + ".")


def _schema_dir(directory: Path) -> Path:
    """Use the directory's own datapackage.json if it has one, else the bundled one."""
    return directory if (directory / "datapackage.json").exists() else _data_dir()
