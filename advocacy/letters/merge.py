"""Letters for a mail merge: composed in the main thread, rendered in parallel, yielded in row order.

Used by `advocacy letters merge` (advocacy.letters.cli_merge); writing them out is
advocacy.letters.merge_files.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from advocacy.core.extensions import db
from advocacy.core.sandbox import TemplateError
from advocacy.core.workers import RenderMemoryError, RenderTimeout, TaskFailed, WorkerCrashed, WorkerError
from advocacy.countries.repository import Dossier, load_dossier
from advocacy.letters.counts import record_letter
from advocacy.letters.outputs import Letter, eml_bytes, full_text
from advocacy.letters.people import Person
from advocacy.letters.service import compose, letter_context, letter_people, served
from advocacy.letters.template import LetterTemplate, render_letter

PRELOAD = ("advocacy.pdf.render",)

Render = Callable[[Letter, Person], "Future[bytes]"]


class Merger:
    """Compose each person's letter for one country and action, and count letters written.

    compose() reads the country's record on every call, which made the main process the
    bottleneck of a merge. Here the record and the template are read once per language;
    rendering is render_letter()'s, in the sandbox with its limits and compiled-source
    cache. The letters are compose()'s exactly (tests/test_merge.py checks it).
    """

    def __init__(self, root: Path, code: str, action: str) -> None:
        self.root, self.code, self.action = root, code, action
        self.today = datetime.date.today()
        self._dossier: Dossier | None = None
        self._prepared: dict[str, tuple[LetterTemplate, dict[str, Any]]] = {}

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
        template, facts = self._prepare(person.locale)
        rendered = render_letter(template, {**facts, **people})
        return Letter(
            locale=rendered.locale,
            subject=rendered.subject,
            body=rendered.body,
            sender_name=person.sender_name,
            sender_town=person.sender_town,
            recipient_name=person.recipient_name,
            recipient_email=person.recipient_email,
        )

    def count(self, letter: Letter) -> None:
        """Add a written letter to the campaign counts (country, action, locale, day)."""
        record_letter(db.session, country=self.code, action=self.action, locale=letter.locale, day=self.today)

    def _prepare(self, locale: str) -> tuple[LetterTemplate, dict[str, Any]]:
        """Load the template and the country's facts for a language, once."""
        if locale not in self._prepared:
            assert self._dossier is not None, "check() first"
            # What the composer serves: the approved translation, else the draft, else English.
            template = served(db.session, self.root, self.action, locale)[0]
            # The same facts compose() gives a template, before the people are added.
            facts = letter_context(db.session, self._dossier, locale, {}, None)
            self._prepared[locale] = template, facts
        return self._prepared[locale]


@dataclass
class Done:
    """A letter ready to write, or the reason it could not be made."""

    person: Person
    letter: Letter | None = None
    data: bytes = b""
    problem: str = ""


def pipeline(people: list[Person], merger: Merger, render: Render, window: int) -> Iterator[Done]:
    """Compose letters in order and render up to `window` at once; yield them as they finish."""
    in_flight: dict[Future[bytes], tuple[Person, Letter]] = {}

    def finished(futures: Iterable[Future[bytes]]) -> Iterator[Done]:
        for future in sorted(futures, key=lambda f: in_flight[f][0].number):
            person, letter = in_flight.pop(future)
            try:
                yield Done(person, letter, future.result())
            except (WorkerError, ValueError) as error:
                yield Done(person, letter, problem=describe(error))

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


def pdf_renderer(executor: ThreadPoolExecutor, workers: int) -> Render:
    from advocacy.core.workers import get_pool
    from advocacy.letters.pdf import ASSETS, letter_html
    from advocacy.pdf import RENDER_TASK

    pool = get_pool(size=workers, preload=PRELOAD)

    def render(letter: Letter, person: Person) -> Future[bytes]:
        html = letter_html(letter, recipient_lines=person.recipient_lines)
        options = {
            "assets_dir": str(ASSETS),
            "title": letter.subject,
            "lang": letter.locale.replace("_", "-"),
        }
        # The pool lets one task at a time into each worker; the executor's threads wait there.
        return executor.submit(pool.run, RENDER_TASK, html, **options)

    return render


def text_renderer(fmt: str) -> Render:
    def render(letter: Letter, person: Person) -> Future[bytes]:
        future: Future[bytes] = Future()
        try:
            future.set_result(full_text(letter).encode() if fmt == "txt" else eml_bytes(letter))
        except ValueError as error:  # e.g. a header the e-mail policy refuses
            future.set_exception(error)
        return future

    return render


def describe(error: Exception) -> str:
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
