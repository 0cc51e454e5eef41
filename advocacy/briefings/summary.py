"""The briefing's own words: the summary paragraph generated from the data, and its headings."""

from __future__ import annotations

from collections import Counter

from advocacy.briefings.translate import Translator
from advocacy.core.formatting import format_number, format_partial_date, formatting_locale
from advocacy.core.i18n import join_names
from advocacy.countries import labels
from advocacy.countries.repository import Dossier

# Languages written without spaces between sentences.
NO_SPACE_BETWEEN_SENTENCES = frozenset({"zh", "ja"})


def summary(dossier: Dossier, t: Translator, country: str, locale: str) -> str:
    """Say in one paragraph what binds the country to the PRC and Hong Kong, its courts and its cases."""
    sentences = [
        _bindings(dossier, t, country, locale),
        _courts(dossier, t, locale),
        _cases(dossier, t, locale),
    ]
    if dossier.actions:
        first = t.label(labels.ACTIONS[dossier.actions[0].id])
        sentences.append(t.gettext("First recommended action: %(action)s.", action=first))
    joiner = "" if locale.split("_")[0] in NO_SPACE_BETWEEN_SENTENCES else " "
    text = joiner.join(sentences)
    if all(sentence in t.english for sentence in sentences):
        t.english.add(text)  # wholly English: the layout marks it so
    return text


def _bindings(dossier: Dossier, t: Translator, country: str, locale: str) -> str:
    if not dossier.instruments:
        return t.gettext("No treaty or agreement with the PRC or Hong Kong is recorded for this country.")
    items = [
        t.gettext(
            "%(instrument)s (%(status)s)",
            instrument=t.label(labels.INSTRUMENTS[i.instrument]),
            status=t.label(labels.STATUSES[i.status]),
        )
        for i in dossier.instruments
    ]
    singular = "%(country)s has %(num)s instrument with the PRC or Hong Kong on record: %(list)s."
    # An untranslated sentence stays English throughout: "A, B and C", not "A, B et C".
    list_locale = formatting_locale(locale) if t.has(singular) else "en"
    return t.ngettext(
        "%(country)s has %(num)s instrument with the PRC or Hong Kong on record: %(list)s.",
        "%(country)s has %(num)s instruments with the PRC or Hong Kong on record: %(list)s.",
        len(items),
        country=country,
        num=format_number(len(items), locale),
        list=join_names(items, list_locale),
    )


def _courts(dossier: Dossier, t: Translator, locale: str) -> str:
    if not dossier.rulings:
        return t.gettext("No court ruling on an extradition to the PRC is recorded.")
    latest = dossier.rulings[0]  # load_dossier orders them newest first
    return t.ngettext(
        "Its courts have decided %(num)s extradition case involving the PRC; the latest "
        "(%(date)s, %(court)s): %(outcome)s.",
        "Its courts have decided %(num)s extradition cases involving the PRC; the latest "
        "(%(date)s, %(court)s): %(outcome)s.",
        len(dossier.rulings),
        num=format_number(len(dossier.rulings), locale),
        date=format_partial_date(latest.date, locale),
        court=latest.court,
        outcome=t.label(labels.OUTCOMES[latest.outcome]),
    )


def _cases(dossier: Dossier, t: Translator, locale: str) -> str:
    if not dossier.cases:
        return t.gettext("No public case of an attempted involuntary return is recorded.")
    years = sorted(c.year for c in dossier.cases)
    period = str(years[0]) if years[0] == years[-1] else f"{years[0]}–{years[-1]}"
    method = Counter(c.method for c in dossier.cases).most_common(1)[0][0]
    return t.ngettext(
        "%(num)s public case of an attempted involuntary return is known (%(period)s); "
        "the most common method: %(method)s.",
        "%(num)s public cases of an attempted involuntary return are known (%(period)s); "
        "the most common method: %(method)s.",
        len(dossier.cases),
        num=format_number(len(dossier.cases), locale),
        period=period,
        method=t.label(labels.METHODS[method]),
    )


def headings(t: Translator, *, date: str, language: str, last_verified: str) -> dict[str, str]:
    """Translate every heading, column and cover line the layout prints."""
    return {
        "kicker": t.gettext("Country briefing"),
        "prepared": t.gettext("Prepared on %(date)s", date=date),
        "language": t.gettext("Language: %(language)s", language=language),
        "last_verified": t.gettext("Most recent evidence: %(date)s", date=last_verified),
        "method_note": t.gettext(
            "Every fact is footnoted with its source and the date of its evidence. "
            "Cases whose details are restricted are neither shown nor counted."
        ),
        "english_note": t.gettext("Names, notes and summaries quoted from the data are in English."),
        "summary": t.gettext("Summary"),
        "instruments": t.gettext("Treaties and agreements"),
        "no_instruments": t.gettext(
            "No treaty or agreement with the PRC or Hong Kong is recorded for this country."
        ),
        "timeline": t.gettext("Timeline"),
        "rulings": t.gettext("Court rulings"),
        "no_rulings": t.gettext("No court ruling on an extradition to the PRC is recorded."),
        "cases": t.gettext("Known cases"),
        "no_cases": t.gettext("No public case of an attempted involuntary return is recorded."),
        "figures": t.gettext("Headline figures"),
        "charts": t.gettext("Cases in charts"),
        "actions": t.gettext("What you can ask for"),
        "question": t.gettext("Draft written question"),
        "procedure": t.gettext("Procedure"),
        "sources": t.gettext("Sources"),
        "instrument": t.gettext("Instrument"),
        "status": t.gettext("Status"),
        "signed": t.gettext("Signed"),
        "in_force": t.gettext("In force"),
        "source": t.gettext("Source"),
        "date": t.gettext("Date"),
        "event": t.gettext("Event"),
        "court": t.gettext("Court"),
        "case": t.gettext("Case"),
        "outcome": t.gettext("Outcome"),
        "year": t.gettext("Year"),
        "person": t.gettext("Person"),
        "method": t.gettext("Method"),
        "group": t.gettext("Target group"),
        "scope": t.gettext("Scope"),
        "value": t.gettext("Value"),
        "statement": t.gettext("Statement"),
    }
