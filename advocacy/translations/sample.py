"""The real country's data a translation is previewed and checked with."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from babel import Locale, UnknownLocaleError
from babel.core import get_global
from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from advocacy.countries.models import Case
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


# The sample's own paragraph in the template's language, so the preview reads as a letter in it
# (machine-assisted, not reviewed by a native speaker: listed for the translators to review).
# Other locales show the English one.
SAMPLE_PERSONAL = {
    "fr": "Ma famille a subi des pressions pour que je rentre.",
    "de": "Meine Familie wurde unter Druck gesetzt, damit ich zurückkehre.",
    "zh_Hans": "我的家人受到施压，要我回国。",
    "zh_Hant": "我的家人受到施壓，要我回國。",
    "ug": "ئائىلەمگە مېنى قايتىشقا مەجبۇرلاش ئۈچۈن بېسىم ئىشلىتىلدى.",
}
# The communities reading a locale with no country of its own in the data, as the cases name
# them (data/cases.csv `target_group`): the preview prefers where most of their cases are.
READERS = {"ug": ("Uyghur",), "zh_Hant": ("Hong Konger", "Taiwanese")}


def sample_people(locale: str) -> dict[str, Any]:
    """The sample sender and recipient, with the personal paragraph in the locale if there is one."""
    return letter_people(
        **{**SAMPLE_PEOPLE, "personal": SAMPLE_PERSONAL.get(locale, SAMPLE_PEOPLE["personal"])}
    )


def preferred_countries(session: Session, locale: str) -> list[str]:
    """Countries to preview a locale with, best first: where it is spoken (fr -> FR), then where
    the cases of the community reading it are (ug -> the countries of the Uyghurs' cases)."""
    try:  # CLDR's likely territory: fr -> FR, zh_Hant -> TW, ug -> CN
        likely = get_global("likely_subtags")
        parsed = Locale.parse(likely.get(locale) or likely.get(locale.split("_")[0]) or locale)
        preferred = [parsed.territory] if parsed.territory else []
    except (ValueError, UnknownLocaleError):
        preferred = []
    groups = READERS.get(locale, ())
    if groups:  # "Taiwanese" also counts "Taiwanese (fraud suspects)"
        wanted = or_(*(func.lower(Case.target_group).startswith(group.lower()) for group in groups))
        query = select(Case.country, func.count()).where(wanted).group_by(Case.country)
        ranked = sorted(session.execute(query).all(), key=lambda row: (-row[1], row[0]))
        preferred += [code for code, _count in ranked if code not in preferred]
    return preferred


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
    preferred += preferred_countries(session, locale)
    for code in [*preferred, *codes]:
        dossier = load_dossier(session, code) if code in codes else None
        fit = _fits(dossier, name) if dossier else None
        if dossier is None or fit is None:
            continue
        action, chamber = fit
        facts = fitting_facts(session, dossier, action, locale, chamber)
        limits = facts.limits if chamber and name != COVER_TEMPLATE else None
        return Sample(code, facts, people=sample_people(locale), limits=limits)
    return Sample(None, blank_facts(locale), people=sample_people(locale))
