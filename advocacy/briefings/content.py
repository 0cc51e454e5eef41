"""Build a country briefing from the database: plain data, every string in one locale.

Only public facts go in: `load_dossier` leaves restricted cases out, and the world
charts count public cases only, so no count can point at a restricted case.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from babel import Locale
from babel.dates import format_date
from sqlalchemy import select
from sqlalchemy.orm import Session

from advocacy.briefings.figures import case_charts, headline_figures
from advocacy.briefings.model import (
    ActionRow,
    Briefing,
    CaseRow,
    Event,
    InstrumentRow,
    Note,
    Question,
    RulingRow,
)
from advocacy.briefings.replies import reply_section
from advocacy.briefings.reporting import report_section
from advocacy.briefings.summary import headings, summary
from advocacy.briefings.translate import Translator
from advocacy.core.formatting import format_partial_date, formatting_locale
from advocacy.core.i18n import LOCALES
from advocacy.core.sandbox import TemplateError
from advocacy.countries import labels
from advocacy.countries.models import Case
from advocacy.countries.names import country_name
from advocacy.countries.repository import Dossier, load_dossier, world_figures
from advocacy.records.confidence import is_unsourced
from advocacy.records.dataset import current_version

logger = logging.getLogger(__name__)


class _Notes:
    """Number sources in the order facts cite them; one note per distinct source and date."""

    def __init__(self, t: Translator, locale: str) -> None:
        self.t, self.locale = t, locale
        self.notes: dict[tuple[Any, ...], Note] = {}

    def cite(self, record: Any) -> int:
        key = (record.source_title, record.source_url, record.as_of, record.verified, record.confidence)
        if key not in self.notes:
            urls = tuple((record.source_url or "").split())
            sites = ", ".join(url.split("/")[2] for url in urls if url.count("/") >= 2)
            source = f"{record.source_title} ({sites})" if sites else record.source_title
            as_of = format_partial_date(record.as_of, self.locale)
            level = self.t.label(labels.CONFIDENCE[record.confidence])
            facts = {"source": source, "date": as_of, "level": level}
            text = self._note_text(record.verified, bool(record.as_of), facts)
            self.notes[key] = Note(
                len(self.notes) + 1, record.source_title, urls, as_of, record.verified, text
            )
        return self.notes[key].number

    def _note_text(self, verified: bool, dated: bool, facts: dict[str, str]) -> str:
        """Say how sure the source is and the date of its evidence (as_of), or that it has none."""
        gettext = self.t.gettext
        if verified and dated:
            return gettext("%(source)s. Evidence dated %(date)s. Confidence: %(level)s.", **facts)
        if verified:
            return gettext("%(source)s. Date of the evidence not known. Confidence: %(level)s.", **facts)
        if dated:
            return gettext(
                "%(source)s. Not verified; evidence dated %(date)s. Confidence: %(level)s.", **facts
            )
        return gettext(
            "%(source)s. Not verified; date of the evidence not known. Confidence: %(level)s.", **facts
        )


def build_briefing(
    session: Session,
    code: str,
    locale: str,
    *,
    templates_root: Path,
    translations_dirs: Sequence[str | Path],
    today: datetime.date | None = None,
) -> Briefing | None:
    """Gather a country's briefing in a locale (a URL tag such as "zh-Hans"); None without data."""
    dossier = load_dossier(session, code)
    if dossier is None:
        return None
    babel_locale = LOCALES[locale]
    t = Translator(babel_locale, translations_dirs)
    notes = _Notes(t, babel_locale)
    country = country_name(code, babel_locale)
    today = today or datetime.date.today()
    instruments = _instruments(dossier, t, notes, babel_locale)
    timeline = _timeline(dossier, t, notes, babel_locale, country)
    rulings = tuple(
        RulingRow(
            format_partial_date(r.date, babel_locale),
            r.court,
            r.case_name,
            t.label(labels.OUTCOMES[r.outcome]),
            r.summary,
            notes.cite(r),
        )
        for r in dossier.rulings
    )
    cases = tuple(
        CaseRow(
            format_partial_date(str(c.year), babel_locale),
            c.person,
            t.label(labels.METHODS[c.method]),
            t.label(labels.OUTCOMES[c.outcome]),
            c.target_group,
            notes.cite(c),
        )
        for c in dossier.cases
    )
    figures = headline_figures(dossier.figures, world_figures(session), t, notes, babel_locale, country)
    world = list(session.execute(select(Case.year, Case.method).where(Case.public.is_(True))))
    language = Locale.parse(babel_locale)
    date = format_date(today, format="long", locale=formatting_locale(babel_locale))
    language_name = language.get_display_name() or locale
    last_verified = format_partial_date(dossier.last_verified, babel_locale)
    briefing = Briefing(
        code=code,
        locale=locale,
        babel_locale=babel_locale,
        lang=locale,
        direction=language.text_direction,
        country=country,
        title=t.gettext("Country briefing: %(country)s", country=country),
        date=date,
        locale_name=language_name,
        last_verified=last_verified,
        summary=summary(dossier, t, country, babel_locale),
        fallback_notice="",
        untranslated=0,
        text=headings(t, date=date, language=language_name, last_verified=last_verified),
        instruments=instruments,
        timeline=timeline,
        rulings=rulings,
        cases=cases,
        figures=figures,
        actions=_actions(dossier, t, babel_locale),
        question=_question(session, dossier, t, templates_root, babel_locale, today),
        charts=case_charts(dossier, world, t, country),
        notes=tuple(notes.notes.values()),
        case_count=len(dossier.cases),
        data_version=_data_version(session, t),
    )
    # Cited after every other fact, so the notes of the sections above keep their numbers.
    briefing = replace(briefing, report=report_section(session, code, t, notes.cite, country))
    briefing = replace(briefing, notes=tuple(notes.notes.values()))
    briefing = replace(briefing, replies=reply_section(session, dossier, t))
    if not t.incomplete:
        return briefing
    untranslated = len(t.missing)  # counted before the notice's own msgid joins them
    notice = t.gettext("Some headings are in English: this language's translation is incomplete.")
    return replace(briefing, fallback_notice=notice, untranslated=untranslated, english=frozenset(t.english))


def _data_version(session: Session, t: Translator) -> str:
    """Name the data version, so a fact in the briefing can be traced to its release."""
    version = current_version(session)
    return t.gettext("Data version: %(version)s", version=version) if version else ""


def _counterpart(instrument: Any, t: Translator) -> str:
    return t.gettext("with Hong Kong") if instrument.counterpart == "HK" else t.gettext("with the PRC")


def _instruments(dossier: Dossier, t: Translator, notes: _Notes, locale: str) -> tuple[InstrumentRow, ...]:
    rows = []
    for i in dossier.instruments:
        rows.append(
            InstrumentRow(
                t.label(labels.INSTRUMENTS[i.instrument]),
                _counterpart(i, t),
                t.label(labels.STATUSES[i.status]),
                format_partial_date(i.signed, locale),
                format_partial_date(i.in_force, locale),
                i.notes or "",
                notes.cite(i),
                i.verified,
            )
        )
    return tuple(rows)


def _timeline(dossier: Dossier, t: Translator, notes: _Notes, locale: str, country: str) -> tuple[Event, ...]:
    events = []
    for i in dossier.instruments:
        name = f"{t.label(labels.INSTRUMENTS[i.instrument])} ({_counterpart(i, t)})"
        if i.status == "not-ratified":
            suspended = t.gettext("Refused to ratify")
        else:
            suspended = t.gettext("Suspended by %(country)s", country=country)
        by_counterpart = (
            t.gettext("Suspended by Hong Kong")
            if i.counterpart == "HK"
            else t.gettext("Suspended by the PRC")
        )
        steps = [
            (i.signed, t.gettext("Signed")),
            (i.ratified, t.gettext("Ratified or approved by %(country)s", country=country)),
            (i.ratified_by_counterpart, _ratified_by(i, t)),
            (i.in_force, t.gettext("In force")),
            (i.suspended, suspended),
            (i.suspended_by_counterpart, by_counterpart),
            (i.ended, t.gettext("Ended")),
        ]
        for date, what in steps:
            if date:
                events.append(Event(date, format_partial_date(date, locale), name, what, notes.cite(i)))
    return tuple(sorted(events, key=lambda e: e.sort_key))


def _ratified_by(instrument: Any, t: Translator) -> str:
    if instrument.counterpart == "HK":
        return t.gettext("Ratified by Hong Kong")
    return t.gettext("Ratified by the PRC")


def _actions(dossier: Dossier, t: Translator, locale: str) -> tuple[ActionRow, ...]:
    chambers = {c.id: t.chamber(c.id, c.name) for c in dossier.chambers}
    rows = []
    for action in dossier.actions:
        title = t.label(labels.ACTIONS[action.id])
        if action.chamber:
            title = f"{title}: {chambers.get(action.chamber, action.chamber)}"
        reason = action.reason
        text = t.label(labels.REASONS[labels.reason_key(reason)]) % {
            "date": format_partial_date(reason.date, locale)
        }
        if not reason.verified and reason.source and is_unsourced({"source_title": reason.source}):
            text = t.gettext("Not verified, no published source: %(fact)s", fact=text)
        elif not reason.verified and reason.source:
            text = t.gettext(
                "According to %(source)s (not verified): %(fact)s", source=reason.source, fact=text
            )
        rows.append(ActionRow(title, text))
    return tuple(rows)


def _question(
    session: Session, dossier: Dossier, t: Translator, root: Path, locale: str, today: datetime.date
) -> Question | None:
    """Draft the written question for the country's first chamber that takes them."""
    from advocacy.letters.questions import pick_language, question_languages
    from advocacy.letters.service import QUESTION, UnknownLetter, letter_people, prepare
    from advocacy.letters.template import SOURCE_LOCALE

    offered = {a.chamber for a in dossier.actions if a.id == QUESTION}
    # The country's own chambers before those that also serve it (the European Parliament).
    candidates = sorted(
        (c for c in dossier.chambers if c.id in offered), key=lambda c: (c.country != dossier.code, c.id)
    )
    if not candidates:
        return None
    chamber = candidates[0]
    languages = question_languages(root, chamber.id, chamber.languages.split())
    # A reader the chamber's languages leave out more likely reads English than the chamber's first.
    lang = pick_language(languages, locale, fallback=SOURCE_LOCALE)
    if lang is None:
        return None
    try:
        prepared = prepare(session, root, dossier.code, QUESTION, lang, chamber.id)
        question = prepared.render(letter_people(today=today)).question
    except (UnknownLetter, TemplateError):
        # The briefing is still worth printing without the draft; the log says why.
        logger.exception("briefing: the written question for %s could not be drafted", chamber.id)
        return None
    assert question is not None  # prepared for a written question
    written = Locale.parse(question.locale)
    notice = ""
    if written.language != Locale.parse(locale).language:
        notice = t.gettext(
            "No draft exists in this language for this chamber; here it is in %(language)s.",
            language=written.get_display_name(locale) or question.locale,
        )
    if question.review == "not-reviewed":
        # The composer's own notice, so every catalog already translates it.
        unreviewed = t.gettext(
            "This translation has not yet been reviewed by a second translator. "
            "Please read it carefully before sending."
        )
        notice = f"{notice} {unreviewed}".strip()
    return Question(
        t.chamber(chamber.id, chamber.name),
        chamber.procedure or "",
        question.subject,
        question.body,
        question.locale.replace("_", "-"),
        written.text_direction,
        notice,
    )
