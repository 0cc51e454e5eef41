"""`advocacy letter` (one letter to a file) and `advocacy letters merge` (one per row of a people file).

For staff running a postal or e-mail campaign. The people file is theirs, but names and
addresses are still kept out of logs: the log gets counts only, and problems are reported
by line and column, never by what a cell holds. Letters are written atomically (a temporary
file, then a rename), readable by their owner only, so an interrupted run leaves whole
letters or none.

PDFs are rendered in parallel by a worker pool (advocacy.core.workers). A letter the renderer
fails (time or memory limit) is reported by its line; the others are still written and the
exit status is 1. `--combined` renders each letter as its own document and joins them with
pikepdf. Rendering batches of letters as one document with page breaks was measured too
(bench/letters_merge.py --compare): up to ~10% faster and smaller files (fonts embedded once),
but the letter's footer counts the document's pages, so the third letter of a batch was
numbered "5/6" instead of "1/2". Correct numbering won.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

from advocacy.core.extensions import db
from advocacy.core.sandbox import TemplateError
from advocacy.core.web import settings
from advocacy.letters.addressing import FORMS
from advocacy.letters.merge import Merger, pipeline, renderer
from advocacy.letters.merge_files import CombinedSink, FileSink, Sink
from advocacy.letters.people import PeopleFile, Person, number_width, output_name, read_people
from advocacy.letters.service import QUESTION, UnknownLetter, letter_people, prepare, to_bytes
from advocacy.letters.template import available_languages
from advocacy.records.dataset import current_version

FILE_SUFFIXES = (".txt", ".eml", ".pdf")


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
    if output.suffix.lower() not in FILE_SUFFIXES:
        raise click.BadParameter(f"use a file name ending in {', '.join(FILE_SUFFIXES)}", param_hint="-o")
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
    letter = replace(
        composed.finished(people, chamber=chamber, form_of_address=form, country=country.upper()),
        data_version=current_version(db.session) or "",
    )
    output.write_bytes(to_bytes(letter, output.suffix.lower().lstrip(".")))
    click.echo(f"Wrote {output} ({composed.letter.locale}, {composed.letter.review}).")


MERGE_FORMATS = ("pdf", "txt", "eml")
COMBINED_STEM = "letters"
# Letters handed to the pool at once, per worker: enough that no worker waits while the
# main process composes the next letter, few enough to keep memory flat.
IN_FLIGHT_PER_WORKER = 3


@click.group("letters")
def letters_group() -> None:
    """Letters for many people at once."""


@letters_group.command("merge")
@click.argument(
    "people_file",
    metavar="PEOPLE.csv",
    type=click.Path(dir_okay=False, exists=True, readable=True, path_type=Path),
)
@click.option("--country", required=True, help="ISO code, e.g. FR.")
@click.option("--action", required=True, help="Action id, e.g. suspend-extradition-treaty.")
@click.option(
    "--locale",
    default="en",
    show_default=True,
    help="Language of the letters for rows with no `locale` cell, e.g. fr or zh_Hans.",
)
@click.option(
    "-o",
    "--output",
    "directory",
    required=True,
    metavar="DIR",
    type=click.Path(file_okay=False, path_type=Path),
    help="Directory for the letters (created).",
)
@click.option("--combined", is_flag=True, help="Write one letters.pdf (or .txt), each letter on new pages.")
@click.option("--skip-bad", is_flag=True, help="Report bad rows, skip them and write the others.")
@click.option("--format", "fmt", type=click.Choice(MERGE_FORMATS), default="pdf", show_default=True)
@click.option(
    "--workers", type=click.IntRange(1, 32), default=2, show_default=True, help="PDF renderer processes."
)
@click.option("--force", is_flag=True, help="Overwrite files already in DIR.")
@with_appcontext
def merge_command(
    people_file: Path,
    country: str,
    action: str,
    locale: str,
    directory: Path,
    combined: bool,
    skip_bad: bool,
    fmt: str,
    workers: int,
    force: bool,
) -> None:
    """Write one letter per row of PEOPLE.csv into DIR.

    PEOPLE.csv is UTF-8 CSV with a header row. Columns, in any order: sender_name
    (required), sender_town, recipient_name, recipient_title, recipient_address (lines in
    one quoted cell), recipient_email, personal (a paragraph of the sender's own) and
    locale (overrides --locale for that row). Files are named NNNN-<recipient>.<format>
    after the row number.
    """
    if combined and fmt == "eml":
        raise click.UsageError("--combined makes one PDF or text file; e-mails stay one file each")
    root = settings().letter_templates_dir
    languages = available_languages(root)
    locale = _known_locale(locale, languages)
    people = _read_people(people_file, languages, locale, skip_bad)
    merger = Merger(root, country.upper(), action)
    try:
        merger.check(locale)
    except (UnknownLetter, TemplateError) as error:
        raise click.ClickException(str(error)) from None

    if combined:
        sink: Sink = CombinedSink(directory / f"{COMBINED_STEM}.{fmt}", fmt)
    else:
        width = number_width(people.rows)
        sink = FileSink({person: directory / output_name(person, width, fmt) for person in people.people})
    _refuse_to_overwrite(sink.targets, directory, force)
    directory.mkdir(parents=True, exist_ok=True)

    failures: list[tuple[Person, str]] = []
    with contextlib.ExitStack() as stack:
        executor = None
        if fmt == "pdf":
            executor = stack.enter_context(ThreadPoolExecutor(workers, thread_name_prefix="letters-merge"))
        render = renderer(fmt, executor, workers)
        bar = stack.enter_context(
            click.progressbar(length=len(people.people), label="Writing letters", file=sys.stderr)
        )
        window = workers * IN_FLIGHT_PER_WORKER if fmt == "pdf" else 1
        letters = stack.enter_context(contextlib.closing(pipeline(people.people, merger, render, window)))
        for done in letters:
            if done.problem:
                failures.append((done.person, done.problem))
            else:
                assert done.letter is not None
                sink.add(done.person, done.letter, done.data, merger.count)
            bar.update(1)
    sink.close(merger.count)
    _report(people, sink, failures, people_file, directory)


def _known_locale(locale: str, languages: Iterable[str]) -> str:
    by_name = {}
    for language in languages:
        by_name[language.casefold()] = by_name[language.replace("_", "-").casefold()] = language
    if locale.casefold() not in by_name:
        choices = ", ".join(sorted(set(by_name.values())))
        raise click.BadParameter(f"no letters in {locale!r}; use one of {choices}", param_hint="--locale")
    return by_name[locale.casefold()]


def _read_people(path: Path, languages: Iterable[str], locale: str, skip_bad: bool) -> PeopleFile:
    """Read and check the people file; stop here unless every row, or --skip-bad, allows going on."""
    people = read_people(path.read_bytes(), str(path), locales=languages, default_locale=locale)
    if not people.readable:
        _problems(people, f"{path} cannot be used; nothing was written:")
        raise SystemExit(1)
    if people.problems and not skip_bad:
        _problems(
            people,
            f"{len(people.problems)} problem(s) in {people.bad_rows} row(s) of {path}; nothing was written"
            " (fix them, or use --skip-bad to write the other rows):",
        )
        raise SystemExit(1)
    if people.problems:
        _problems(people, f"Skipping {people.bad_rows} bad row(s) of {path}:")
    if not people.people:
        click.secho(f"No good rows in {path}; nothing was written.", fg="red", err=True)
        raise SystemExit(1)
    return people


def _problems(people: PeopleFile, heading: str) -> None:
    click.secho(heading, fg="red", err=True)
    for problem in people.problems:
        click.echo(f"  {problem}", err=True)


def _refuse_to_overwrite(targets: list[Path], directory: Path, force: bool) -> None:
    existing = [path for path in targets if path.exists() or path.is_symlink()]
    if existing and not force:
        raise click.ClickException(
            f"{len(existing)} of the files to write already exist in {directory}"
            f" (such as {existing[0].name}); use --force to overwrite them"
        )


def _report(
    people: PeopleFile, sink: Sink, failures: list[tuple[Person, str]], path: Path, directory: Path
) -> None:
    for person, problem in sorted(failures, key=lambda failure: failure[0].line):
        click.secho(f"{path}:{person.line}: not written: {problem}", fg="red", err=True)
    where = sink.targets[0] if isinstance(sink, CombinedSink) else directory
    summary = f"Wrote {sink.letters} letter(s) to {where}"
    if people.problems:
        summary += f"; skipped {people.bad_rows} bad row(s)"
    if failures:
        summary += f"; {len(failures)} letter(s) failed (listed above)"
    click.echo(summary + ".")
    # Counts only: the people file's contents never reach the log.
    current_app.logger.info(
        "letters merge: %d written, %d bad rows skipped, %d failed",
        sink.letters,
        people.bad_rows,
        len(failures),
    )
    if failures:
        raise SystemExit(1)


COMMANDS = [letter_command, letters_group]
