"""The one letter path: prepare a country's letter once, render it for people, turn it into bytes.

Every letter is made here: the web composers, `advocacy letter`, the mail merge
(prepared once per language, rendered per row), the briefing's draft question and the
translation preview (which renders a draft text with the same facts).
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from advocacy.countries.models import Chamber, Figure, Ruling
from advocacy.countries.repository import Dossier, load_dossier
from advocacy.letters.context import build_context
from advocacy.letters.outputs import Letter, eml_bytes, full_text
from advocacy.letters.pdf import letter_pdf
from advocacy.letters.questions import COVER_TEMPLATE, Limits, question_languages, question_template
from advocacy.letters.served import Served, served_template
from advocacy.letters.template import LetterTemplate, RenderedLetter, render_letter
from advocacy.reporting.facts import reporting_facts

if TYPE_CHECKING:
    from advocacy.core.workers import WorkerPool

QUESTION = "pq"  # the action of drafting a written question for a member to table
FORMATS = ("txt", "eml", "pdf")
NO_COUNTRY = "ZZ"


class UnknownLetter(LookupError):
    """No such country, or the action does not fit it."""


def letter_people(
    *,
    sender_name: str = "",
    sender_town: str = "",
    recipient_name: str = "",
    recipient_title: str = "",
    recipient_group: str = "",
    recipient_address: str = "",
    recipient_email: str = "",
    personal: str = "",
    today: datetime.date | None = None,
) -> dict[str, Any]:
    """Gather what the campaigner typed into the shape templates expect."""
    return {
        "sender": {"name": sender_name, "town": sender_town},
        "recipient": {
            "name": recipient_name,
            "title": recipient_title,
            "group": recipient_group,
            "address": recipient_address,
            "email": recipient_email,
        },
        "personal": personal.strip(),
        "today": (today or datetime.date.today()).isoformat(),
    }


def letter_context(
    session: Session, dossier: Dossier, locale: str, people: Mapping[str, Any], chamber: str | None
) -> dict[str, Any]:
    """Build the facts and people a letter template sees."""
    context = build_context(
        code=dossier.code,
        locale=locale,
        instruments=dossier.instruments,
        rulings=dossier.rulings,
        all_rulings=list(session.scalars(select(Ruling).order_by(Ruling.date))),
        public_cases=dossier.cases,
        figures=session.scalars(select(Figure).where(Figure.scope == "WORLD")),
        people=people,
        chamber=next((c for c in dossier.chambers if c.id == chamber), None),
    )
    # Whether the country has a dedicated reporting channel, and who has called for one.
    return {**context, "reporting": reporting_facts(session, dossier.code)}


@dataclass(frozen=True)
class Facts:
    """A country's facts in one language (and chamber): what every letter for it shares."""

    code: str
    locale: str
    chamber: Chamber | None
    context: Mapping[str, Any]

    @property
    def limits(self) -> Limits | None:
        """Give the chamber's caps on a written question (None without a chamber)."""
        if self.chamber is None:
            return None
        return Limits(self.chamber.word_limit, self.chamber.subquestion_limit)

    def render(self, template: LetterTemplate, people: Mapping[str, Any]) -> RenderedLetter:
        """Render any text of a template with these facts and the people's details."""
        # The people come last, as build_context puts them: a letter's context exactly.
        return render_letter(template, {**self.context, **people})


def fitting_facts(
    session: Session, dossier: Dossier, action: str, locale: str, chamber: str | None = None
) -> Facts:
    """Check that the action fits the country (in the chamber, if given) and build its facts."""
    if not any(a.id == action and (chamber is None or a.chamber == chamber) for a in dossier.actions):
        if action == QUESTION:
            raise UnknownLetter(f"{dossier.code} has no written-question procedure in {chamber!r}")
        raise UnknownLetter(f"the action {action!r} does not fit {dossier.code}")
    found = next((c for c in dossier.chambers if c.id == chamber), None)
    return Facts(dossier.code, locale, found, letter_context(session, dossier, locale, {}, chamber))


def blank_facts(locale: str) -> Facts:
    """Build the facts of no country, for a template no country's situation calls for."""
    context = build_context(
        code=NO_COUNTRY, locale=locale, instruments=[], rulings=[], all_rulings=[], public_cases=[],
        figures=[], people={},
    )  # fmt: skip
    return Facts(NO_COUNTRY, locale, None, context)


@dataclass(frozen=True)
class Composed:
    """A letter for given people; for a written question, the covering letter and the question."""

    letter: RenderedLetter
    question: RenderedLetter | None = None

    @property
    def locale(self) -> str:
        """Name the language it is written in (the question's, for a written question)."""
        return (self.question or self.letter).locale

    @property
    def review(self) -> str:
        """Name the notice it needs: "english", else "not-reviewed", else the letter's own state."""
        states = {part.review for part in (self.letter, self.question) if part is not None}
        return next((state for state in ("english", "not-reviewed") if state in states), self.letter.review)

    def finished(
        self,
        people: Mapping[str, Any],
        *,
        chamber: str | None = None,
        form_of_address: str = "neutral",
        country: str = "",
    ) -> Letter:
        """Make the letter to send: the people's names around the text, the question after it."""
        sender, recipient = people["sender"], people["recipient"]
        return Letter(
            self.letter.locale, self.letter.subject, self.letter.body,
            sender["name"], sender["town"], recipient["name"], recipient["email"],
            chamber=chamber, form_of_address=form_of_address,
            question=self.question.body if self.question is not None else "", country=country,
        )  # fmt: skip


@dataclass(frozen=True)
class Prepared:
    """A country's letter for one action in one language, ready to render for any people."""

    facts: Facts
    text: Served  # the letter, or a written question's covering letter
    question: Served | None = None

    def render(self, people: Mapping[str, Any]) -> Composed:
        """Render the letter (and the written question) for these people."""
        question = self._render(self.question, people) if self.question is not None else None
        return Composed(self._render(self.text, people), question)

    def _render(self, served: Served, people: Mapping[str, Any]) -> RenderedLetter:
        return replace(self.facts.render(served.template, people), review=served.review)


def prepare(
    session: Session, templates_root: Path, country: str, action: str, locale: str, chamber: str | None = None
) -> Prepared:
    """Load the country once, check the action fits, pick the served text and build the facts."""
    dossier = load_dossier(session, country)
    if dossier is None:
        raise UnknownLetter(f"no data for country {country!r}")
    if action != QUESTION:
        facts = fitting_facts(session, dossier, action, locale, chamber)
        return Prepared(facts, served_template(session, templates_root, action, locale))
    if chamber is None:
        raise UnknownLetter("a written question needs the chamber it is tabled in")
    facts = fitting_facts(session, dossier, action, locale, chamber)
    assert facts.chamber is not None  # a question fits only in a chamber the dossier lists
    if locale not in question_languages(templates_root, chamber, facts.chamber.languages.split()):
        raise UnknownLetter(f"no question for {chamber!r} in {locale!r}")
    cover = served_template(session, templates_root, COVER_TEMPLATE, locale)
    asked = served_template(session, templates_root, question_template(chamber), locale)
    return Prepared(facts, cover, asked)


def to_bytes(
    letter: Letter,
    fmt: str,
    *,
    recipient_lines: Sequence[str] | None = None,
    pool: WorkerPool | None = None,
) -> bytes:
    """Turn a finished letter into a file: plain text, an unsent e-mail, or a PDF from the worker pool."""
    if fmt == "txt":
        return full_text(letter).encode()
    if fmt == "eml":
        return eml_bytes(letter)
    if fmt == "pdf":
        return letter_pdf(letter, recipient_lines=recipient_lines, pool=pool)
    raise ValueError(f"no letter format {fmt!r} (use one of {', '.join(FORMATS)})")
