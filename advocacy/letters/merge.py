"""Letters for a mail merge: prepared once per language, rendered per row, made into files in parallel.

Used by `advocacy letters merge` (advocacy.letters.cli); writing them out is
advocacy.letters.merge_files. Letters come from the one letter path (advocacy.letters.service).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path
from typing import cast

from sqlalchemy.orm import Session

from advocacy.core.extensions import db
from advocacy.core.sandbox import TemplateError
from advocacy.core.workers import RenderMemoryError, RenderTimeout, TaskFailed, WorkerCrashed, WorkerError
from advocacy.letters.counts import record_letter
from advocacy.letters.outputs import Letter
from advocacy.letters.people import Person
from advocacy.letters.service import Prepared, letter_people, prepare, to_bytes

PRELOAD = ("advocacy.pdf.render",)

Render = Callable[[Letter, Person], "Future[bytes]"]


class Merger:
    """Make each person's letter for one country and action, and count letters written.

    The country's record, the served text and the facts are read once per language
    (prepare()); each row only renders its people into them (Prepared.render()).
    """

    def __init__(self, root: Path, code: str, action: str) -> None:
        self.root, self.code, self.action = root, code, action
        # The app's scoped session stands in for the Session it proxies.
        self.session = cast(Session, db.session)
        self.today = datetime.date.today()
        self._prepared: dict[str, Prepared] = {}

    def check(self, locale: str) -> None:
        """Raise UnknownLetter (or TemplateError) before anything is written."""
        self._prepare(locale).render(letter_people(sender_name="-", today=self.today))

    def letter(self, person: Person) -> Letter:
        """Render a person's letter (in the main thread: preparing a language reads the database)."""
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
        return self._prepare(person.locale).render(people).finished(people, country=self.code)

    def count(self, letter: Letter) -> None:
        """Add a written letter to the campaign counts (country, action, locale, day)."""
        record_letter(
            self.session, country=self.code, action=self.action, locale=letter.locale, day=self.today
        )

    def _prepare(self, locale: str) -> Prepared:
        if locale not in self._prepared:
            self._prepared[locale] = prepare(self.session, self.root, self.code, self.action, locale)
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


def renderer(fmt: str, executor: ThreadPoolExecutor | None = None, workers: int = 1) -> Render:
    """Make letters into files: PDFs in the executor's threads (each waits for a worker), others at once."""
    if fmt != "pdf" or executor is None:
        return lambda letter, person: _done(fmt, letter)
    from advocacy.core.workers import get_pool

    pool = get_pool(size=workers, preload=PRELOAD)

    def render(letter: Letter, person: Person) -> Future[bytes]:
        # The pool lets one task at a time into each worker; the executor's threads wait there.
        return executor.submit(to_bytes, letter, fmt, recipient_lines=person.recipient_lines, pool=pool)

    return render


def _done(fmt: str, letter: Letter) -> Future[bytes]:
    future: Future[bytes] = Future()
    try:
        future.set_result(to_bytes(letter, fmt))
    except ValueError as error:  # e.g. a header the e-mail policy refuses
        future.set_exception(error)
    return future


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
