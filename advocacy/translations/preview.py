"""Preview a template being translated with a real country's data (no request objects)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from advocacy.countries.models import Chamber, Instrument
from advocacy.countries.names import country_name
from advocacy.countries.repository import countries_with_data
from advocacy.countries.rules import recommend
from advocacy.letters.template import LetterTemplate, RenderedLetter
from advocacy.translations import isolated
from advocacy.translations.sample import action_of, sample_context


@dataclass(frozen=True)
class Preview:
    """A rendered preview, or the error that stopped it."""

    letter: RenderedLetter | None
    error: str | None
    country: str


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


def render_preview(session: Session, template: LetterTemplate, code: str) -> Preview:
    """Render the draft with the country's data (another that fits if it does not); errors are reported."""
    sample = sample_context(session, template.name, template.locale, code or None)
    letter, error = isolated.preview(sample, template)  # in a worker, under OS limits
    return Preview(letter, error, sample.country or "")
