"""Preview a template being translated with a real country's data (no request objects)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from advocacy.composer import letter_context, letter_people
from advocacy.domain.countries import country_name
from advocacy.domain.letters import LetterTemplate, RenderedLetter, render_letter
from advocacy.domain.questions import COVER_TEMPLATE, QUESTION_PREFIX
from advocacy.domain.rules import recommend
from advocacy.domain.sandbox import TemplateError
from advocacy.models import Chamber, Instrument
from advocacy.repository import countries_with_data, load_dossier

# Who "writes" the preview: sample people, so conditions on them show their text.
SAMPLE_PEOPLE = {
    "sender_name": "Ada Example",
    "sender_town": "Exampleton",
    "recipient_name": "Sam Sample",
    "recipient_title": "",
    "personal": "",
}


@dataclass(frozen=True)
class Preview:
    """A rendered preview, or the error that stopped it."""

    letter: RenderedLetter | None
    error: str | None
    country: str


def action_of(name: str) -> tuple[str, str | None]:
    """Return the action id and chamber a template name stands for (pq-cover: any chamber)."""
    if name == COVER_TEMPLATE:
        return "pq", None
    if name.startswith(QUESTION_PREFIX):
        return "pq", name.removeprefix(QUESTION_PREFIX)
    return name, None


def preview_countries(session: Session, name: str) -> list[str]:
    """List the codes of countries the template's action fits (all with data if none)."""
    action, chamber = action_of(name)
    by_country: dict[str, list[Instrument]] = defaultdict(list)
    for instrument in session.scalars(select(Instrument).order_by(Instrument.id)):
        by_country[instrument.country].append(instrument)
    chambers = list(session.scalars(select(Chamber).order_by(Chamber.id)))
    codes = sorted(countries_with_data(session))
    fitting = []
    for code in codes:
        serving = [c for c in chambers if code in c.serves.split()]
        actions = recommend(code, by_country.get(code, []), serving)
        if any(a.id == action and (chamber is None or a.chamber == chamber) for a in actions):
            fitting.append(code)
    return fitting or codes


def country_choices(codes: list[str], locale: str) -> list[tuple[str, str]]:
    """Name the countries in the interface language, sorted by name."""
    return sorted(((code, country_name(code, locale)) for code in codes), key=lambda pair: pair[1])


def preview_context(session: Session, code: str, name: str, locale: str) -> dict[str, Any] | None:
    """Build the facts a template sees for this country, or None when it has no data."""
    dossier = load_dossier(session, code)
    if dossier is None:
        return None
    action, chamber = action_of(name)
    if action == "pq" and chamber is None:
        chamber = next((a.chamber for a in dossier.actions if a.id == "pq"), None)
    return letter_context(session, dossier, locale, letter_people(**SAMPLE_PEOPLE), chamber)


def render_preview(session: Session, template: LetterTemplate, code: str) -> Preview:
    """Render the draft with the country's data; a template error is reported, not raised."""
    context = preview_context(session, code, template.name, template.locale)
    if context is None:
        return Preview(None, f"no data for country {code}", code)
    try:
        return Preview(render_letter(template, context), None, code)
    except TemplateError as error:
        return Preview(None, str(error), code)
