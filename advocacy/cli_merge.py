"""`advocacy letters merge`: a mail merge, one letter per row of a people file.

For staff running a postal or e-mail campaign. The people file is theirs, but names and
addresses are still kept out of logs: the log gets counts only, and problems are reported
by line and column, never by what a cell holds. Letters are written atomically (a temporary
file, then a rename), readable by their owner only, so an interrupted run leaves whole
letters or none.

PDFs are rendered in parallel by a worker pool (advocacy.workers). A letter the renderer
fails (time or memory limit) is reported by its line; the others are still written and the
exit status is 1. `--combined` renders each letter as its own document and joins them with
pikepdf. Rendering batches of letters as one document with page breaks was measured too
(bench/letters_merge.py --compare): up to ~10% faster and smaller files (fonts embedded once),
but the letter's footer counts the document's pages, so the third letter of a batch was
numbered "5/6" instead of "1/2". Correct numbering won.
"""

from __future__ import annotations

import contextlib
import datetime
import functools
import os
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from typing import Any

import click
from flask import current_app
from flask.cli import with_appcontext

from advocacy.campaigns import record_letter
from advocacy.composer import UnknownLetter, compose, letter_context, letter_people, served
from advocacy.domain.delivery import Letter, eml_bytes, full_text
from advocacy.domain.letters import (
    LetterTemplate,
    available_languages,
    letter_environment,
    tidy_paragraphs,
)
from advocacy.domain.merge import PeopleFile, Person, number_width, output_name, read_people
from advocacy.domain.sandbox import LimitedEnvironment, TemplateError, render
from advocacy.extensions import db
from advocacy.repository import Dossier, load_dossier
from advocacy.workers import RenderMemoryError, RenderTimeout, TaskFailed, WorkerCrashed, WorkerError

FORMATS = ("pdf", "txt", "eml")
COMBINED_STEM = "letters"
PRELOAD = ("advocacy.pdf.render",)
# Letters handed to the pool at once, per worker: enough that no worker waits while the
# main process composes the next letter, few enough to keep memory flat.
IN_FLIGHT_PER_WORKER = 3
TEMPLATE_SECONDS = 2.0  # as render_letter()
JOIN_GROUP = 100  # PDFs joined at once by --combined
PAGE_BREAK = "\f\n"  # between letters in a combined text file: a form feed starts a new page

Render = Callable[[Letter, Person], "Future[bytes]"]


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
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="pdf", show_default=True)
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
    root = Path(current_app.config["LETTER_TEMPLATES_DIR"])
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
        render = _text_renderer(fmt)
        if fmt == "pdf":
            executor = stack.enter_context(ThreadPoolExecutor(workers, thread_name_prefix="letters-merge"))
            render = _pdf_renderer(executor, workers)
        bar = stack.enter_context(
            click.progressbar(length=len(people.people), label="Writing letters", file=sys.stderr)
        )
        window = workers * IN_FLIGHT_PER_WORKER if fmt == "pdf" else 1
        pipeline = stack.enter_context(contextlib.closing(_pipeline(people.people, merger, render, window)))
        for done in pipeline:
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


class Merger:
    """Compose each person's letter for one country and action, and count letters written.

    compose() reads the country's record and compiles the template's Jinja source on every
    call, about 25 ms a letter, which made the main process the bottleneck of a merge. Here
    the record is read and the template compiled once per language; rendering still goes
    through the sandbox's render() with its time and size limits. The letters are compose()'s
    exactly (tests/test_merge.py checks it).
    """

    def __init__(self, root: Path, code: str, action: str) -> None:
        self.root, self.code, self.action = root, code, action
        self.today = datetime.date.today()
        self._dossier: Dossier | None = None
        self._prepared: dict[str, tuple[LetterTemplate, dict[str, Any], LimitedEnvironment]] = {}

    def check(self, locale: str) -> None:
        """Raise UnknownLetter (or TemplateError) before anything is written."""
        people = letter_people(sender_name="-", today=self.today)
        compose(db.session, self.root, code=self.code, action=self.action, locale=locale, people=people)
        self._dossier = load_dossier(db.session, self.code)

    def letter(self, person: Person) -> Letter:
        """Compose a person's letter (in the main thread: it reads the database)."""
        people = letter_people(
            sender_name=person.sender_name,
            sender_town=person.sender_town,
            recipient_name=person.recipient_name,
            recipient_title=person.recipient_title,
            recipient_address=person.recipient_address,
            recipient_email=person.recipient_email,
            personal=person.personal,
            today=self.today,
        )
        template, facts, environment = self._prepare(person.locale)
        context = {**facts, **people}
        subject = render(environment, template.subject, context, seconds=TEMPLATE_SECONDS).strip()
        body = tidy_paragraphs(render(environment, template.body, context, seconds=TEMPLATE_SECONDS))
        return Letter(
            locale=template.locale,
            subject=subject,
            body=body,
            sender_name=person.sender_name,
            sender_town=person.sender_town,
            recipient_name=person.recipient_name,
            recipient_email=person.recipient_email,
        )

    def count(self, letter: Letter) -> None:
        """Add a written letter to the campaign counts (country, action, locale, day)."""
        record_letter(db.session, country=self.code, action=self.action, locale=letter.locale, day=self.today)

    def _prepare(self, locale: str) -> tuple[LetterTemplate, dict[str, Any], LimitedEnvironment]:
        """Load the template, the country's facts and a compiling-once sandbox for a language."""
        if locale not in self._prepared:
            assert self._dossier is not None, "check() first"
            # What the composer serves: the approved translation, else the draft, else English.
            template = served(db.session, self.root, self.action, locale)[0]
            # The same facts compose() gives a template, before the people are added.
            facts = letter_context(db.session, self._dossier, locale, {}, None)
            environment = letter_environment(template.locale)
            # A template's source compiles to the same code for every row: compile it once.
            environment.from_string = functools.lru_cache(maxsize=4)(environment.from_string)  # type: ignore[method-assign]
            self._prepared[locale] = template, facts, environment
        return self._prepared[locale]


@dataclass
class Done:
    """A letter ready to write, or the reason it could not be made."""

    person: Person
    letter: Letter | None = None
    data: bytes = b""
    problem: str = ""


def _pipeline(people: list[Person], merger: Merger, render: Render, window: int) -> Iterator[Done]:
    """Compose letters in order and render up to `window` at once; yield them as they finish."""
    in_flight: dict[Future[bytes], tuple[Person, Letter]] = {}

    def finished(futures: Iterable[Future[bytes]]) -> Iterator[Done]:
        for future in sorted(futures, key=lambda f: in_flight[f][0].number):
            person, letter = in_flight.pop(future)
            try:
                yield Done(person, letter, future.result())
            except (WorkerError, ValueError) as error:
                yield Done(person, letter, problem=_describe(error))

    try:
        for person in people:
            try:
                letter = merger.letter(person)
            except TemplateError:
                yield Done(person, problem="the letter template failed for this row")
                continue
            in_flight[render(letter, person)] = (person, letter)
            while len(in_flight) >= window:
                done, _ = wait(in_flight, return_when=FIRST_COMPLETED)
                yield from finished(done)
        while in_flight:
            done, _ = wait(in_flight, return_when=FIRST_COMPLETED)
            yield from finished(done)
    finally:
        for future in in_flight:  # interrupted: letters not started yet are not rendered
            future.cancel()


def _pdf_renderer(executor: ThreadPoolExecutor, workers: int) -> Render:
    from advocacy.letter_pdf import ASSETS, RENDERER, letter_html
    from advocacy.workers import get_pool

    pool = get_pool(size=workers, preload=PRELOAD)

    def render(letter: Letter, person: Person) -> Future[bytes]:
        html = letter_html(letter, recipient_lines=person.recipient_lines)
        options = {
            "assets_dir": str(ASSETS),
            "title": letter.subject,
            "lang": letter.locale.replace("_", "-"),
        }
        # The pool lets one task at a time into each worker; the executor's threads wait there.
        return executor.submit(pool.run, RENDERER, html, **options)

    return render


def _text_renderer(fmt: str) -> Render:
    def render(letter: Letter, person: Person) -> Future[bytes]:
        future: Future[bytes] = Future()
        try:
            future.set_result(full_text(letter).encode() if fmt == "txt" else eml_bytes(letter))
        except ValueError as error:  # e.g. a header the e-mail policy refuses
            future.set_exception(error)
        return future

    return render


def _describe(error: Exception) -> str:
    """Say why a letter failed without quoting it (worker messages may quote the document)."""
    if isinstance(error, RenderTimeout):
        return "the PDF took longer than the renderer's time limit"
    if isinstance(error, RenderMemoryError):
        return "the PDF needed more memory than the renderer may use"
    if isinstance(error, WorkerCrashed):
        return "the PDF renderer crashed"
    if isinstance(error, TaskFailed):
        if error.type_name.endswith("MissingGlyphs"):
            return "some characters have no glyph in the installed fonts"
        return f"the PDF renderer failed ({error.type_name.rsplit('.', 1)[-1]})"
    return f"the letter could not be made ({type(error).__name__})"


class Sink:
    """Where finished letters go: `targets` are the files it will write."""

    targets: list[Path]
    letters = 0  # letters written

    def add(self, person: Person, letter: Letter, data: bytes, count: Callable[[Letter], None]) -> None:
        raise NotImplementedError

    def close(self, count: Callable[[Letter], None]) -> None:
        """Write whatever is still held."""


class FileSink(Sink):
    """One file per letter, named after the row."""

    def __init__(self, targets: dict[Person, Path]) -> None:
        self.by_person = targets
        self.targets = list(targets.values())

    def add(self, person: Person, letter: Letter, data: bytes, count: Callable[[Letter], None]) -> None:
        write_atomically(self.by_person[person], data)
        count(letter)
        self.letters += 1


class CombinedSink(Sink):
    """All letters in one file, in row order, each starting on a new page."""

    def __init__(self, path: Path, fmt: str) -> None:
        self.path, self.fmt = path, fmt
        self.targets = [path]
        self.parts: dict[int, tuple[Letter, bytes]] = {}

    def add(self, person: Person, letter: Letter, data: bytes, count: Callable[[Letter], None]) -> None:
        self.parts[person.number] = (letter, data)

    def close(self, count: Callable[[Letter], None]) -> None:
        if not self.parts:
            return
        letters, documents = zip(*(self.parts[number] for number in sorted(self.parts)), strict=True)
        if self.fmt == "pdf":
            data = join_pdfs(documents, title=letters[0].subject, lang=letters[0].locale.replace("_", "-"))
        else:
            data = PAGE_BREAK.encode().join(documents)
        write_atomically(self.path, data)
        for letter in letters:
            count(letter)
        self.letters = len(letters)


def join_pdfs(documents: Iterable[bytes], *, title: str, lang: str) -> bytes:
    """Join PDFs page after page into one, with a title and language."""
    try:
        import pikepdf
    except ImportError:  # pragma: no cover - pikepdf is needed by --combined only
        raise click.ClickException("--combined needs pikepdf: pip install pikepdf") from None
    parts = list(documents)
    # qpdf reads a source's pages only when the result is saved, so every source stays open
    # (and parsed) till then: join in groups, then the groups, to keep memory flat.
    while len(parts) > JOIN_GROUP:
        parts = [_join(pikepdf, parts[i : i + JOIN_GROUP]) for i in range(0, len(parts), JOIN_GROUP)]
    return _join(pikepdf, parts, title=title, lang=lang)


def _join(pikepdf: Any, parts: list[bytes], title: str | None = None, lang: str | None = None) -> bytes:
    with contextlib.ExitStack() as stack:
        sources = [stack.enter_context(pikepdf.open(BytesIO(data))) for data in parts]
        combined = stack.enter_context(pikepdf.new())
        for source in sources:
            combined.pages.extend(source.pages)
        if lang:
            combined.Root.Lang = pikepdf.String(lang)
        if title:
            combined.Root.ViewerPreferences = pikepdf.Dictionary(DisplayDocTitle=True)
            with combined.open_metadata(set_pikepdf_as_editor=False) as metadata:
                metadata["dc:title"] = title
        output = BytesIO()
        combined.save(output)
    return output.getvalue()


def write_atomically(path: Path, data: bytes) -> None:
    """Write a file through a temporary one in the same directory, then rename it into place."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise


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
