"""`advocacy briefing`: one country briefing PDF to a file."""

from __future__ import annotations

from pathlib import Path

import click
from flask.cli import with_appcontext

from advocacy.core.extensions import db
from advocacy.core.i18n import LOCALES

# Babel identifiers (zh_Hans) are accepted too, and mean their URL tag (zh-Hans).
_BY_IDENTIFIER = {identifier.casefold(): tag for tag, identifier in LOCALES.items()}


def _locale(value: str) -> str:
    tag = _BY_IDENTIFIER.get(value.replace("-", "_").casefold())
    if tag is None:
        raise click.BadParameter(f"choose one of {', '.join(LOCALES)}", param_hint="--locale")
    return tag


@click.command("briefing")
@click.option("--country", required=True, help="ISO code, e.g. FR.")
@click.option("--locale", default="en", show_default=True, help=f"One of {', '.join(LOCALES)}.")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="Output PDF file.")  # fmt: skip
@with_appcontext
def briefing_command(country: str, locale: str, output: Path) -> None:
    """Print a country's briefing PDF in one language."""
    from advocacy.briefings.service import render_briefing, sources
    from advocacy.core.web import settings
    from advocacy.core.workers import WorkerError

    tag, code = _locale(locale), country.upper()
    try:
        pdf = render_briefing(db.session, code, tag, **sources(settings()))
    except WorkerError as error:
        raise click.ClickException(f"the briefing could not be printed: {error}") from None
    if pdf is None:
        raise click.ClickException(f"no data for country {code!r}")
    output.write_bytes(pdf)
    click.echo(f"Wrote {output} ({code}, {tag}, {len(pdf) // 1024} KiB).")
