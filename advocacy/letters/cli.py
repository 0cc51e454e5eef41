"""`advocacy letter`: one letter to a file, for staff running a postal or e-mail campaign."""

from __future__ import annotations

from pathlib import Path

import click
from flask.cli import with_appcontext

from advocacy.core.extensions import db
from advocacy.core.sandbox import TemplateError
from advocacy.core.web import settings
from advocacy.letters.addressing import FORMS
from advocacy.letters.cli_merge import letters_group
from advocacy.letters.service import QUESTION, UnknownLetter, letter_people, prepare, to_bytes
from advocacy.letters.template import available_languages

FORMATS = (".txt", ".eml", ".pdf")


@click.command("letter")
@click.option("--country", required=True, help="ISO code, e.g. FR.")
@click.option("--action", required=True, help="Action id, e.g. suspend-extradition-treaty.")
@click.option("--locale", default="en", show_default=True, help="Language, e.g. fr or zh_Hans.")
@click.option("--chamber", default=None, help="The recipient's chamber, e.g. fr-assemblee (needed for pq).")
@click.option("--form-of-address", "form", default="neutral", type=click.Choice(FORMS), show_default=True)
@click.option("--to", "recipient", default="", help="Recipient's name.")
@click.option("--to-email", default="", help="Recipient's e-mail address (for .eml).")
@click.option("--from", "sender", required=True, help="Sender's name.")
@click.option("--town", default="", help="Sender's town or constituency.")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="Output file: .pdf, .txt or .eml.")  # fmt: skip
@with_appcontext
def letter_command(
    country: str,
    action: str,
    locale: str,
    chamber: str | None,
    form: str,
    recipient: str,
    to_email: str,
    sender: str,
    town: str,
    output: Path,
) -> None:
    """Write one letter (or, with --action pq, a draft written question) to a file."""
    if output.suffix.lower() not in FORMATS:
        raise click.BadParameter(f"use a file name ending in {', '.join(FORMATS)}", param_hint="-o")
    root = settings().letter_templates_dir
    if locale not in available_languages(root):
        raise click.BadParameter(f"no templates in {locale!r}", param_hint="--locale")
    if action == QUESTION and not chamber:
        raise click.BadParameter("a written question needs --chamber", param_hint="--chamber")
    people = letter_people(sender_name=sender, sender_town=town, recipient_name=recipient,
                           recipient_email=to_email)  # fmt: skip
    # Only a question is drafted for a chamber; a letter names it just for its salutation.
    served_for = chamber if action == QUESTION else None
    try:
        composed = prepare(db.session, root, country.upper(), action, locale, served_for).render(people)
    except (UnknownLetter, TemplateError) as error:
        raise click.ClickException(str(error)) from None
    letter = composed.finished(people, chamber=chamber, form_of_address=form)
    output.write_bytes(to_bytes(letter, output.suffix.lower().lstrip(".")))
    click.echo(f"Wrote {output} ({composed.letter.locale}, {composed.letter.review}).")


COMMANDS = [letter_command, letters_group]
