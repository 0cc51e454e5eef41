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
from advocacy.letters.outputs import Letter, eml_bytes, full_text
from advocacy.letters.service import UnknownLetter, compose, compose_question, letter_people
from advocacy.letters.template import available_languages

FORMATS = (".txt", ".eml", ".pdf")


def write_letter(letter: Letter, output: Path) -> None:
    """Write a letter in the format its file name asks for."""
    suffix = output.suffix.lower()
    if suffix == ".txt":
        output.write_text(full_text(letter), encoding="utf-8")
    elif suffix == ".eml":
        output.write_bytes(eml_bytes(letter))
    else:
        from advocacy.letters.pdf import letter_pdf

        output.write_bytes(letter_pdf(letter))


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
    country, action, locale, chamber, form, recipient, to_email, sender, town, output: Path
) -> None:
    """Write one letter (or, with --action pq, a draft written question) to a file."""
    if output.suffix.lower() not in FORMATS:
        raise click.BadParameter(f"use a file name ending in {', '.join(FORMATS)}", param_hint="-o")
    root = settings().letter_templates_dir
    if locale not in available_languages(root):
        raise click.BadParameter(f"no templates in {locale!r}", param_hint="--locale")
    if action == "pq" and not chamber:
        raise click.BadParameter("a written question needs --chamber", param_hint="--chamber")
    people = letter_people(sender_name=sender, sender_town=town, recipient_name=recipient)
    try:
        rendered, question = _render(root, country.upper(), action, locale, chamber, people)
    except (UnknownLetter, TemplateError) as error:
        raise click.ClickException(str(error)) from None
    letter = Letter(rendered.locale, rendered.subject, rendered.body, sender, town, recipient, to_email,
                    chamber=chamber, form_of_address=form, question=question)  # fmt: skip
    write_letter(letter, output)
    click.echo(f"Wrote {output} ({rendered.locale}, {rendered.review}).")


def _render(root: Path, code: str, action: str, locale: str, chamber: str | None, people: dict):
    """Render the letter, or a question's covering letter and the question itself."""
    if action == "pq":
        draft = compose_question(db.session, root, code=code, chamber=chamber, locale=locale, people=people)
        return draft.cover, draft.question.body
    return compose(db.session, root, code=code, action=action, locale=locale, people=people), ""


COMMANDS = [letter_command, letters_group]
