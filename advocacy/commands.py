"""The root commands (init, doctor), and each feature's commands gathered onto the app."""

from __future__ import annotations

from importlib import import_module
from importlib.util import find_spec

import click
from flask import Flask, current_app
from flask.cli import with_appcontext

from advocacy.core.extensions import db
from advocacy.core.web import settings
from advocacy.records.cli import data_dir, report_problems
from advocacy.records.dataset import is_loaded, load_directory


def register_commands(app: Flask, features: tuple[str, ...]) -> None:
    """Attach the root commands and each feature's `cli.COMMANDS` to the app."""
    app.cli.add_command(init_command)
    app.cli.add_command(doctor_command)
    for feature in features:
        if find_spec(f"advocacy.{feature}.cli") is not None:
            for command in import_module(f"advocacy.{feature}.cli").COMMANDS:
                app.cli.add_command(command)


@click.command("init")
@with_appcontext
def init_command() -> None:
    """Migrate the database and load the bundled data if it is empty."""
    from flask_migrate import upgrade

    upgrade(directory=current_app.extensions["migrate"].directory)
    _record_english_templates()
    if is_loaded(db.session):
        click.echo("Database is up to date; data already loaded, nothing changed.")
    else:
        package, counts = load_directory(db.session, data_dir(), data_dir())
        if not package.ok:
            report_problems(
                package.problems, f"The bundled data in {data_dir()} has problems; nothing loaded:"
            )
            raise SystemExit(1)
        click.echo("Loaded " + ", ".join(f"{n} {name}" for name, n in counts.items()) + ".")
    _hint_first_account()


def _hint_first_account() -> None:
    """Say how to make the first admin while there is no account (campaigners need none)."""
    from sqlalchemy import func, select

    from advocacy.accounts.models import User

    if not db.session.scalar(select(func.count()).select_from(User)):
        click.echo(
            "No staff accounts yet. Create the first admin with: "
            "advocacy users create --email YOU@EXAMPLE.ORG --name NAME --role admin"
        )


def _record_english_templates() -> None:
    """Keep this deploy's English template texts, so translators see what changed in the next."""
    from advocacy.translations.revisions import record_sources

    record_sources(db.session, settings().letter_templates_dir)
    db.session.commit()


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
