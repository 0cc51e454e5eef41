"""The real country's data a translation is previewed and checked with."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from advocacy.countries.repository import Dossier, countries_with_data, load_dossier
from advocacy.letters.questions import COVER_TEMPLATE, QUESTION_PREFIX, Limits
from advocacy.letters.service import letter_context, letter_people

# Typed by nobody: a sample sender and recipient, so that every branch about them renders.
SAMPLE_PEOPLE = {
    "sender_name": "Ada Example",
    "sender_town": "Lyon",
    "recipient_name": "Jean Dupont",
    "recipient_title": "Member of Parliament",
    "personal": "My family has been pressed to make me return.",
}


@dataclass
class Sample:
    """A country's facts and sample people in a template's context, and its chamber's limits."""

    country: str | None
    context: dict[str, Any] = field(default_factory=dict)
    limits: Limits | None = None


def _fits(dossier: Dossier, name: str) -> str | bool | None:
    """Return the chamber the template is for in this country (None for a letter), or False."""
    for action in dossier.actions:
        if action.id == "pq" and name in (f"{QUESTION_PREFIX}{action.chamber}", COVER_TEMPLATE):
            return action.chamber
        if action.id == name:
            return None
    return False


def sample_context(session: Session, name: str, locale: str, country: str | None = None) -> Sample:
    """Build the context of a country the template fits: the chosen one, else one of the locale's."""
    codes = sorted(countries_with_data(session))
    preferred = [country] if country else []
    preferred.append(locale.split("_")[0].upper())
    for code in [*preferred, *codes]:
        dossier = load_dossier(session, code) if code in codes else None
        chamber = _fits(dossier, name) if dossier else False
        if chamber is False:
            continue
        context = letter_context(session, dossier, locale, letter_people(**SAMPLE_PEOPLE), chamber)
        limits = None
        if chamber and name != COVER_TEMPLATE:
            found = next(c for c in dossier.chambers if c.id == chamber)
            limits = Limits(found.word_limit, found.subquestion_limit)
        return Sample(code, context, limits)
    return Sample(None, letter_context_without_country(locale), None)


def letter_context_without_country(locale: str) -> dict[str, Any]:
    """A context with no country facts, for a template no country's situation calls for."""
    from advocacy.letters.context import build_context

    return build_context(
        code="ZZ", locale=locale, instruments=[], rulings=[], all_rulings=[], public_cases=[],
        figures=[], people=letter_people(**SAMPLE_PEOPLE),
    )  # fmt: skip
