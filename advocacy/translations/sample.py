"""The real country's data a translation is previewed and checked with."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from advocacy.countries.repository import Dossier, countries_with_data, load_dossier
from advocacy.letters.questions import COVER_TEMPLATE, QUESTION_PREFIX, Limits
from advocacy.letters.service import QUESTION, Facts, blank_facts, fitting_facts, letter_people
from advocacy.letters.template import LetterTemplate, RenderedLetter

# Typed by nobody: a sample sender and recipient, so that every branch about them renders.
SAMPLE_PEOPLE: dict[str, Any] = {
    "sender_name": "Ada Example",
    "sender_town": "Lyon",
    "recipient_name": "Jean Dupont",
    "recipient_title": "Member of Parliament",
    "recipient_group": "Example Group",
    "personal": "My family has been pressed to make me return.",
}


@dataclass
class Sample:
    """A country's facts and sample people in a template's context, and its chamber's limits."""

    country: str | None
    facts: Facts
    people: dict[str, Any] = field(default_factory=lambda: letter_people(**SAMPLE_PEOPLE))
    limits: Limits | None = None

    @property
    def context(self) -> dict[str, Any]:
        """Give what a template sees: the facts, then the sample people."""
        return {**self.facts.context, **self.people}

    def render(self, template: LetterTemplate) -> RenderedLetter:
        """Render a text (a translation being edited) with the sample's facts and people."""
        return self.facts.render(template, self.people)


def action_of(name: str) -> tuple[str, str | None]:
    """Return the action id and chamber a template name stands for (pq-cover: any chamber)."""
    if name == COVER_TEMPLATE:
        return QUESTION, None
    if name.startswith(QUESTION_PREFIX):
        return QUESTION, name.removeprefix(QUESTION_PREFIX)
    return name, None


def _fits(dossier: Dossier, name: str) -> tuple[str, str | None] | None:
    """Return the action and chamber (None for a letter) the template is for in this country, if any."""
    action, chamber = action_of(name)
    for fitting in dossier.actions:
        if fitting.id == action and (chamber is None or fitting.chamber == chamber):
            return action, fitting.chamber if action == QUESTION else None
    return None


def sample_context(session: Session, name: str, locale: str, country: str | None = None) -> Sample:
    """Build the context of a country the template fits: the chosen one, else one of the locale's."""
    codes = sorted(countries_with_data(session))
    preferred = [country] if country else []
    preferred.append(locale.split("_")[0].upper())
    for code in [*preferred, *codes]:
        dossier = load_dossier(session, code) if code in codes else None
        fit = _fits(dossier, name) if dossier else None
        if dossier is None or fit is None:
            continue
        action, chamber = fit
        facts = fitting_facts(session, dossier, action, locale, chamber)
        limits = facts.limits if chamber and name != COVER_TEMPLATE else None
        return Sample(code, facts, limits=limits)
    return Sample(None, blank_facts(locale))
