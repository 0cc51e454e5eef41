"""Read a country's public record from the database."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from advocacy.countries.models import Case, Chamber, Figure, Instrument, Ruling, Sourced
from advocacy.countries.rules import Action, recommend
from advocacy.countries.status import badges

INSTRUMENT_ORDER = [
    "extradition-treaty",
    "hk-surrender-agreement",
    "nsc-memorandum",
    "mlat",
    "police-cooperation",
]


@dataclass
class Dossier:
    """Everything public about one country, plus the actions that fit it."""

    code: str
    instruments: list[Instrument]
    rulings: list[Ruling]
    cases: list[Case]
    figures: list[Figure]
    chambers: list[Chamber]
    actions: list[Action] = field(default_factory=list)
    badges: list[str] = field(default_factory=list)

    @property
    def last_verified(self) -> str | None:
        """Return the newest evidence date (as_of) among the country's facts, if any is dated.

        Briefings print it as "most recent evidence"; each fact shows its own date.
        """
        facts: list[Sourced] = [*self.instruments, *self.rulings, *self.cases, *self.figures]
        dates = [r.as_of for r in facts if r.as_of]
        return max(dates, default=None)


def countries_with_data(session: Session) -> set[str]:
    """Return the codes of countries with at least one public fact."""
    codes: set[str] = set()
    for column in (Instrument.country, Ruling.country, Figure.scope):
        codes.update(session.scalars(select(column).distinct()))
    codes.update(session.scalars(select(Case.country).where(Case.public.is_(True)).distinct()))
    codes.discard("WORLD")
    return codes


def country_badges(session: Session) -> dict[str, list[str]]:
    """Return every country with data and its status badges."""
    by_country: dict[str, list[Instrument]] = defaultdict(list)
    for instrument in session.scalars(select(Instrument).order_by(Instrument.id)):
        by_country[instrument.country].append(instrument)
    return {code: badges(by_country.get(code, [])) for code in countries_with_data(session)}


def load_dossier(session: Session, code: str) -> Dossier | None:
    """Return the country's public record, or None when there is no data for it."""
    instruments = list(session.scalars(select(Instrument).where(Instrument.country == code)))
    instruments.sort(key=lambda i: (INSTRUMENT_ORDER.index(i.instrument), i.id))
    rulings = list(session.scalars(select(Ruling).where(Ruling.country == code).order_by(Ruling.date.desc())))
    cases = list(
        session.scalars(
            select(Case)
            .where(Case.country == code, Case.public.is_(True))
            .order_by(Case.year.desc(), Case.id)
        )
    )
    figures = list(session.scalars(select(Figure).where(Figure.scope == code).order_by(Figure.id)))
    if not (instruments or rulings or cases or figures):
        return None
    chambers = [c for c in session.scalars(select(Chamber).order_by(Chamber.id)) if code in c.serves.split()]
    dossier = Dossier(code, instruments, rulings, cases, figures, chambers)
    dossier.actions = recommend(code, instruments, chambers)
    dossier.badges = badges(instruments)
    return dossier


def world_figures(session: Session) -> list[Figure]:
    """Return the worldwide headline figures."""
    return list(session.scalars(select(Figure).where(Figure.scope == "WORLD").order_by(Figure.id)))
